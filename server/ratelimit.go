package server

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// rateLimiter decides whether a key (a client address, a user name) may act
// now. The memory one serves one instance; the Redis one is shared by all.
type rateLimiter interface {
	// allow reports whether key may act now and, if not, after how long.
	// An error means the limit could not be checked (its store is down).
	allow(ctx context.Context, key string) (ok bool, wait time.Duration, err error)
}

// limiter keeps a token bucket per key in this process and forgets keys
// idle for longer than idle.
type limiter struct {
	limit rate.Limit
	burst int
	idle  time.Duration
	now   func() time.Time

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

// bucket is one key's limiter and when it was last used.
type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// newLimiter returns a limiter of limit events a second with burst.
func newLimiter(limit rate.Limit, burst int) *limiter {
	return &limiter{limit: limit, burst: burst, idle: 10 * time.Minute, now: time.Now, buckets: map[string]*bucket{}}
}

// allow implements rateLimiter; it never fails.
func (l *limiter) allow(_ context.Context, key string) (bool, time.Duration, error) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) > l.idle {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > l.idle {
				delete(l.buckets, k)
			}
		}
		l.lastSweep = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d, nil
	}
	return true, 0, nil
}

// size counts the keys held, for tests.
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// limited answers 429 with Retry-After unless key may act under the limit
// named name, and 503 when the limit cannot be checked; it reports whether
// the request may go on.
func (a *api) limited(w http.ResponseWriter, r *http.Request, name string, l rateLimiter, key string) bool {
	ok, wait, err := l.allow(r.Context(), key)
	switch {
	case err != nil:
		a.storeDown(w, "rate limit", err)
		return false
	case !ok:
		a.metrics.RateLimited(name)
		retryAfter(w, wait.Seconds())
		writeError(w, http.StatusTooManyRequests, "rate_limited", "too many requests: try again in a moment")
		return false
	}
	return true
}
