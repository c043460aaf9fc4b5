package externalapi

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// waitFor receives from ch or fails after a generous deadline (a guard
// against hanging, not a timing assertion).
func waitFor[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("nothing arrived")
		panic("unreachable")
	}
}

func TestHandlersGetTypedEventsInOrder(t *testing.T) {
	a, f := newFakeAPI()
	defer a.Dispose()
	got := make(chan ParticipantJoined, 10)
	stop, err := a.OnParticipantJoined(func(e ParticipantJoined) { got <- e })
	require.NoError(t, err)
	assert.Equal(t, 1, f.listeners())

	for _, id := range []string{"a", "b", "c"} {
		a.receive("participantJoined", []byte(`{"id":"`+id+`","displayName":"N`+id+`"}`))
	}
	for _, id := range []ParticipantID{"a", "b", "c"} {
		e := waitFor(t, got)
		assert.Equal(t, id, e.ID)
		assert.Equal(t, "N"+string(id), e.DisplayName)
	}
	stop()
	stop() // harmless twice
	assert.Equal(t, 0, f.listeners())
}

func TestOneListenerPerEventWhateverTheHandlers(t *testing.T) {
	a, f := newFakeAPI()
	defer a.Dispose()
	s1, err := a.OnAudioMuteStatusChanged(func(AudioMuteStatusChanged) {})
	require.NoError(t, err)
	s2, err := a.OnAudioMuteStatusChanged(func(AudioMuteStatusChanged) {})
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"audioMuteStatusChanged": 1}, f.listening)
	s1()
	assert.Equal(t, 1, f.listeners())
	s2()
	assert.Equal(t, 0, f.listeners())
}

func TestMalformedPayloadReachesErrorHandlerAndDeliveryGoesOn(t *testing.T) {
	a, _ := newFakeAPI()
	defer a.Dispose()
	errs := make(chan error, 1)
	_, err := a.OnError(func(err error) { errs <- err })
	require.NoError(t, err)
	muted := make(chan bool, 1)
	_, err = a.OnAudioMuteStatusChanged(func(e AudioMuteStatusChanged) { muted <- e.Muted })
	require.NoError(t, err)

	a.receive("audioMuteStatusChanged", []byte(`{"muted":"very"}`))
	var de *DecodeError
	require.ErrorAs(t, waitFor(t, errs), &de)
	assert.Equal(t, "audioMuteStatusChanged", de.Event)

	a.receive("audioMuteStatusChanged", []byte(`{"muted":true}`))
	assert.True(t, waitFor(t, muted))
}

func TestPanickingHandlerIsRecovered(t *testing.T) {
	a, _ := newFakeAPI()
	defer a.Dispose()
	errs := make(chan error, 1)
	_, err := a.OnError(func(err error) { errs <- err })
	require.NoError(t, err)
	_, err = a.OnSubjectChange(func(SubjectChange) { panic("boom") })
	require.NoError(t, err)
	next := make(chan string, 1)
	_, err = a.OnSubjectChange(func(e SubjectChange) { next <- e.Subject })
	require.NoError(t, err)

	a.receive("subjectChange", []byte(`{"subject":"x"}`))
	var pe *HandlerPanicError
	require.ErrorAs(t, waitFor(t, errs), &pe)
	assert.Equal(t, "boom", pe.Value)
	assert.Equal(t, "x", waitFor(t, next), "the other handler still runs")
}

func TestHandlersMayCallBackIntoTheAPI(t *testing.T) {
	a, f := newFakeAPI()
	defer a.Dispose()
	f.results["isAudioMuted"] = "true"
	answer := make(chan bool, 1)
	_, err := a.OnVideoConferenceJoined(func(VideoConferenceJoined) {
		muted, err := a.IsAudioMuted(context.Background())
		if err == nil {
			answer <- muted
		}
	})
	require.NoError(t, err)
	a.receive("videoConferenceJoined", []byte(`{"id":"p1"}`))
	assert.True(t, waitFor(t, answer))
}

func TestOnRawAndRemoveAllListeners(t *testing.T) {
	a, f := newFakeAPI()
	defer a.Dispose()
	got := make(chan string, 2)
	_, err := a.OnRaw("futureEvent", func(p json.RawMessage) { got <- string(p) })
	require.NoError(t, err)
	_, err = a.OnRaw("futureEvent", func(p json.RawMessage) { got <- "second" })
	require.NoError(t, err)
	a.receive("futureEvent", []byte(`{"x":1}`))
	assert.JSONEq(t, `{"x":1}`, waitFor(t, got))
	assert.Equal(t, "second", waitFor(t, got))

	require.NoError(t, a.RemoveAllListeners("futureEvent"))
	assert.Equal(t, 0, f.listeners())
	_, err = a.OnRaw("", func(json.RawMessage) {})
	assert.Error(t, err)
}

func TestNilHandlerIsAnError(t *testing.T) {
	a, f := newFakeAPI()
	defer a.Dispose()
	_, err := a.OnReady(nil)
	assert.ErrorContains(t, err, "nil handler")
	assert.Equal(t, 0, f.listeners())
}

func TestDisposeRemovesEverythingAndIsIdempotent(t *testing.T) {
	a, f := newFakeAPI()
	for _, sub := range []func() (Unsubscribe, error){
		func() (Unsubscribe, error) { return a.OnReady(func(Ready) {}) },
		func() (Unsubscribe, error) { return a.OnParticipantLeft(func(ParticipantLeft) {}) },
		func() (Unsubscribe, error) { return a.OnRaw("x", func(json.RawMessage) {}) },
	} {
		_, err := sub()
		require.NoError(t, err)
	}
	assert.Equal(t, 3, f.listeners())
	require.NoError(t, a.Dispose())
	require.NoError(t, a.Dispose())
	assert.Equal(t, 0, f.listeners())
	assert.Equal(t, 1, f.disposed)
	a.dispatch.Wait() // the dispatcher goroutine has ended

	_, err := a.OnReady(func(Ready) {})
	assert.ErrorIs(t, err, ErrDisposed)
	a.receive("ready", []byte(`{}`)) // late events are dropped, not panics
}

func TestWaitReady(t *testing.T) {
	a, _ := newFakeAPI()
	defer a.Dispose()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, a.WaitReady(ctx), context.Canceled)
	a.receive("ready", nil)
	require.NoError(t, a.WaitReady(context.Background()))
}

func TestHangUpAndDisposeWaitsForTheMeeting(t *testing.T) {
	a, f := newFakeAPI()
	done := make(chan error, 1)
	go func() { done <- a.HangUpAndDispose(context.Background()) }()
	// Answer the hangup as the meeting would, once it was sent.
	assert.Equal(t, "hangup", waitFor(t, f.sent).Name)
	a.receive("readyToClose", []byte(`{}`))
	require.NoError(t, waitFor(t, done))
	assert.Equal(t, 1, f.disposed)
	assert.Equal(t, 0, f.listeners())
}

func TestHangUpAndDisposeGivesUpWithTheContext(t *testing.T) {
	a, f := newFakeAPI()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := a.HangUpAndDispose(ctx)
	assert.ErrorContains(t, err, "hangup not confirmed")
	assert.Equal(t, 1, f.disposed, "disposed even so")
}
