// Package e2e holds the end-to-end tests: the Go bridge, compiled to
// WebAssembly and running in headless Chromium, drives the sandbox
// conference of cmd/server through the sandbox's /external_api.js.
//
// scripts/e2e.sh (make test-e2e) starts the server, points the wasm test
// runner at it (MEETBRIDGE_WASMTEST_BACKEND, so the test page and the
// conference share an origin and the tests can read the conference's state)
// and passes the sandbox control token as MEETBRIDGE_SANDBOX_CONTROL_TOKEN
// and the moderator's password as MEETBRIDGE_E2E_MODERATOR_PASSWORD: the
// server verifies jwts, so a page without one is only a participant, and
// the harness joins each room with a moderator jwt from POST /api/token.
package e2e
