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
//     optional email as the server would (ReservedRooms are refused), asks
//     for a token (POST /api/token) and the page embeds the granted meeting
//     with Meeting, with the guest's Activity (the typed events that
//     concern them) below it. ProviderFromGrant turns the grant into the
//     externalapi provider and options.
//   - ConsolePath ("/console"): Console. A SignInForm (POST /api/login) for
//     whoever is not signed in as a moderator, then the same JoinForm, then
//     the meeting with a control panel beside it: AlertsPanel, Controls
//     (mute everyone, AV moderation, subject, password, end), ParticipantList
//     (everyone under their room, with a moderator's and anyone's actions),
//     ChatPanel, DevicePanel, LobbyPanel, RecordingPanel, BreakoutPanel and
//     EventLogPanel (the meeting's events and the server's provider feed,
//     GET /api/events). Panels get the meeting only while their actions
//     apply: nothing once it ended (the console then offers to join again),
//     moderation only for a moderator.
//
// # State
//
// Client speaks the server's JSON API with fetch in the browser (net/http elsewhere);
// every call runs in ctx.Async and comes back with ctx.Dispatch.
//
// The console is driven by the meeting: its events, and its getters
// (getParticipantsInfo, getRoomsInfo, isModerationOn, the devices) read
// again on joining and after breakout changes and fed in as Seeded
// pseudo-events. Its event handlers run on the bridge's goroutine and do
// nothing but hand the events, in batches, to RoomState.Apply on the UI
// goroutine; RoomState and its parts (Participants, LobbyQueue, Recording,
// Rooms, Moderation, Chat, Devices, Alerts) are values whose Apply methods return new values and never modify
// the old ones, so that go-app sees every change when it compares a panel's
// fields. The panels send commands from their click handlers and show each
// command's error (such as an *externalapi.ArgumentError) in place.
//
// Handlers of list rows are scoped by the row's id (goapp.EventScope): go-app
// keeps a handler whose function is the same code, so without a scope a row
// that shifts would keep acting on whoever it showed before.
package app
