package externalapi

import _ "embed"

// The names the early start's page data, script and Go side agree on.
const (
	// EarlyStartDataID is the id of the page's
	// <script type="application/json"> element that EarlyStart.JSON fills.
	EarlyStartDataID = "meetbridge-early-start"
	// EarlyStartGlobal is the window property under which
	// EarlyStartScript keeps the early meeting until Adopt takes it (see
	// early_start.js for its fields).
	EarlyStartGlobal = "meetbridgeEarlyStart"
	// EarlyStartPath is where cmd/server serves EarlyStartScript.
	EarlyStartPath = "/meetbridge-early-start.js"
)

// EarlyStartScript is the script that starts the meeting described by the
// page's EarlyStart data before the Go module runs (early_start.js): it
// creates the provider's External API object and records the meeting's events
// until Adopt takes it over. It is a plain file, without eval, for a strict
// Content-Security-Policy; cmd/server serves it at EarlyStartPath.
//
//go:embed early_start.js
var EarlyStartScript []byte
