// Package app holds the go-app components of meetbridge. Meeting embeds one
// meeting through package externalapi and keeps the iframe alive across
// re-renders.
//
// go-app is imported as goapp, since this package is named app too.
//
// # Pages
//
// Routes registers two pages, for the browser entry (cmd/wasm) and for the
// server, which builds the go-app Handler itself:
//
//   - JoinPath ("/"): JoinPage. A StatusLine says who is signed in
//     (GET /api/session); a JoinForm checks the room, display name and
//     optional email as the server would, asks for a token (POST /api/token)
//     and the page embeds the granted meeting with Meeting. ProviderFromGrant
//     turns the grant into the externalapi provider and options.
//   - ConsolePath ("/console"): Console. A SignInForm (POST /api/login) for
//     whoever is not signed in as a moderator, then the same JoinForm, then
//     the meeting with a control panel beside it: Controls, ParticipantList,
//     LobbyPanel, RecordingPanel and BreakoutPanel.
//
// # State
//
// Client speaks the server's JSON API with fetch in the browser (net/http elsewhere);
// every call runs in ctx.Async and comes back with ctx.Dispatch.
//
// The console is driven by the bridge alone. Its event handlers run on the
// bridge's goroutine and do nothing but dispatch RoomState.Apply to the UI
// goroutine; RoomState and its parts (Participants, LobbyQueue, Recording,
// Rooms) are values whose Apply methods return new values and never modify
// the old ones, so that go-app sees every change when it compares a panel's
// fields. The panels send commands from their click handlers and show each
// command's error (such as an *externalapi.ArgumentError) in place.
//
// Handlers of list rows are scoped by the row's id (goapp.EventScope): go-app
// keeps a handler whose function is the same code, so without a scope a row
// that shifts would keep acting on whoever it showed before.
package app
