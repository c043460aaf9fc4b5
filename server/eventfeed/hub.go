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
	relay  *relay // nil for a hub of this process only
}

// NewHub returns a hub with no subscribers.
func NewHub() *Hub {
	return &Hub{subs: make(map[chan Event]struct{})}
}

// Publish hands e to every subscriber without blocking: a subscriber whose
// buffer is full misses it. A hub on Redis ([NewRedisHub]) hands it to the
// subscribers of every instance.
func (h *Hub) Publish(e Event) {
	if h.relay != nil && h.relay.publish(e) == nil {
		return // Redis brings it back to this hub too
	}
	h.deliver(e)
}

// deliver hands e to this hub's subscribers.
func (h *Hub) deliver(e Event) {
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

// Close ends every subscription, so that open streams finish, and a hub's
// Redis subscription.
func (h *Hub) Close() {
	if h.relay != nil {
		h.relay.close()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.subs {
		delete(h.subs, c)
		close(c)
	}
}
