//go:build js && wasm

package externalapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/meetbridge/meetbridge/externalapi/externalapitest"
	"github.com/meetbridge/meetbridge/internal/jsutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// earlyData is the page data of an early start on the JS test double, with
// fields of extra replacing its own.
func earlyData(t *testing.T, extra map[string]any) string {
	t.Helper()
	names := make([]string, 0, len(eventTable))
	for _, e := range eventTable {
		names = append(names, e.Name)
	}
	d := map[string]any{
		"global": externalapitest.Global, "domain": fakeProvider.Domain, "script": externalapitest.ScriptURL(),
		"options": map[string]any{"roomName": "early"}, "events": names,
	}
	for k, v := range extra {
		d[k] = v
	}
	b, err := json.Marshal(d)
	require.NoError(t, err)
	return string(b)
}

// startEarly does what a page with an early start does: it writes data into
// the data element and runs early_start.js (served from the package
// directory), then waits until the script has created the meeting or
// failed. It returns the script's state.
func startEarly(t *testing.T, data string) safejs.Value {
	t.Helper()
	doc := safejs.MustGetGlobal("document")
	el := must(doc.Call("getElementById", EarlyStartDataID))
	if el.IsNull() {
		el = must(doc.Call("createElement", "script"))
		require.NoError(t, el.Set("type", "application/json"))
		require.NoError(t, el.Set("id", EarlyStartDataID))
		must(must(doc.Get("body")).Call("appendChild", el))
	}
	require.NoError(t, el.Set("textContent", data))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, injectScript(ctx, "/files/early_start.js"))
	state := safejs.MustGetGlobal(EarlyStartGlobal)
	t.Cleanup(func() {
		if api := must(state.Get("api")); !api.IsNull() && !api.IsUndefined() {
			must(api.Call("dispose"))
		}
		_ = safejs.Global().Set(EarlyStartGlobal, safejs.Undefined())
	})
	return state
}

// earlyDouble waits for the early meeting and returns the test double it
// created.
func earlyDouble(t *testing.T, state safejs.Value) safejs.Value {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	api, err := jsutil.Await(ctx, must(state.Get("created")))
	require.NoError(t, err)
	return api
}

// adopt adopts the early meeting on the test double and disposes it at the
// end of the test.
func adopt(t *testing.T, o AdoptOptions) *API {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	a, err := Adopt(ctx, fakeProvider, o)
	require.NoError(t, err)
	t.Cleanup(func() { _ = a.Dispose() })
	return a
}

// drain returns once every event emitted so far has been dispatched: it
// emits a sentinel event (testSentinel, unknown to the library lists) and waits for it. Events are
// dispatched in order, so a double delivery would be queued by then.
func drain(t *testing.T, a *API, double safejs.Value) {
	t.Helper()
	sentinel := make(chan struct{}, 1)
	stop, err := a.OnRaw("testSentinel", func(json.RawMessage) { sentinel <- struct{}{} })
	require.NoError(t, err)
	defer stop()
	must(double.Call("emit", "testSentinel", map[string]any{}))
	waitFor(t, sentinel)
}

func TestAdoptDeliversRecordedEventsInOrderThenLiveOnes(t *testing.T) {
	state := startEarly(t, earlyData(t, nil))
	double := earlyDouble(t, state)
	opts := must(double.Get("options"))
	assert.Equal(t, "early", jsString(t, opts, "roomName"), "the options of the data reach the constructor")

	must(double.Call("emit", "participantJoined", map[string]any{"id": "p1"}))
	must(double.Call("emit", "videoConferenceJoined", map[string]any{"roomName": "early", "id": "me", "displayName": "Me"}))
	must(double.Call("emit", "participantJoined", map[string]any{"id": "p2"}))
	must(double.Call("emit", "ready", map[string]any{}))

	got := make(chan string, 16)
	loaded := make(chan struct{}, 4)
	a := adopt(t, AdoptOptions{
		OnLoad: func() { loaded <- struct{}{} },
		Setup: func(a *API) error {
			if _, err := a.OnParticipantJoined(func(e ParticipantJoined) { got <- "joined " + string(e.ID) }); err != nil {
				return err
			}
			_, err := a.OnVideoConferenceJoined(func(e VideoConferenceJoined) { got <- "conference " + string(e.RoomName) })
			return err
		},
	})
	assert.True(t, must(state.Get("api")).IsNull(), "the script forgot the meeting")
	must(double.Call("emit", "participantJoined", map[string]any{"id": "p3"}))
	must(double.Call("emit", "videoConferenceJoined", map[string]any{"roomName": "again"}))

	var order []string
	for range 5 {
		order = append(order, waitFor(t, got))
	}
	assert.Equal(t, []string{"joined p1", "conference early", "joined p2", "joined p3", "conference again"}, order)
	waitFor(t, loaded)
	require.NoError(t, a.WaitReady(context.Background()))
	drain(t, a, double)
	assert.Empty(t, got, "no event twice")
	assert.Empty(t, loaded, "OnLoad once")
}

func TestAdoptOnLoadFiresOnceWhenReadyComesAfter(t *testing.T) {
	state := startEarly(t, earlyData(t, nil))
	double := earlyDouble(t, state)
	loaded := make(chan struct{}, 4)
	a := adopt(t, AdoptOptions{OnLoad: func() { loaded <- struct{}{} }})
	short, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	assert.ErrorIs(t, a.WaitReady(short), context.DeadlineExceeded, "not ready before the meeting says so")
	must(double.Call("emit", "ready", map[string]any{}))
	waitFor(t, loaded)
	drain(t, a, double)
	assert.Empty(t, loaded, "OnLoad once")
}

// TestAdoptLosesAndDoublesNothingWhileTheMeetingEmits adopts the meeting
// while it emits an event in every task: each must reach the handler once,
// in order, whether it was emitted before, during or after the handover.
func TestAdoptLosesAndDoublesNothingWhileTheMeetingEmits(t *testing.T) {
	const n = 300
	state := startEarly(t, earlyData(t, nil))
	double := earlyDouble(t, state)
	must(double.Call("emitTasks", "participantJoined", n))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := jsutil.Await(ctx, must(double.Call("emitted", 40)))
	require.NoError(t, err)

	got := make(chan string, n)
	a := adopt(t, AdoptOptions{Setup: func(a *API) error {
		_, err := a.OnParticipantJoined(func(e ParticipantJoined) { got <- string(e.ID) })
		return err
	}})
	atAdoption := jsInt(t, double, "emittedCount")
	assert.Less(t, atAdoption, n, "the meeting was still emitting when Go adopted it")
	for i := range n {
		require.Equal(t, fmt.Sprint(i), waitFor(t, got), "event %d", i)
	}
	drain(t, a, double)
	assert.Empty(t, got, "no event twice")
}

// TestAdoptHoldsLiveEventsWhileSetupWaits: a Setup that waits on the page
// (here a promise getter) still sees the recorded events first, and a live
// event emitted meanwhile after them.
func TestAdoptHoldsLiveEventsWhileSetupWaits(t *testing.T) {
	state := startEarly(t, earlyData(t, nil))
	double := earlyDouble(t, state)
	setResult(t, double, "isAudioMuted", `true`)
	must(double.Call("emit", "participantJoined", map[string]any{"id": "p1"}))
	must(double.Call("emit", "participantLeft", map[string]any{"id": "p1"}))

	got := make(chan string, 8)
	adopt(t, AdoptOptions{Setup: func(a *API) error {
		if _, err := a.OnParticipantLeft(func(e ParticipantLeft) { got <- "left " + string(e.ID) }); err != nil {
			return err
		}
		must(double.Call("emit", "participantLeft", map[string]any{"id": "p2"}))
		muted, err := a.IsAudioMuted(context.Background()) // the page runs meanwhile
		if err != nil || !muted {
			return fmt.Errorf("IsAudioMuted = %v, %v", muted, err)
		}
		_, err = a.OnParticipantJoined(func(e ParticipantJoined) { got <- "joined " + string(e.ID) })
		return err
	}})
	var order []string
	for range 3 {
		order = append(order, waitFor(t, got))
	}
	assert.Equal(t, []string{"joined p1", "left p1", "left p2"}, order)
}

func TestAdoptedMeetingDisposesEverything(t *testing.T) {
	meetingsBefore, routesBefore := liveBackends()
	state := startEarly(t, earlyData(t, nil))
	double := earlyDouble(t, state)
	assert.Greater(t, jsInt(t, double, "listenerCount"), len(eventTable)-1, "the script records every event")
	a := adopt(t, AdoptOptions{Setup: func(a *API) error {
		_, err := a.OnParticipantJoined(func(ParticipantJoined) {})
		return err
	}})
	// ready (always) and participantJoined, two functions each; the
	// recorders are gone.
	assert.Equal(t, 4, jsInt(t, double, "listenerCount"))
	meetings, routes := liveBackends()
	assert.Equal(t, meetingsBefore+1, meetings)
	assert.Equal(t, routesBefore+2, routes)

	frame, err := a.IFrame()
	require.NoError(t, err)
	require.NoError(t, a.Dispose())
	atDispose, err := must(double.Get("listenersAtDispose")).Int()
	require.NoError(t, err)
	assert.Equal(t, 0, atDispose, "Go removed its listeners itself before dispose()")
	assert.True(t, must(frame.Get("parentNode")).IsNull(), "iframe removed")
	meetings, routes = liveBackends()
	assert.Equal(t, meetingsBefore, meetings)
	assert.Equal(t, routesBefore, routes)
	assert.True(t, must(state.Get("api")).IsNull(), "the script holds no reference")
	assert.True(t, must(state.Get("created")).IsNull(), "nor its promise")
	recorded, err := must(state.Get("events")).Length()
	require.NoError(t, err)
	assert.Equal(t, 0, recorded, "nor events")
}

func TestAdoptErrors(t *testing.T) {
	ctx := context.Background()
	_ = safejs.Global().Set(EarlyStartGlobal, safejs.Undefined())
	_, err := Adopt(ctx, fakeProvider, AdoptOptions{})
	assert.ErrorIs(t, err, ErrNoEarlyStart)

	for _, c := range []struct {
		name, data, want string
	}{
		{"bad JSON", "{", "is not JSON"},
		{"no global", `{"domain": "meet.test"}`, "names no global and domain"},
		{"library not found", earlyData(t, map[string]any{"global": "NoSuchExternalAPI", "script": "/status/404"}), "could not load /status/404"},
		{"library without its global", earlyData(t, map[string]any{"global": "NoSuchExternalAPI", "script": "data:text/javascript,"}),
			"did not define window.NoSuchExternalAPI"},
		{"no parent element", earlyData(t, map[string]any{"parentNodeId": "no-such-element"}), `no element with id "no-such-element"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			startEarly(t, c.data)
			_, err := Adopt(ctx, fakeProvider, AdoptOptions{})
			assert.ErrorIs(t, err, ErrEarlyStartFailed)
			assert.ErrorContains(t, err, c.want)
		})
	}

	t.Run("no data element", func(t *testing.T) {
		startEarly(t, earlyData(t, nil)) // makes sure the element exists
		must(must(safejs.MustGetGlobal("document").Call("getElementById", EarlyStartDataID)).Call("remove"))
		require.NoError(t, injectScript(ctx, "/files/early_start.js"))
		_, err := Adopt(ctx, fakeProvider, AdoptOptions{})
		assert.ErrorIs(t, err, ErrEarlyStartFailed)
		assert.ErrorContains(t, err, `has no <script type="application/json" id="meetbridge-early-start">`)
	})

	t.Run("library hangs", func(t *testing.T) {
		startEarly(t, earlyData(t, map[string]any{"global": "NoSuchExternalAPI", "script": "/hang"}))
		short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		_, err := Adopt(short, fakeProvider, AdoptOptions{})
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})

	t.Run("another provider", func(t *testing.T) {
		state := startEarly(t, earlyData(t, nil))
		double := earlyDouble(t, state)
		other := fakeProvider
		other.Domain = "other.test"
		_, err := Adopt(ctx, other, AdoptOptions{})
		assert.ErrorContains(t, err, `not of FakeMeetExternalAPI at "other.test"`)
		disposed, _ := must(double.Get("disposed")).Bool()
		assert.False(t, disposed, "the page's meeting is left alone")
		adopt(t, AdoptOptions{}) // the right provider still can
		_, err = Adopt(ctx, fakeProvider, AdoptOptions{})
		assert.ErrorIs(t, err, ErrAdopted)
	})

	t.Run("setup fails", func(t *testing.T) {
		state := startEarly(t, earlyData(t, nil))
		double := earlyDouble(t, state)
		meetingsBefore, routesBefore := liveBackends()
		_, err := Adopt(ctx, fakeProvider, AdoptOptions{Setup: func(a *API) error {
			if _, err := a.OnParticipantJoined(func(ParticipantJoined) {}); err != nil {
				return err
			}
			return errors.New("no thanks")
		}})
		assert.EqualError(t, err, "no thanks")
		disposed, _ := must(double.Get("disposed")).Bool()
		assert.True(t, disposed, "the meeting is disposed")
		assert.Equal(t, 0, jsInt(t, double, "listenerCount"))
		meetings, routes := liveBackends()
		assert.Equal(t, meetingsBefore, meetings)
		assert.Equal(t, routesBefore, routes)
	})

	t.Run("invalid provider", func(t *testing.T) {
		_, err := Adopt(ctx, Provider{Name: "empty"}, AdoptOptions{})
		assert.ErrorContains(t, err, "no domain")
	})
}
