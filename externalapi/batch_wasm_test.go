//go:build js && wasm

package externalapi

import (
	"fmt"
	"testing"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEventsOfOneTaskCrossIntoGoOnce(t *testing.T) {
	a, double := newFake(t, Options{})
	b, double2 := newFake(t, Options{RoomName: "room2"})
	got := make(chan string, 64)
	_, err := a.OnParticipantJoined(func(e ParticipantJoined) { got <- "a joined " + string(e.ID) })
	require.NoError(t, err)
	_, err = a.OnParticipantLeft(func(e ParticipantLeft) { got <- "a left " + string(e.ID) })
	require.NoError(t, err)
	_, err = b.OnParticipantJoined(func(e ParticipantJoined) { got <- "b joined " + string(e.ID) })
	require.NoError(t, err)

	// One JS task emits on both meetings, interleaved.
	var pairs []any
	var want []string
	for i := range 10 {
		id := fmt.Sprint(i)
		pairs = append(pairs, []any{"participantJoined", map[string]any{"id": id}})
		want = append(want, "a joined "+id)
		if i%3 == 0 {
			pairs = append(pairs, []any{"participantLeft", map[string]any{"id": id}})
			want = append(want, "a left "+id)
		}
	}
	before := batchFlushes()
	must(double.Call("emitSequence", pairs))
	must(double2.Call("emit", "participantJoined", map[string]any{"id": "x"}))
	var order []string
	for len(order) < len(want)+1 {
		order = append(order, waitFor(t, got))
	}
	var forA []string
	for _, s := range order {
		if s != "b joined x" {
			forA = append(forA, s)
		}
	}
	assert.Equal(t, want, forA, "in emit order")
	assert.Contains(t, order, "b joined x")
	assert.Equal(t, int64(1), batchFlushes()-before, "one crossing for the whole task")
}

func TestEventsAreHandledWithinTheTaskThatEmitsThem(t *testing.T) {
	waitFor(t, batchCalm()) // not within a burst of an earlier test
	a, double := newFake(t, Options{})
	handled := safejs.MustGetGlobal("Object")
	counter := must(handled.New())
	require.NoError(t, counter.Set("n", 0))
	_, err := a.OnDominantSpeakerChanged(func(DominantSpeakerChanged) {
		n, _ := must(counter.Get("n")).Int()
		_ = counter.Set("n", n+1)
	})
	require.NoError(t, err)
	// The probe runs in the next task; by then the Go handler has run for
	// every event of this one.
	must(double.Call("emitMany", "dominantSpeakerChanged", map[string]any{"id": "p1"}, 50))
	probe, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		n, _ := must(counter.Get("n")).Int()
		return n
	})
	require.NoError(t, err)
	defer probe.Release()
	result := make(chan int, 1)
	settle, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		n, _ := args[0].Int()
		result <- n
		return nil
	})
	require.NoError(t, err)
	defer settle.Release()
	must(must(double.Call("probeNextTask", probe.Value())).Call("then", settle.Value()))
	assert.Equal(t, 50, waitFor(t, result))
}

func TestAPayloadThatIsNotJSONSpoilsOnlyItself(t *testing.T) {
	a, double := newFake(t, Options{})
	errs := make(chan error, 4)
	_, err := a.OnError(func(err error) { errs <- err })
	require.NoError(t, err)
	muted := make(chan bool, 4)
	_, err = a.OnAudioMuteStatusChanged(func(e AudioMuteStatusChanged) { muted <- e.Muted })
	require.NoError(t, err)
	cyclic := must(safejs.MustGetGlobal("Object").New())
	require.NoError(t, cyclic.Set("self", cyclic))
	before := batchFlushes()
	must(double.Call("emitSequence", []any{
		[]any{"audioMuteStatusChanged", map[string]any{"muted": true}},
		[]any{"audioMuteStatusChanged", cyclic},
		[]any{"audioMuteStatusChanged", map[string]any{"muted": false}},
	}))
	assert.True(t, waitFor(t, muted))
	var de *DecodeError
	require.ErrorAs(t, waitFor(t, errs), &de)
	assert.Contains(t, de.Error(), "circular")
	assert.False(t, waitFor(t, muted))
	assert.Equal(t, int64(1), batchFlushes()-before)
}
