package server

import (
	"context"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"

	"github.com/meetbridge/meetbridge/internal/redispipe"
)

// gcraScript is the generic cell rate algorithm, a token bucket kept as one
// timestamp per key: the theoretical arrival time (TAT) of the next
// request, in microseconds of Redis's clock (so instances' clocks do not
// matter). A request is allowed when the TAT it would push to stays within
// burst intervals of now; the key expires when the bucket is full again.
//
// KEYS[1] the bucket; ARGV[1] the interval between events in µs (1/rate);
// ARGV[2] the burst. Returns {allowed (1 or 0), µs to wait}.
var gcraScript = redis.NewScript(`
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call("GET", KEYS[1]) or now)
if tat < now then tat = now end
local next = tat + interval
local wait = next - now - burst * interval
if wait > 0 then
  return {0, wait}
end
redis.call("SET", KEYS[1], next, "PX", math.max(1, math.ceil((next - now) / 1000)))
return {1, 0}
`)

// redisLimiter is a rateLimiter shared by every instance through Redis;
// its checks share pipelines with the other Redis commands of the server.
type redisLimiter struct {
	pipe     *redispipe.Pipe
	prefix   string
	interval int64 // µs between events; 0 for no limit
	burst    int
}

// newRedisLimiter returns a limiter of limit events a second with burst,
// its buckets under prefix.
func newRedisLimiter(pipe *redispipe.Pipe, prefix string, limit rate.Limit, burst int) *redisLimiter {
	l := &redisLimiter{pipe: pipe, prefix: prefix, burst: burst}
	if limit != rate.Inf && limit > 0 {
		l.interval = int64(math.Ceil(1e6 / float64(limit)))
	}
	return l
}

// allow implements rateLimiter. The script goes by its hash; Redis that
// lost it (a restart) gets it again once.
func (l *redisLimiter) allow(ctx context.Context, key string) (bool, time.Duration, error) {
	if l.interval == 0 {
		return true, 0, nil
	}
	keys := []string{l.prefix + key}
	run := func() (*redis.Cmd, error) {
		return redispipe.Do(ctx, l.pipe, func(p redis.Pipeliner) *redis.Cmd {
			return gcraScript.EvalSha(ctx, p, keys, l.interval, l.burst)
		})
	}
	cmd, err := run()
	if err != nil && strings.HasPrefix(err.Error(), "NOSCRIPT") {
		if err = gcraScript.Load(ctx, l.pipe.Client()).Err(); err == nil {
			cmd, err = run()
		}
	}
	if err != nil {
		return false, 0, err
	}
	v, err := cmd.Int64Slice()
	switch {
	case err != nil:
		return false, 0, err
	case len(v) != 2:
		return false, 0, errors.New("server: unexpected answer of the limit script")
	}
	return v[0] == 1, time.Duration(v[1]) * time.Microsecond, nil
}
