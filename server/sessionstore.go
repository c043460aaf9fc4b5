package server

import (
	"context"
	"time"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
)

// cacheSessions is an scs session store (scs.CtxStore) over a shared cache
// (sharedcache.Redis on the server's one go-redis client), so that every
// instance sees every session and a restart signs nobody out.
type cacheSessions struct {
	cache sharedcache.Cache
}

// FindCtx returns a session's data; a missing or expired one is not found.
func (s cacheSessions) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	return s.cache.Get(ctx, token)
}

// CommitCtx stores a session's data until expiry.
func (s cacheSessions) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	ttl := time.Until(expiry)
	if ttl <= 0 {
		return s.DeleteCtx(ctx, token)
	}
	return s.cache.Set(ctx, token, b, ttl)
}

// DeleteCtx removes a session.
func (s cacheSessions) DeleteCtx(ctx context.Context, token string) error {
	return s.cache.Delete(ctx, token)
}

// Find is FindCtx without a context.
func (s cacheSessions) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context.
func (s cacheSessions) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context.
func (s cacheSessions) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}
