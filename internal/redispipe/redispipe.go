// Package redispipe sends the Redis commands of concurrent callers
// together: what callers ask while a round trip is under way goes in the
// next pipeline, so that under load a few writes and reads carry many
// commands, for this process and for Redis. One goroutine runs the
// pipelines until [Pipe.Close].
package redispipe

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// Bounds of a pipeline.
const (
	maxBatch = 64
	// maxWait bounds each command, from Do to its answer (queue and round
	// trip), and one pipeline; the client's own timeouts come first.
	maxWait = 3 * time.Second
)

// ErrClosed answers commands after Close.
var ErrClosed = errors.New("redispipe: closed")

// Pipe batches commands onto one client. It is safe for concurrent use.
type Pipe struct {
	client redis.UniversalClient
	queue  chan *call
	wait   time.Duration // maxWait but in tests
	stop   chan struct{}
	done   chan struct{}
}

// call is one caller's command.
type call struct {
	ctx   context.Context // the caller's, bounded by wait
	build func(redis.Pipeliner) redis.Cmder
	cmd   redis.Cmder // nil when not sent: see err
	err   error
	done  chan struct{}
}

// New starts a pipe on client; the caller keeps ownership of client and
// closes it after the pipe.
func New(client redis.UniversalClient) *Pipe {
	p := &Pipe{client: client, queue: make(chan *call, maxBatch), wait: maxWait, stop: make(chan struct{}), done: make(chan struct{})}
	go p.run()
	return p
}

// Client is the client the pipe sends on, for what cannot be batched
// (subscriptions).
func (p *Pipe) Client() redis.UniversalClient { return p.client }

// Do queues the command build adds to a pipeline and returns it once
// answered, with its error (redis.Nil for a missing key), or ctx's error if
// ctx ends first. It waits at most maxWait whatever ctx allows: with Redis
// stalled, the queue behind the pipeline under way must not grow each
// caller's wait (128 callers waited 9 s for a 503), and a command whose
// caller gave up is not sent.
func Do[C redis.Cmder](ctx context.Context, p *Pipe, build func(redis.Pipeliner) C) (C, error) {
	var zero C
	select {
	case <-p.stop:
		return zero, ErrClosed
	default:
	}
	ctx, cancel := context.WithTimeout(ctx, p.wait)
	defer cancel()
	c := &call{ctx: ctx, build: func(pipe redis.Pipeliner) redis.Cmder { return build(pipe) }, done: make(chan struct{})}
	select {
	case p.queue <- c:
	case <-p.stop:
		return zero, ErrClosed
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	select {
	case <-c.done:
		if c.cmd == nil {
			return zero, c.err
		}
		cmd := c.cmd.(C)
		return cmd, cmd.Err()
	case <-p.done: // closed with c still queued
		return zero, ErrClosed
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

// run sends whatever is queued, up to maxBatch commands, in one pipeline;
// what arrives meanwhile makes the next.
func (p *Pipe) run() {
	defer close(p.done)
	for {
		var batch []*call
		select {
		case c := <-p.queue:
			batch = append(batch, c)
		case <-p.stop:
			return
		}
	more:
		for len(batch) < maxBatch {
			select {
			case c := <-p.queue:
				batch = append(batch, c)
			default:
				break more
			}
		}
		p.send(batch)
	}
}

// send runs one pipeline; each command keeps its own answer or error.
// Commands whose callers gave up while queued are dropped.
func (p *Pipe) send(batch []*call) {
	live := batch[:0]
	for _, c := range batch {
		if c.err = c.ctx.Err(); c.err != nil {
			close(c.done)
			continue
		}
		live = append(live, c)
	}
	if len(live) == 0 {
		return
	}
	batch = live
	ctx, cancel := context.WithTimeout(context.Background(), p.wait)
	defer cancel()
	pipe := p.client.Pipeline()
	for _, c := range batch {
		c.cmd = c.build(pipe)
	}
	_, _ = pipe.Exec(ctx) // errors are on the commands
	for _, c := range batch {
		close(c.done)
	}
}

// Close stops the goroutine; commands after it fail with ErrClosed.
// A second Close does nothing.
func (p *Pipe) Close() {
	select {
	case <-p.stop:
	default:
		close(p.stop)
	}
	<-p.done
}
