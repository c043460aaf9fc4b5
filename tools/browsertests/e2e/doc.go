// Package e2e holds the end-to-end host tests and benchmarks of the product
// in headless Chromium: the go-app join page and the moderator console,
// built as make build builds them and served with the sandbox by the server
// on loopback (meeting and product tests, the console benchmark, the
// ready-time benchmark of a Go page against a plain-JS page).
//
// The Go bridge's own end-to-end suite, which runs in the browser as
// WebAssembly, stays in the library module's e2e package (scripts/e2e.sh).
// These tests live in the tools module so that the library module does not
// require chromedp.
package e2e
