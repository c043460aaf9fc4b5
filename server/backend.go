package server

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/alexedwards/scs/v2/memstore"
	"github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"

	"github.com/meetbridge/meetbridge/internal/redispipe"
	"github.com/meetbridge/meetbridge/internal/sharedcache"
)

// defaultRedisPrefix starts every Redis key and channel of the server
// unless Config.RedisPrefix says otherwise.
const defaultRedisPrefix = "meetbridge:"

// What follows the prefix in the server's Redis keys and channel.
const (
	redisSessionKeys  = "session:"
	redisLimitKeys    = "limit:"
	redisCacheKeys    = "cache:"
	redisFailKeys     = "loginfail:"
	redisEventChannel = "events"
)

// Bounds of the memory caches.
const (
	memoryCacheEntries = 10_000
	memoryMarkEntries  = 100_000
)

// backend is where the server keeps its state: in this process, or in
// Redis for every instance.
type backend struct {
	redis  *redis.Client   // nil in memory
	prefix string          // of every Redis key and channel
	pipe   *redispipe.Pipe // batches the commands of concurrent requests
	cache  sharedcache.Cache
	marks  sharedcache.Cache // addresses that failed to sign in
	store  scs.Store
}

// newBackend connects to Redis when cfg names one, and checks that it
// answers; otherwise everything stays in memory.
func newBackend(cfg Config) (*backend, error) {
	if cfg.RedisURL == "" {
		// No cleanup goroutine (it cannot be stopped without a race):
		// sessions are made only by moderator sign-ins and deleted by sign-
		// outs, and an expired one is never found.
		return &backend{
			cache: sharedcache.NewMemory(memoryCacheEntries), marks: sharedcache.NewMemory(memoryMarkEntries),
			store: memstore.NewWithCleanupInterval(0),
		}, nil
	}
	opts, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		if errors.As(err, new(*url.Error)) {
			// url.Error quotes the whole URL, password included, and
			// this error ends in the log.
			err = errors.New("not a URL (percent-encode %, @, / and : in a password)")
		}
		return nil, fmt.Errorf("server: redis URL %s: %w", redactURL(cfg.RedisURL), err)
	}
	// Short timeouts: with Redis gone a request gets a 503 in about a
	// second instead of hanging.
	opts.DialTimeout, opts.ReadTimeout, opts.WriteTimeout, opts.PoolTimeout = time.Second, time.Second, time.Second, 2*time.Second
	opts.MaxRetries = 1
	opts.Protocol = 2 // RESP2: no push notifications to look for before each command
	opts.ContextTimeoutEnabled = true
	client := redis.NewClient(opts)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := client.Ping(ctx).Err(); err != nil {
		client.Close()
		return nil, fmt.Errorf("server: redis at %s does not answer: %w", opts.Addr, err)
	}
	pipe := redispipe.New(client)
	prefix := cfg.RedisPrefix
	if prefix == "" {
		prefix = defaultRedisPrefix
	}
	return &backend{
		redis: client, pipe: pipe, prefix: prefix,
		cache: sharedcache.NewRedis(pipe, prefix+redisCacheKeys),
		marks: sharedcache.NewRedis(pipe, prefix+redisFailKeys),
		store: cacheSessions{cache: sharedcache.NewRedis(pipe, prefix+redisSessionKeys)},
	}, nil
}

// limiter returns the limit named name, of limit events a second with
// burst, shared by every instance with Redis.
func (b *backend) limiter(name string, limit rate.Limit, burst int) rateLimiter {
	if b.redis != nil {
		return newRedisLimiter(b.pipe, b.prefix+redisLimitKeys+name+":", limit, burst)
	}
	return newLimiter(limit, burst)
}

// close stops the pipelines and closes the Redis client, if any.
func (b *backend) close() error {
	if b.redis == nil {
		return nil
	}
	b.pipe.Close()
	return b.redis.Close()
}
