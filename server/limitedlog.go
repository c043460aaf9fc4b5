package server

import (
	"log/slog"
	"maps"
	"sync"
	"time"
)

// limitedLogEvery is how often at most the rate-limited summary is logged.
const limitedLogEvery = time.Minute

// limitedLog counts rate-limited requests by route and logs one summary
// line per period in which there were any, instead of a line each: a flood
// of refused requests costs a counter, not the disk. It needs no goroutine:
// the request that finds the period over logs it, and flush logs the rest.
type limitedLog struct {
	log   *slog.Logger
	every time.Duration
	now   func() time.Time

	mu     sync.Mutex
	since  time.Time
	counts map[string]int
}

// newLimitedLog returns a summary logged at most once every every.
func newLimitedLog(log *slog.Logger, every time.Duration) *limitedLog {
	return &limitedLog{log: log, every: every, now: time.Now, since: time.Now(), counts: map[string]int{}}
}

// note counts one rate-limited request of route, logging the summary when
// the period is over.
func (l *limitedLog) note(route string) {
	l.mu.Lock()
	l.counts[route]++
	due := l.now().Sub(l.since) >= l.every
	l.mu.Unlock()
	if due {
		l.flush()
	}
}

// flush logs the counts so far, if any, and starts a new period.
func (l *limitedLog) flush() {
	l.mu.Lock()
	counts, since, now := l.counts, l.since, l.now()
	l.counts, l.since = map[string]int{}, now
	l.mu.Unlock()
	total := 0
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return
	}
	byRoute := make(map[string]any, len(counts))
	for k, v := range maps.All(counts) {
		byRoute[k] = v
	}
	l.log.Warn("rate-limited requests", "count", total, "byRoute", byRoute,
		"since", since.UTC().Format(time.RFC3339), "period", now.Sub(since).Round(time.Second))
}
