//go:build js && wasm

package externalapi

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// batchTasks loads testdata/batch_tasks.js, which emits events on the test
// double each in a task of its own, as a conference iframe's messages
// arrive.
func batchTasks(t testing.TB) safejs.Value {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// The helper is an object, not a constructor: LoadScript loads it and
	// then says that it defines none.
	if err := LoadScript(ctx, "/files/testdata/batch_tasks.js", ""); !errors.Is(err, ErrNoGlobal) {
		t.Fatal(err)
	}
	helper := must(safejs.Global().Get("batchTasks"))
	if helper.Type() != safejs.TypeObject {
		t.Fatal("testdata/batch_tasks.js defines no window.batchTasks")
	}
	return helper
}

// awaitJS waits for a JavaScript promise and returns what it resolved with.
func awaitJS(t *testing.T, p safejs.Value) safejs.Value {
	t.Helper()
	result := make(chan safejs.Value, 1)
	fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		v := safejs.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		result <- v
		return nil
	})
	require.NoError(t, err)
	defer fn.Release()
	must(p.Call("then", fn.Value()))
	return waitFor(t, result)
}

// handled records, in order, the ids of the events a handler saw.
type handled struct {
	mu  sync.Mutex
	ids []string
}

func (h *handled) add(id string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.ids = append(h.ids, id)
}

func (h *handled) list() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.ids...)
}

func TestABurstOfTasksCrossesIntoGoInFewBatches(t *testing.T) {
	helper := batchTasks(t)
	waitFor(t, batchCalm())
	a, double := newFake(t, Options{})
	var got handled
	all := make(chan struct{})
	const n = 300
	joined := 0 // handlers run one at a time
	_, err := a.OnParticipantJoined(func(e ParticipantJoined) {
		got.add("joined " + string(e.ID))
		if joined++; joined == n {
			close(all)
		}
	})
	require.NoError(t, err)
	_, err = a.OnParticipantLeft(func(e ParticipantLeft) { got.add("left " + string(e.ID)) })
	require.NoError(t, err)
	errs := make(chan error, 4)
	_, err = a.OnError(func(err error) { errs <- err })
	require.NoError(t, err)

	// n events, each in its own message task; one payload is cyclic (not
	// JSON) and spoils only itself.
	cyclic := must(jsObject.New())
	require.NoError(t, cyclic.Set("self", cyclic))
	var pairs []any
	var want []string
	for i := range n {
		id := fmt.Sprint(i)
		if i%7 == 3 {
			pairs = append(pairs, []any{"participantLeft", map[string]any{"id": id}})
			want = append(want, "left "+id)
		}
		pairs = append(pairs, []any{"participantJoined", map[string]any{"id": id}})
		want = append(want, "joined "+id)
	}
	pairs = append(pairs, []any{"participantLeft", cyclic})
	before := batchFlushes()
	awaitJS(t, must(helper.Call("postEach", double, pairs, -1, nil)))
	waitFor(t, all)

	var de *DecodeError
	require.ErrorAs(t, waitFor(t, errs), &de)
	assert.Contains(t, de.Error(), "circular")
	assert.Equal(t, want, got.list(), "every event, in emit order, across both triggers")
	flushes := batchFlushes() - before
	t.Logf("%d events in %d tasks reached Go in %d flushes", len(want)+1, len(pairs), flushes)
	assert.Less(t, flushes, int64(len(pairs)/20), "far fewer crossings than tasks")
	assert.Zero(t, batchQueueLength())
}

func TestAnIsolatedEventIsHandledBeforeTheNextTask(t *testing.T) {
	helper := batchTasks(t)
	a, double := newFake(t, Options{})
	flag := must(jsObject.New())
	require.NoError(t, flag.Set("seen", 0))
	handledOne := make(chan struct{}, 64)
	_, err := a.OnDominantSpeakerChanged(func(DominantSpeakerChanged) {
		n, _ := must(flag.Get("seen")).Int()
		_ = flag.Set("seen", n+1)
		handledOne <- struct{}{}
	})
	require.NoError(t, err)
	probe, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		n, _ := must(flag.Get("seen")).Int()
		return n
	})
	require.NoError(t, err)
	defer probe.Release()

	// The probe is a message task queued before the event is emitted, so
	// it runs before any flush that a posted message would start: it sees
	// the event handled only if the flush came within the event's task.
	// The second round comes after a burst, once it is over.
	const burst = 50
	for round := range 2 {
		if round == 1 {
			var pairs []any
			for range burst {
				pairs = append(pairs, []any{"dominantSpeakerChanged", map[string]any{"id": "p0"}})
			}
			awaitJS(t, must(helper.Call("postEach", double, pairs, -1, nil)))
			for range burst {
				waitFor(t, handledOne)
			}
		}
		waitFor(t, batchCalm())
		before := batchFlushes()
		seen := awaitJS(t, must(helper.Call("emitThenProbe", double, "dominantSpeakerChanged", map[string]any{"id": "p1"}, probe.Value())))
		waitFor(t, handledOne)
		n, err := seen.Int()
		require.NoError(t, err)
		assert.Equal(t, 1+round*(burst+1), n, "round %d: handled within the task that emitted it", round)
		assert.Equal(t, int64(1), batchFlushes()-before)
	}
}

func TestDisposeWhileATaskFlushIsPendingDeliversNothing(t *testing.T) {
	helper := batchTasks(t)
	waitFor(t, batchCalm())
	a, double := newFake(t, Options{})
	var got handled
	_, err := a.OnParticipantJoined(func(e ParticipantJoined) { got.add(string(e.ID)) })
	require.NoError(t, err)
	var pairs []any
	for i := range 20 {
		pairs = append(pairs, []any{"participantJoined", map[string]any{"id": fmt.Sprint(i)}})
	}
	// With a long burst gap, the task trigger is armed after the first
	// flush or two, however slowly the message tasks run; dispose comes in
	// the task of the sixth event, with the events since queued and their
	// flush pending one task after the last message.
	restore := withBurstGap(time.Minute)
	defer restore()
	var queued int
	var armed trigger
	var atDispose []string
	dispose, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		queued, armed, atDispose = batchQueueLength(), batchArmed(), got.list()
		assert.NoError(t, a.Dispose())
		return nil
	})
	require.NoError(t, err)
	defer dispose.Release()
	before := batchFlushes()
	awaitJS(t, must(helper.Call("postEach", double, pairs, 5, dispose.Value())))
	waitFor(t, batchFlushed(before+int64(len(atDispose))+1))

	assert.Equal(t, taskTrigger, armed, "a task flush was pending at dispose")
	require.Contains(t, [][]string{{"0"}, {"0", "1"}}, atDispose, "one flush per event until the trigger changed")
	assert.Equal(t, 2*(6-len(atDispose)), queued, "the events since waited for the task flush (a marker and a payload each)")
	assert.Equal(t, atDispose, got.list(), "nothing delivered after dispose")
	assert.Equal(t, int64(len(atDispose))+1, batchFlushes()-before, "the pending flush came, and no other")
	assert.Zero(t, batchQueueLength(), "the pending flush emptied the queue")
	n, err := must(double.Call("listenerCount")).Int()
	require.NoError(t, err)
	assert.Zero(t, n, "no listener left on the library")
	_, routes := liveBackends()
	assert.Zero(t, routes)
}

func TestEventsPostedBeforeAGetterAnswerReachTheDispatcherFirst(t *testing.T) {
	helper := batchTasks(t)
	waitFor(t, batchCalm())
	a, double := newFake(t, Options{})
	// With a long burst gap, the task trigger is armed after the first
	// flush or two however slowly the message tasks run: the events after
	// that wait in JavaScript for a task flush queued behind every message,
	// the answer's included.
	restore := withBurstGap(time.Minute)
	defer restore()

	const n = 20
	var got handled
	release := make(chan struct{})
	all := make(chan struct{})
	_, err := a.OnParticipantJoined(func(e ParticipantJoined) {
		got.add(string(e.ID))
		if e.ID == "0" {
			<-release // holds the dispatcher: what is handed over stays queued
		}
		if len(got.list()) == n {
			close(all)
		}
	})
	require.NoError(t, err)
	called := make(chan struct{}, 1)
	onCall, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		called <- struct{}{}
		return nil
	})
	require.NoError(t, err)
	defer onCall.Release()
	require.NoError(t, double.Set("onCall", onCall.Value()))

	// When the getter returns, count the events its caller could be
	// ahead of: those that the dispatcher has (handled or queued).
	type answer struct {
		muted      bool
		err        error
		handedOver int
		flushes    int64
	}
	answers := make(chan answer, 1)
	go func() {
		muted, err := a.IsAudioMuted(context.Background())
		answers <- answer{muted, err, len(got.list()) + queuedEvents(a, "participantJoined"), batchFlushes()}
	}()
	waitFor(t, called) // the getter's promise hangs on the double

	// n events, each in a message task of its own; the answer comes in the
	// task of the last one, after it.
	var pairs []any
	var want []string
	for i := range n {
		pairs = append(pairs, []any{"participantJoined", map[string]any{"id": fmt.Sprint(i)}})
		want = append(want, fmt.Sprint(i))
	}
	settle := must(must(double.Get("settleLater")).Call("bind", double, true))
	awaitJS(t, must(helper.Call("postEach", double, pairs, n-1, settle)))
	ans := waitFor(t, answers)
	require.NoError(t, ans.err)
	assert.True(t, ans.muted)
	assert.Equal(t, n, ans.handedOver, "every event posted before the answer was with the dispatcher when the getter returned")

	close(release)
	waitFor(t, all)
	// The task flush armed during the burst still comes, finds the queue
	// empty and only arms the next trigger.
	waitFor(t, batchFlushed(ans.flushes+1))
	assert.Equal(t, want, got.list(), "every event once, in order")
	assert.Zero(t, batchQueueLength())
}
