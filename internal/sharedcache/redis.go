package sharedcache

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/meetbridge/meetbridge/internal/redispipe"
)

// deleteIfScript deletes KEYS[1] if it holds ARGV[1], in one step of
// Redis; it returns how many keys it deleted.
var deleteIfScript = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`)

// Redis is a [Cache] in Redis, shared by every server instance that uses
// the same Redis and prefix. Redis bounds it (maxmemory) and expires each
// key at its ttl. Its commands share pipelines with the other commands of
// concurrent requests.
type Redis struct {
	pipe   *redispipe.Pipe
	prefix string
}

// NewRedis returns a cache that keeps its keys under prefix (such as
// "meetbridge:cache:") in the Redis of pipe, so that several caches can
// share one Redis. The caller keeps ownership of pipe.
func NewRedis(pipe *redispipe.Pipe, prefix string) *Redis {
	return &Redis{pipe: pipe, prefix: prefix}
}

// Get implements [Cache].
func (c *Redis) Get(ctx context.Context, key string) ([]byte, bool, error) {
	cmd, err := redispipe.Do(ctx, c.pipe, func(p redis.Pipeliner) *redis.StringCmd { return p.Get(ctx, c.prefix+key) })
	switch {
	case errors.Is(err, redis.Nil):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	}
	v, err := cmd.Bytes()
	return v, err == nil, err
}

// Set implements [Cache].
func (c *Redis) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if ttl <= 0 {
		return errors.New("sharedcache: ttl must be positive")
	}
	_, err := redispipe.Do(ctx, c.pipe, func(p redis.Pipeliner) *redis.StatusCmd { return p.Set(ctx, c.prefix+key, value, ttl) })
	return err
}

// Add implements [Cache] with SET NX PX: Redis decides which caller
// stores the key.
func (c *Redis) Add(ctx context.Context, key string, value []byte, ttl time.Duration) (bool, error) {
	if ttl <= 0 {
		return false, errors.New("sharedcache: ttl must be positive")
	}
	cmd, err := redispipe.Do(ctx, c.pipe, func(p redis.Pipeliner) *redis.BoolCmd { return p.SetNX(ctx, c.prefix+key, value, ttl) })
	if err != nil {
		return false, err
	}
	return cmd.Val(), nil
}

// Delete implements [Cache].
func (c *Redis) Delete(ctx context.Context, key string) error {
	_, err := redispipe.Do(ctx, c.pipe, func(p redis.Pipeliner) *redis.IntCmd { return p.Del(ctx, c.prefix+key) })
	return err
}

// DeleteIf implements [Cache] with a script, so that the comparison and
// the deletion are one step of Redis.
func (c *Redis) DeleteIf(ctx context.Context, key string, value []byte) (bool, error) {
	cmd, err := redispipe.Do(ctx, c.pipe, func(p redis.Pipeliner) *redis.Cmd {
		return deleteIfScript.Eval(ctx, p, []string{c.prefix + key}, value)
	})
	if err != nil {
		return false, err
	}
	n, err := cmd.Int()
	return n == 1, err
}
