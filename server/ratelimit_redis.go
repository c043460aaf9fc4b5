package server

import (
	"context"
	"math"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"
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

// redisLimiter is a rateLimiter shared by every instance through Redis.
type redisLimiter struct {
	client   redis.UniversalClient
	prefix   string
	interval int64 // µs between events; 0 for no limit
	burst    int
}

// newRedisLimiter returns a limiter of limit events a second with burst,
// its buckets under prefix.
func newRedisLimiter(client redis.UniversalClient, prefix string, limit rate.Limit, burst int) *redisLimiter {
	l := &redisLimiter{client: client, prefix: prefix, burst: burst}
	if limit != rate.Inf && limit > 0 {
		l.interval = int64(math.Ceil(1e6 / float64(limit)))
	}
	return l
}

// allow implements rateLimiter.
func (l *redisLimiter) allow(ctx context.Context, key string) (bool, time.Duration, error) {
	if l.interval == 0 {
		return true, 0, nil
	}
	res, err := gcraScript.Run(ctx, l.client, []string{l.prefix + key}, l.interval, l.burst).Int64Slice()
	if err != nil {
		return false, 0, err
	}
	if res[0] == 1 {
		return true, 0, nil
	}
	return false, time.Duration(res[1]) * time.Microsecond, nil
}
