package externalapi

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
