package server

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// sampledEvery is how often at most a sampled message is logged.
const sampledEvery = time.Minute

// sampledLog logs a recurring message (a failed dial to Redis, a request
// that found the store down) at most once per period, with how many were
// left out since: an outage must not flood the log.
type sampledLog struct {
	log   *slog.Logger
	level slog.Level
	every time.Duration
	now   func() time.Time

	mu         sync.Mutex
	last       time.Time
	suppressed int
}

// newSampledLog returns a sampled log at level.
func newSampledLog(log *slog.Logger, level slog.Level) *sampledLog {
	return &sampledLog{log: log, level: level, every: sampledEvery, now: time.Now}
}

// print logs msg with args, or counts it.
func (l *sampledLog) print(msg string, args ...any) {
	l.mu.Lock()
	now := l.now()
	if !l.last.IsZero() && now.Sub(l.last) < l.every {
		l.suppressed++
		l.mu.Unlock()
		return
	}
	suppressed := l.suppressed
	l.last, l.suppressed = now, 0
	l.mu.Unlock()
	l.log.Log(context.Background(), l.level, msg, append(args, "suppressedSinceLast", suppressed)...)
}

// Printf takes go-redis's own messages (redis.SetLogger).
func (l *sampledLog) Printf(_ context.Context, format string, v ...any) {
	l.print("redis client", "detail", fmt.Sprintf(format, v...))
}

// LogRedisTo sends the Redis client's own messages, for the whole process,
// to log, at most one line a minute. Call it once from main.
func LogRedisTo(log *slog.Logger) {
	redis.SetLogger(newSampledLog(log, slog.LevelWarn))
}
