package eventfeed

import "sync"

// subscriberBuffer is how many events a slow subscriber may fall behind
// before it misses events; a feed for people must never block a webhook.
const subscriberBuffer = 64

// Hub fans published events out to its subscribers. The zero value is not
// usable; call [NewHub]. It is safe for concurrent use.
type Hub struct {
	mu     sync.Mutex
	subs   map[chan Event]struct{}
	closed bool
}

// NewHub returns a hub with no subscribers.
func NewHub() *Hub {
	return &Hub{subs: make(map[chan Event]struct{})}
}

// Publish hands e to every subscriber without blocking: a subscriber whose
// buffer is full misses it.
func (h *Hub) Publish(e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs {
		select {
		case c <- e:
		default:
		}
	}
}

// Subscribe returns a channel of the events published from now on and a
// function that ends the subscription and closes the channel. After
// [Hub.Close] the channel is closed at once.
func (h *Hub) Subscribe() (<-chan Event, func()) {
	c := make(chan Event, subscriberBuffer)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(c)
		return c, func() {}
	}
	h.subs[c] = struct{}{}
	var once sync.Once
	return c, func() {
		once.Do(func() {
			h.mu.Lock()
			defer h.mu.Unlock()
			if _, ok := h.subs[c]; ok {
				delete(h.subs, c)
				close(c)
			}
		})
	}
}

// Close ends every subscription, so that open streams finish.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.subs {
		delete(h.subs, c)
		close(c)
	}
}
