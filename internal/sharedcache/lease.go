package sharedcache

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"
)

// Waits between attempts to take a lease that another holds.
const (
	leaseFirstWait = 5 * time.Millisecond
	leaseMaxWait   = 100 * time.Millisecond
)

// Lease is a key held in a Cache so that one holder at a time, among all
// the processes sharing the cache, does what the key stands for (such as
// editing one meeting's attendees). It lasts until Release or its ttl,
// whichever comes first, so a holder that dies frees it after the ttl.
type Lease struct {
	cache Cache
	key   string
	token []byte
}

// TakeLease takes the lease on key for at most ttl, waiting while another
// holder has it, until ctx ends. Errors are ctx's or the cache's.
func TakeLease(ctx context.Context, c Cache, key string, ttl time.Duration) (*Lease, error) {
	token := []byte(rand.Text())
	wait := leaseFirstWait
	for {
		taken, err := c.Add(ctx, key, token, ttl)
		if err != nil {
			return nil, fmt.Errorf("sharedcache: taking the lease %q: %w", key, err)
		}
		if taken {
			return &Lease{cache: c, key: key, token: token}, nil
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("sharedcache: waiting for the lease %q, which another holder has: %w", key, context.Cause(ctx))
		case <-t.C:
		}
		wait = min(2*wait, leaseMaxWait)
	}
}

// Release gives the lease back. A lease that outlived its ttl may have been
// taken by another holder since: that one's is left alone.
func (l *Lease) Release(ctx context.Context) error {
	_, err := l.cache.DeleteIf(ctx, l.key, l.token)
	return err
}
