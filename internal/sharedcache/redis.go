package sharedcache

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis is a [Cache] in Redis, shared by every server instance that uses
// the same Redis and prefix. Redis bounds it (maxmemory) and expires each
// key at its ttl.
type Redis struct {
	client redis.UniversalClient
	prefix string
}

// NewRedis returns a cache that keeps its keys in client under prefix
// (such as "meetbridge:cache:"), so that several caches can share one
// Redis. The caller keeps ownership of client.
func NewRedis(client redis.UniversalClient, prefix string) *Redis {
	return &Redis{client: client, prefix: prefix}
}

// Get implements [Cache].
func (c *Redis) Get(ctx context.Context, key string) ([]byte, bool, error) {
	v, err := c.client.Get(ctx, c.prefix+key).Bytes()
	switch {
	case errors.Is(err, redis.Nil):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	}
	return v, true, nil
}

// Set implements [Cache].
func (c *Redis) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if ttl <= 0 {
		return errors.New("sharedcache: ttl must be positive")
	}
	return c.client.Set(ctx, c.prefix+key, value, ttl).Err()
}

// Delete implements [Cache].
func (c *Redis) Delete(ctx context.Context, key string) error {
	return c.client.Del(ctx, c.prefix+key).Err()
}
