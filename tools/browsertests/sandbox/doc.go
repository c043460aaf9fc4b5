// Package sandbox holds no code: its tests drive the sandbox conference
// (github.com/meetbridge/meetbridge/sandbox) in headless Chromium over
// loopback HTTP: the conference page and the postMessage wire through a stub
// parent page, the sandbox's own parent library (assets/external_api.js) and,
// when MEETBRIDGE_JITSI_LIBRARY names its bundle, jitsi-meet's real one,
// the shared meeting of several pages, the control, and the screenshot.
//
// They live in the tools module so that the library module does not require
// chromedp.
package sandbox
