package server

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisSessions is an scs session store (scs.CtxStore) in Redis, on the
// server's one go-redis client, so that every instance sees every session
// and a restart signs nobody out.
type redisSessions struct {
	client redis.UniversalClient
	prefix string
}

// FindCtx returns a session's data; a missing or expired one is not found.
func (s redisSessions) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	b, err := s.client.Get(ctx, s.prefix+token).Bytes()
	switch {
	case errors.Is(err, redis.Nil):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	}
	return b, true, nil
}

// CommitCtx stores a session's data until expiry.
func (s redisSessions) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	ttl := time.Until(expiry)
	if ttl <= 0 {
		return s.DeleteCtx(ctx, token)
	}
	return s.client.Set(ctx, s.prefix+token, b, ttl).Err()
}

// DeleteCtx removes a session.
func (s redisSessions) DeleteCtx(ctx context.Context, token string) error {
	return s.client.Del(ctx, s.prefix+token).Err()
}

// Find is FindCtx without a context.
func (s redisSessions) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context.
func (s redisSessions) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context.
func (s redisSessions) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}
