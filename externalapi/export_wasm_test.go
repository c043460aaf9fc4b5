//go:build js && wasm

package externalapi

import "time"

// liveBackends counts backends not yet disposed and listener routes not yet
// dropped.
func liveBackends() (meetings, routes int) {
	backends.mu.Lock()
	defer backends.mu.Unlock()
	return len(backends.live), len(backends.routes)
}

// batchFlushes counts the crossings into Go that delivered event batches.
func batchFlushes() int64 { return theBatch.flushes.Load() }

// batchCalm is closed once the microtask trigger is armed: an event is
// again handled in the task that receives it.
func batchCalm() <-chan struct{} {
	return batchCondition(func(t *triggers) bool { return t.armed == microtaskTrigger })
}

// batchFlushed is closed once n flushes in all have armed their next
// trigger.
func batchFlushed(n int64) <-chan struct{} {
	return batchCondition(func(*triggers) bool { return theBatch.flushes.Load() >= n })
}

// batchCondition is closed once ok holds, checked whenever a trigger is
// armed.
func batchCondition(ok func(*triggers) bool) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		t := batchTriggers()
		t.mu.Lock()
		for !ok(t) {
			t.changed.Wait()
		}
		t.mu.Unlock()
		close(done)
	}()
	return done
}

// batchQueueLength is the number of elements waiting in the batch's queue.
func batchQueueLength() int {
	n, _ := batchTriggers().queue.Length()
	return n
}

// withBurstGap sets burstGap to d until restore is called, which also
// restarts the calm timer with the old gap.
func withBurstGap(d time.Duration) (restore func()) {
	t := batchTriggers()
	t.mu.Lock()
	old := burstGap
	burstGap = d
	t.mu.Unlock()
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		burstGap = old
		t.calm.Reset(burstGap)
	}
}

// batchArmed is the trigger armed last.
func batchArmed() trigger {
	t := batchTriggers()
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.armed
}

// batchTriggers returns the shared batch's triggers, setting the batch up
// if no meeting has yet.
func batchTriggers() *triggers {
	b, err := eventBatch()
	if err != nil {
		panic(err)
	}
	return &b.triggers
}

// queuedEvents counts the events named name that wait in a's dispatcher
// queue: handed over by the batch, not yet taken by the dispatcher.
func queuedEvents(a *API, name string) int {
	a.queue.mu.Lock()
	defer a.queue.mu.Unlock()
	n := 0
	for _, ev := range a.queue.items {
		if ev.name == name {
			n++
		}
	}
	return n
}
