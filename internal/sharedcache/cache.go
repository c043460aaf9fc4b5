package sharedcache

import (
	"context"
	"time"
)

// Cache stores byte values under string keys for a limited time. It is safe
// for concurrent use. Errors are the store's own (Redis unreachable, say); a
// missing or expired key is not an error.
type Cache interface {
	// Get returns the value under key and whether it was there.
	Get(ctx context.Context, key string) ([]byte, bool, error)
	// Set stores value under key for ttl (which must be positive).
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) error
	// Add stores value under key for ttl (which must be positive) only if
	// key holds no value, and reports whether it stored it. Of several
	// callers adding the same key at once, in this process or in others
	// sharing the store, exactly one gets true.
	Add(ctx context.Context, key string, value []byte, ttl time.Duration) (bool, error)
	// Delete removes key; a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// DeleteIf removes key only if it holds value, in one step, and
	// reports whether it removed it: a lease taken with Add is released
	// by its holder only, even after it expired and another took it.
	DeleteIf(ctx context.Context, key string, value []byte) (bool, error)
}
