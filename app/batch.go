package app

import (
	"sync"

	"github.com/meetbridge/meetbridge/externalapi"
)

// eventBatch hands the bridge's events over to the UI goroutine in
// batches: events that arrive while a hand-over is pending join it, so
// that a burst (a hundred people joining) costs a few re-renders, not one
// per event. Order is kept.
type eventBatch struct {
	mu        sync.Mutex
	pending   []externalapi.Event
	scheduled bool
}

// add queues e and reports whether the caller must schedule a hand-over
// (none is pending).
func (b *eventBatch) add(e externalapi.Event) (schedule bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pending = append(b.pending, e)
	if b.scheduled {
		return false
	}
	b.scheduled = true
	return true
}

// take returns the queued events, in order, and ends the hand-over.
func (b *eventBatch) take() []externalapi.Event {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.pending
	b.pending, b.scheduled = nil, false
	return out
}
