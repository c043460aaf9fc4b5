package server

import (
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter keeps a token bucket per key (a client address or a user name)
// and forgets keys idle for longer than idle.
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

// allow reports whether key may act now, and if not, after how long.
func (l *limiter) allow(key string) (bool, time.Duration) {
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
		return false, d
	}
	return true, 0
}

// size counts the keys held, for tests.
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// clientIP is the request's peer address, or for IPv6 its /64 network, which
// one client commonly holds whole. Forwarded headers are not trusted: behind
// a proxy, limit at the proxy.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || addr.Is4() || addr.Is4In6() {
		return host
	}
	p, err := addr.Prefix(64)
	if err != nil {
		return host
	}
	return p.String()
}

// limited answers 429 with Retry-After unless key may act; it reports
// whether the request may go on.
func limited(w http.ResponseWriter, l *limiter, key string) bool {
	ok, wait := l.allow(key)
	if !ok {
		retryAfter(w, wait.Seconds())
		writeError(w, http.StatusTooManyRequests, "rate_limited", "too many requests: try again in a moment")
	}
	return ok
}
