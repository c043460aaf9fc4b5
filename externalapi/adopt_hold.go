package externalapi

import "sync"

// eventHold stands between an adopted meeting's live listeners and its API
// until Adopt has handed over the events recorded before: live events that
// arrive meanwhile (only when Adopt's setup waits on the page) are held and
// follow the recorded ones, so that the handlers see every event in the
// order the meeting emitted it.
type eventHold struct {
	next func(name string, payload []byte)

	mu       sync.Mutex
	released bool
	held     []queuedEvent
}

// newEventHold returns a closed hold in front of next.
func newEventHold(next func(string, []byte)) *eventHold {
	return &eventHold{next: next}
}

// receive passes a live event on, or holds it until release.
func (h *eventHold) receive(name string, payload []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.released {
		h.held = append(h.held, queuedEvent{name: name, payload: payload})
		return
	}
	h.next(name, payload)
}

// release passes on the recorded events, then the held ones, and opens the
// hold. next never blocks (API.receive), so the lock is held throughout:
// no live event can overtake.
func (h *eventHold) release(recorded []queuedEvent) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, ev := range recorded {
		h.next(ev.name, ev.payload)
	}
	for _, ev := range h.held {
		h.next(ev.name, ev.payload)
	}
	h.held = nil
	h.released = true
}
