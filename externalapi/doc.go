// Package externalapi gives Go programs compiled to WebAssembly typed control
// of the iframe External API of Jitsi Meet (JitsiMeetExternalAPI, also used by
// 8x8 JaaS) and of Meet Hour (MeetHourExternalAPI).
//
// [New] loads the provider's script, creates the meeting iframe and returns an
// [*API]. Every command of the External API is a method that validates its
// arguments before anything is sent, every event has a Go type with an On
// method to subscribe to it, and every getter is a method: synchronous getters
// return at once, promise getters take a [context.Context] and return when it
// ends even if the meeting never answers.
//
// # Why typed On methods
//
// Events are subscribed with one method per event, such as
// [API.OnParticipantJoined], rather than with a generic On[E] function. Methods
// are listed by editors and godoc next to the commands, need no type
// argument at the call site, and cannot name an event type that the API does
// not emit. [API.OnRaw] remains for events that a newer deployment adds.
//
// Events cross from JavaScript into Go in batches: the events the library
// emits are queued on the JavaScript side, in order, and handed to Go in one
// call (see batch_wasm.go and batch_trigger_wasm.go; built from browser
// built-ins, without eval, so a strict Content-Security-Policy is fine). The
// call comes at one of two times. While events are sparse (the previous
// batch more than 4 ms earlier, as in a meeting, which emits tens of events
// a second), at the next microtask checkpoint: handlers run for every event
// of a JavaScript task before the next task. While events come faster than
// that (a burst, each event a message task of its own), one task later,
// behind the messages already queued, so that a burst reaches Go in a few
// large batches; 4 ms after the burst's last batch, delivery within the
// task is back. Order is kept across both.
//
// Handlers run one at a time, in the order the events arrived, on a goroutine
// owned by the API: they may call promise getters or send commands without
// deadlocking the JavaScript event loop. A handler that blocks holds up the
// events after it, so hand long work to a goroutine of your own. A payload that does not decode
// reaches the handlers registered with [API.OnError]; nothing panics.
//
// # Library versions
//
// Deployments run different versions of the parent library. At creation, New
// reads its getSupportedCommands and getSupportedEvents. A command the library
// lacks returns an error wrapping [ErrUnsupported] that names the command,
// instead of being dropped by the library with only a console message; a
// subscription to an event it lacks returns such an error too (an error
// rather than a log line, so that the caller decides; events the library emits
// itself, such as largeVideoChanged, are always allowed). Renamed features
// work on both sides of the rename: [API.SetLowBandwidthMode] sends
// setAudioOnly to a library that only has that name (and [API.SetAudioOnly]
// the reverse), and [API.OnLowBandwidthModeChanged] listens to
// audioOnlyChanged there. A library without these two methods (or one that
// does not answer with a list of names) is taken to support everything.
//
// # Starting early
//
// New runs once the Go module has been downloaded, compiled and started,
// which for a WebAssembly bundle of a few megabytes takes longer than the
// meeting's iframe needs to load. To overlap the two, the page starts the
// meeting itself and Go adopts it:
//
//   - a server (or a build step) writes [EarlyStart] into the page: its
//     [EarlyStart.HTML] is a <script type="application/json"> element with
//     the provider and the constructor options as New would pass them (Go
//     callbacks such as Options.OnLoad left out), the provider's script and
//     [EarlyStartScript] (served by cmd/server at [EarlyStartPath]; a file,
//     no eval, for a strict Content-Security-Policy);
//   - that script creates the provider's External API object and records
//     every event it can (the names the library's getSupportedEvents gives
//     and those of definitions.json) under window.meetbridgeEarlyStart;
//   - the Go program calls [Adopt], which waits for the object, and within
//     one JavaScript turn removes the recorders, runs AdoptOptions.Setup (to
//     subscribe) and hands the recorded events to the handlers in order,
//     then the live ones: none is lost or delivered twice, and
//     AdoptOptions.OnLoad runs once whether the meeting was ready before or
//     after. The API is the one New returns (supported lists read, batched
//     listeners, Dispose).
//
// Adopt says why when there is nothing to adopt: [ErrNoEarlyStart] without
// the script, an error wrapping [ErrEarlyStartFailed] (missing or malformed
// data, a library that failed to load or threw), [ErrAdopted] the second
// time.
//
// # Host and browser
//
// Types, name tables, validation and decoding are plain Go and build and test
// on any platform; only the files ending in _wasm.go talk to JavaScript,
// through github.com/hack-pad/safejs. The command, event and getter code is
// generated from definitions.json by go generate, and so is the code that
// moves values across: JSON readers for every event payload and result
// (over values parsed by github.com/valyala/fastjson, with the helpers of
// package internal/jsonvalue; checked against encoding/json by fuzzing) and
// a plain form for every type a caller can pass, so that the WebAssembly
// module carries neither encoding/json nor reflection over struct fields.
// Payloads and results from the page are written by JSON.stringify, always
// valid JSON, so they are parsed without validating them again; DecodeEvent,
// whose input may come from anywhere, validates.
// Two differences from encoding/json remain: JSON nested deeper than 300
// levels is an error (encoding/json allows 10000), and a json.RawMessage
// holds the value in compact form, not its original bytes.
// Values of other packages' types given as any (in a Config, say) must be
// basic values, maps, slices, json.RawMessage or have a MarshalText method.
//
// # Programs that link encoding/json anyway
//
// A program that has encoding/json in it for other reasons (go-app does)
// carries the generated readers, fastjson and the plain forms on top. Built
// with the tag externalapi_stdjson, the package reads payloads and results
// with json.Unmarshal and writes arguments with json.Marshal instead, which
// makes such a program smaller (the console: 38 KB brotli). Values are then
// exactly encoding/json's: JSON nested up to 10000 levels reads, a
// json.RawMessage keeps its bytes, and any value json.Marshal takes is a
// valid argument.
package externalapi

//go:generate go run ./internal/gen -in definitions.json
