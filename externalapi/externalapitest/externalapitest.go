// Package externalapitest provides a JavaScript test double of the External
// API for browser tests of code built on package externalapi. The double
// records executeCommand calls, emits events on request, answers getters from
// a table (or never, to test hung promises) and counts its listeners; see
// fake_external_api.js for its test-facing methods.
//
// Use it as a provider:
//
//	p := externalapi.Provider{Name: "fake", Domain: "meet.test",
//		Global: externalapitest.Global, ScriptURL: externalapitest.ScriptURL()}
//
// The last object it constructed is window.FakeMeetExternalAPI.last.
package externalapitest

import (
	_ "embed"
	"encoding/base64"
)

// Script is the double's source.
//
//go:embed fake_external_api.js
var Script string

// Global is the name of the constructor the script defines.
const Global = "FakeMeetExternalAPI"

// ScriptURL returns the script as a data: URL, so that tests need no server.
func ScriptURL() string {
	return "data:text/javascript;base64," + base64.StdEncoding.EncodeToString([]byte(Script))
}
