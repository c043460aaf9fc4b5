package eventfeed

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// publishTimeout bounds a publish to Redis; a webhook must not wait long.
const publishTimeout = 2 * time.Second

// relay carries a hub's events through a Redis channel, so that a
// moderator streaming from any instance sees events published on every
// instance.
type relay struct {
	client  redis.UniversalClient
	channel string
	pubsub  *redis.PubSub
	done    chan struct{}
}

// NewRedisHub returns a hub whose events travel through the Redis channel
// (such as "meetbridge:events"): Publish on any instance's hub reaches the
// subscribers of every instance's hub on that channel, this one's included.
// It returns once subscribed, so that nothing published after it is
// missed. When Redis cannot take a publish, the event still reaches this
// instance's subscribers. Close ends the subscription; the caller keeps
// ownership of client.
func NewRedisHub(ctx context.Context, client redis.UniversalClient, channel string) (*Hub, error) {
	ps := client.Subscribe(ctx, channel)
	if _, err := ps.Receive(ctx); err != nil { // the subscription's confirmation
		ps.Close()
		return nil, fmt.Errorf("eventfeed: subscribing to %s: %w", channel, err)
	}
	h := NewHub()
	h.relay = &relay{client: client, channel: channel, pubsub: ps, done: make(chan struct{})}
	go h.relay.run(h)
	return h, nil
}

// run delivers every event from Redis to the hub's subscribers until the
// subscription closes. go-redis reconnects (and resubscribes) by itself.
func (r *relay) run(h *Hub) {
	defer close(r.done)
	for msg := range r.pubsub.Channel() {
		var e Event
		if err := json.Unmarshal([]byte(msg.Payload), &e); err != nil {
			continue // not ours
		}
		h.deliver(e)
	}
}

// publish sends e to every instance through Redis.
func (r *relay) publish(e Event) error {
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), publishTimeout)
	defer cancel()
	return r.client.Publish(ctx, r.channel, data).Err()
}

// close ends the subscription and waits for run to finish.
func (r *relay) close() {
	_ = r.pubsub.Close()
	<-r.done
}
