package redispipe

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// stallHook is a Redis that stopped answering (as under SIGSTOP): each
// pipeline waits until release, then fails. It notes what was sent, and
// says on arrived that a pipeline arrived.
type stallHook struct {
	release chan struct{}
	arrived chan struct{}
	mu      sync.Mutex
	sent    []string
}

var errStalled = errors.New("stalled")

func (h *stallHook) DialHook(next redis.DialHook) redis.DialHook          { return next }
func (h *stallHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }
func (h *stallHook) ProcessPipelineHook(redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(_ context.Context, cmds []redis.Cmder) error {
		h.mu.Lock()
		for _, c := range cmds {
			h.sent = append(h.sent, fmt.Sprint(c.Args()))
		}
		h.mu.Unlock()
		select {
		case h.arrived <- struct{}{}:
		default:
		}
		<-h.release
		for _, c := range cmds {
			c.SetErr(errStalled)
		}
		return errStalled
	}
}

// With Redis stalled, a caller queued behind the pipeline under way gets
// an error after the pipe's wait, not after every pipeline ahead of it,
// and its command is never sent.
func TestQueuedCallerGivesUpAfterTheWaitWhileRedisStalls(t *testing.T) {
	hook := &stallHook{release: make(chan struct{}), arrived: make(chan struct{}, 1)}
	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	client.AddHook(hook)
	p := New(client)
	p.wait = 50 * time.Millisecond
	released := false
	release := func() {
		if !released {
			released = true
			close(hook.release)
		}
	}
	t.Cleanup(func() { release(); p.Close(); client.Close() })

	get := func(key string) <-chan error {
		errc := make(chan error, 1)
		go func() {
			_, err := Do(context.Background(), p, func(pl redis.Pipeliner) *redis.StringCmd { return pl.Get(context.Background(), key) })
			errc <- err
		}()
		return errc
	}
	// a (a caller without a deadline) is in the stalled pipeline; b waits
	// behind it.
	a := get("a")
	<-hook.arrived
	b := get("b")
	for name, errc := range map[string]<-chan error{"a": a, "b": b} {
		select {
		case err := <-errc:
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%s: %v, want the wait's deadline", name, err)
			}
		case <-time.After(time.Minute): // a failure detector, not a measure
			t.Fatalf("%s still waits on a stalled Redis", name)
		}
	}
	release()
	if err := <-get("c"); !errors.Is(err, errStalled) {
		t.Fatalf("c: %v", err)
	}
	hook.mu.Lock()
	defer hook.mu.Unlock()
	if fmt.Sprint(hook.sent) != "[[get a] [get c]]" {
		t.Errorf("sent %v: b's caller had given up, so b must not be sent", hook.sent)
	}
}
