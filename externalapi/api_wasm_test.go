//go:build js && wasm

package externalapi

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/meetbridge/meetbridge/externalapi/externalapitest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run in headless Chromium (make test-wasm) against the JS test
// double of package externalapitest.

// fakeProvider loads the JS test double.
var fakeProvider = Provider{
	Name:            "fake",
	Domain:          "meet.test",
	Global:          externalapitest.Global,
	ScriptURL:       externalapitest.ScriptURL(),
	FrameNamePrefix: "jitsiConferenceFrame",
}

// newFake creates a meeting on the test double and returns the double.
func newFake(t *testing.T, o Options) (*API, safejs.Value) {
	t.Helper()
	if o.RoomName == "" {
		o.RoomName = "room1"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	a, err := New(ctx, fakeProvider, o)
	require.NoError(t, err)
	t.Cleanup(func() { _ = a.Dispose() })
	return a, must(safejs.MustGetGlobal("FakeMeetExternalAPI").Get("last"))
}

// must unwraps a safejs result in a test.
func must(v safejs.Value, err error) safejs.Value {
	if err != nil {
		panic(err)
	}
	return v
}

// jsString reads a string property path such as "options.roomName".
func jsString(t *testing.T, v safejs.Value, path string) string {
	t.Helper()
	for _, p := range strings.Split(path, ".") {
		v = must(v.Get(p))
	}
	s, err := v.String()
	require.NoError(t, err)
	return s
}

// jsInt reads a number returned by a method call.
func jsInt(t *testing.T, v safejs.Value, method string, args ...any) int {
	t.Helper()
	n, err := must(v.Call(method, args...)).Int()
	require.NoError(t, err)
	return n
}

// jsJSONOf returns v as JSON text.
func jsJSONOf(t *testing.T, v safejs.Value) string {
	t.Helper()
	b, err := fromJS(v)
	require.NoError(t, err)
	return string(b)
}

// setResult sets the double's answer for a method from JSON.
func setResult(t *testing.T, double safejs.Value, method, value string) {
	t.Helper()
	v := must(jsJSON.Call("parse", value))
	require.NoError(t, must(double.Get("results")).Set(method, v))
}

func TestNewPassesOptionsToTheConstructor(t *testing.T) {
	doc := safejs.MustGetGlobal("document")
	parent := must(doc.Call("createElement", "div"))
	require.NoError(t, parent.Set("id", "meeting-parent"))
	must(must(doc.Get("body")).Call("appendChild", parent))
	t.Cleanup(func() { _, _ = parent.Call("remove") }) // the id is free again for -count=N

	_, double := newFake(t, Options{
		RoomName:     "standup",
		Width:        Px(640),
		Height:       MustParseSize("80vh"),
		ParentNodeID: "meeting-parent",
		JWT:          "tok",
		UserInfo:     &UserInfo{DisplayName: "Alice"},
	})
	assert.Equal(t, "meet.test", jsString(t, double, "domain"))
	opts := must(double.Get("options"))
	assert.Equal(t, "standup", jsString(t, opts, "roomName"))
	assert.Equal(t, "80vh", jsString(t, opts, "height"))
	assert.Equal(t, "Alice", jsString(t, opts, "userInfo.displayName"))
	width, err := must(opts.Get("width")).Int()
	require.NoError(t, err)
	assert.Equal(t, 640, width)
	frames, err := must(parent.Call("querySelectorAll", "iframe")).Length()
	require.NoError(t, err)
	assert.Equal(t, 1, frames)
}

func TestNewRejectsAMissingParent(t *testing.T) {
	_, err := New(context.Background(), fakeProvider, Options{RoomName: "r", ParentNodeID: "no-such-element"})
	assert.ErrorContains(t, err, `no element with id "no-such-element"`)
}

func TestCommandsReachExecuteCommand(t *testing.T) {
	a, double := newFake(t, Options{})
	require.NoError(t, a.SetParticipantVolume("p1", 0.25))
	require.NoError(t, a.StartRecording(RecordingOptions{Mode: RecordFile, ShouldShare: true}))
	require.NoError(t, a.ToggleAudio())
	assert.Error(t, a.SetParticipantVolume("p1", 2), "invalid: not sent")
	assert.JSONEq(t, `[
		{"name":"setParticipantVolume","args":["p1",0.25]},
		{"name":"startRecording","args":[{"mode":"file","shouldShare":true}]},
		{"name":"toggleAudio","args":[]}
	]`, jsJSONOf(t, must(double.Get("commands"))))
}

func TestEventsReachTypedHandlers(t *testing.T) {
	a, double := newFake(t, Options{})
	joined := make(chan ParticipantJoined, 1)
	_, err := a.OnParticipantJoined(func(e ParticipantJoined) { joined <- e })
	require.NoError(t, err)
	names := make(chan DisplayNameChange, 1)
	_, err = a.OnDisplayNameChange(func(e DisplayNameChange) { names <- e })
	require.NoError(t, err)
	large := make(chan LargeVideoChanged, 1)
	_, err = a.OnLargeVideoChanged(func(e LargeVideoChanged) { large <- e })
	require.NoError(t, err)

	must(double.Call("emit", "participantJoined", map[string]any{"id": "p2", "displayName": "Bob", "formattedDisplayName": "Bob"}))
	must(double.Call("emit", "displayNameChange", map[string]any{"id": "p2", "displayname": "Robert"}))
	must(double.Call("emit", "largeVideoChanged")) // no payload at all

	assert.Equal(t, ParticipantJoined{ID: "p2", DisplayName: "Bob", FormattedDisplayName: "Bob"}, waitFor(t, joined))
	assert.Equal(t, "Robert", waitFor(t, names).DisplayName)
	waitFor(t, large)
}

func TestMalformedPayloadsReachTheErrorHandler(t *testing.T) {
	a, double := newFake(t, Options{})
	errs := make(chan error, 4)
	_, err := a.OnError(func(err error) { errs <- err })
	require.NoError(t, err)
	muted := make(chan bool, 1)
	_, err = a.OnAudioMuteStatusChanged(func(e AudioMuteStatusChanged) { muted <- e.Muted })
	require.NoError(t, err)

	cyclic := must(safejs.MustGetGlobal("Object").New())
	require.NoError(t, cyclic.Set("self", cyclic))
	for _, payload := range []any{map[string]any{"muted": "yes"}, "muted", cyclic, []any{1, 2}} {
		must(double.Call("emit", "audioMuteStatusChanged", payload))
		var de *DecodeError
		require.ErrorAs(t, waitFor(t, errs), &de)
		assert.Equal(t, "audioMuteStatusChanged", de.Event)
	}
	must(double.Call("emit", "audioMuteStatusChanged", map[string]any{"muted": true}))
	assert.True(t, waitFor(t, muted), "the page keeps running and delivering")
}

func TestPromiseGettersResolveRejectAndHang(t *testing.T) {
	a, double := newFake(t, Options{})
	setResult(t, double, "getContentSharingParticipants", `{"sharingParticipantIds":["p1","p2"]}`)
	setResult(t, double, "captureLargeVideoScreenshot", `{"dataURL":"data:image/png;base64,AA"}`)
	setResult(t, double, "getLivestreamUrl", `{"livestreamUrl":"rtmp://live/x"}`)
	setResult(t, double, "invite", `{"error":"no dial-out"}`)
	setResult(t, double, "getDeploymentInfo", `{"reject":"Unexpected response format!"}`)
	ctx := context.Background()

	sharing, err := a.ContentSharingParticipants(ctx)
	require.NoError(t, err)
	assert.Equal(t, []ParticipantID{"p1", "p2"}, sharing.SharingParticipantIDs)
	shot, err := a.CaptureLargeVideoScreenshot(ctx)
	require.NoError(t, err)
	assert.Equal(t, "data:image/png;base64,AA", shot.DataURL)
	live, err := a.LivestreamURL(ctx)
	require.NoError(t, err)
	assert.Equal(t, "rtmp://live/x", live.URL)
	inv, err := a.Invite(ctx, Invitee{Type: "phone", Number: "+1"})
	require.NoError(t, err)
	assert.JSONEq(t, `"no dial-out"`, string(inv.Error))

	_, err = a.DeploymentInfo(ctx)
	var pe *PromiseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "Unexpected response format!", pe.Message)

	// Device requests hang until permission; the context bounds them (that
	// nothing is left waiting is tested in internal/jsutil).
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, err = a.AvailableDevices(short)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	_, err = a.CaptureCameraPicture(short, "", "", "")
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	// A late answer to an abandoned promise is dropped without harm.
	assert.Equal(t, 2, jsInt(t, double, "settleLater", true))
	muted := make(chan bool, 1)
	setResult(t, double, "isAudioMuted", `true`)
	go func() {
		v, _ := a.IsAudioMuted(ctx)
		muted <- v
	}()
	assert.True(t, waitFor(t, muted))
}

func TestSyncGettersReadTheCache(t *testing.T) {
	a, double := newFake(t, Options{})
	setResult(t, double, "getParticipantsInfo", `[{"participantId":"p1","displayName":"A","formattedDisplayName":"A (me)"}]`)
	setResult(t, double, "getVideoQuality", `720`)
	setResult(t, double, "getNumberOfParticipants", `2`)
	setResult(t, double, "getDisplayName", `"Bob"`)
	setResult(t, double, "getSupportedCommands", `{"throw":"broken"}`)

	people, err := a.ParticipantsInfo()
	require.NoError(t, err)
	assert.Equal(t, "A (me)", people[0].FormattedDisplayName)
	q, ok, err := a.VideoQuality()
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, FrameHeight(720), q)
	n, err := a.NumberOfParticipants()
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	name, err := a.DisplayName("p2")
	require.NoError(t, err)
	assert.Equal(t, "Bob", name)
	visitor, err := a.IsVisitor() // undefined
	require.NoError(t, err)
	assert.False(t, visitor)
	_, err = a.SupportedCommands()
	assert.ErrorContains(t, err, "getSupportedCommands threw")

	frame, err := a.IFrame()
	require.NoError(t, err)
	id, _ := must(frame.Get("id")).String()
	assert.True(t, strings.HasPrefix(id, fakeProvider.FrameNamePrefix), id)
}

func TestDisposeReleasesEveryListener(t *testing.T) {
	meetingsBefore, routesBefore := liveBackends()
	a, double := newFake(t, Options{})
	for _, sub := range []func() (Unsubscribe, error){
		func() (Unsubscribe, error) { return a.OnParticipantJoined(func(ParticipantJoined) {}) },
		func() (Unsubscribe, error) { return a.OnParticipantLeft(func(ParticipantLeft) {}) },
		func() (Unsubscribe, error) { return a.OnRaw("custom", func(json.RawMessage) {}) },
	} {
		_, err := sub()
		require.NoError(t, err)
	}
	stop, err := a.OnSubjectChange(func(SubjectChange) {})
	require.NoError(t, err)
	// ready (always) plus the four above, two functions each (the batch's
	// push and its observer kick)
	assert.Equal(t, 10, jsInt(t, double, "listenerCount"))
	stop()
	assert.Equal(t, 8, jsInt(t, double, "listenerCount"))
	meetings, routes := liveBackends()
	assert.Equal(t, meetingsBefore+1, meetings)
	assert.Equal(t, routesBefore+4, routes)

	frame, err := a.IFrame()
	require.NoError(t, err)
	require.NoError(t, a.Dispose())
	require.NoError(t, a.Dispose(), "twice is harmless")

	assert.Equal(t, 0, jsInt(t, double, "listenerCount"))
	atDispose, err := must(double.Get("listenersAtDispose")).Int()
	require.NoError(t, err)
	assert.Equal(t, 0, atDispose, "Go removed its listeners itself before dispose()")
	disposed, _ := must(double.Get("disposed")).Bool()
	assert.True(t, disposed)
	assert.True(t, must(frame.Get("parentNode")).IsNull(), "iframe removed")
	meetings, routes = liveBackends()
	assert.Equal(t, meetingsBefore, meetings)
	assert.Equal(t, routesBefore, routes)
	assert.ErrorIs(t, a.ToggleAudio(), ErrDisposed)
	_, err = a.IsAudioMuted(context.Background())
	assert.ErrorIs(t, err, ErrDisposed)
}

func TestDisposeBeforeReadyAndPendingGetters(t *testing.T) {
	a, double := newFake(t, Options{})
	called := make(chan struct{}, 1)
	onCall, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		select {
		case called <- struct{}{}:
		default:
		}
		return nil
	})
	require.NoError(t, err)
	defer onCall.Release()
	require.NoError(t, double.Set("onCall", onCall.Value()))
	errs := make(chan error, 1)
	go func() {
		_, err := a.CurrentDevices(context.Background())
		errs <- err
	}()
	waitFor(t, called) // the getter reached the double and hangs there
	require.NoError(t, a.Dispose())
	assert.ErrorIs(t, waitFor(t, errs), ErrDisposed)
}

func TestOnLoadAndWaitReady(t *testing.T) {
	loaded := make(chan struct{}, 1)
	a, double := newFake(t, Options{OnLoad: func() { loaded <- struct{}{} }})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	assert.ErrorIs(t, a.WaitReady(ctx), context.DeadlineExceeded)
	must(double.Call("emit", "ready", map[string]any{}))
	waitFor(t, loaded)
	require.NoError(t, a.WaitReady(context.Background()))
}

func TestLoadScriptFailures(t *testing.T) {
	ctx := context.Background()

	err := LoadScript(ctx, "/status/404", "NeverDefined")
	var se *ScriptError
	require.ErrorAs(t, err, &se)
	assert.ErrorIs(t, err, ErrScriptFailed)
	assert.Equal(t, "/status/404", se.URL)
	assert.Equal(t, 0, scriptElements(t, "/status/404"), "a failed script element is removed")

	ranBefore := 0 // the script counts its runs in this program (-count=N)
	if v, err := safejs.Global().Get("noGlobalScriptRan"); err == nil && v.Type() == safejs.TypeNumber {
		ranBefore, _ = v.Int()
	}
	err = LoadScript(ctx, "/files/testdata/no_global.js", "NoSuchExternalAPI")
	assert.ErrorIs(t, err, ErrNoGlobal)
	assert.ErrorContains(t, err, "window.NoSuchExternalAPI")

	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	err = LoadScript(short, "/hang", "NeverDefined")
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	// Failures are not cached: the same URL is fetched again.
	err = LoadScript(ctx, "/files/testdata/no_global.js", "NoSuchExternalAPI")
	assert.ErrorIs(t, err, ErrNoGlobal)
	ran, _ := safejs.MustGetGlobal("noGlobalScriptRan").Int()
	assert.Equal(t, 2, ran-ranBefore)

	_, err = New(ctx, Provider{Name: "broken", Domain: "x", Global: "Nope", ScriptURL: "/status/500"}, Options{RoomName: "r"})
	assert.ErrorIs(t, err, ErrScriptFailed)
}

func TestFailedLoadCanBeRetried(t *testing.T) {
	// /flaky/ fails the first request for a URL and serves the file after;
	// the query makes the URL new on every run of the test (-count=N).
	retryRuns++
	src := fmt.Sprintf("/flaky/testdata/retry_global.js?run=%d", retryRuns)
	// A global left by an earlier run would make LoadScript load nothing.
	require.NoError(t, safejs.Global().Delete("RetryExternalAPI"))
	err := LoadScript(context.Background(), src, "RetryExternalAPI")
	assert.ErrorIs(t, err, ErrScriptFailed)
	require.NoError(t, LoadScript(context.Background(), src, "RetryExternalAPI"))
	assert.Equal(t, 1, scriptElements(t, src))
	require.NoError(t, LoadScript(context.Background(), src, "RetryExternalAPI"), "cached")
	assert.Equal(t, 1, scriptElements(t, src))
}

// retryRuns counts the runs of TestFailedLoadCanBeRetried in this program.
var retryRuns int

// scriptElements counts the script elements whose src ends with src.
func scriptElements(t *testing.T, src string) int {
	t.Helper()
	list := must(safejs.MustGetGlobal("document").Call("querySelectorAll", `script[src$="`+src+`"]`))
	n, err := list.Length()
	require.NoError(t, err)
	return n
}
