package server

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/meetbridge/meetbridge/internal/redispipe"
	"github.com/meetbridge/meetbridge/internal/redistest"
)

func TestRedisLimiterIsOneBucketForEveryInstance(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	clients := make([]*redis.Client, 2) // two instances
	for i := range clients {
		clients[i] = redis.NewClient(&redis.Options{Addr: srv.Addr})
		t.Cleanup(func() { clients[i].Close() })
	}
	batches := []*redispipe.Pipe{redispipe.New(clients[0]), redispipe.New(clients[1])}
	for _, b := range batches {
		t.Cleanup(b.Close)
	}
	limit := rate.Every(time.Hour)
	one, other := newRedisLimiter(batches[0], "t:", limit, 3), newRedisLimiter(batches[1], "t:", limit, 3)
	for i, l := range []*redisLimiter{one, other, one} {
		ok, _, err := l.allow(ctx, "k")
		require.NoError(t, err)
		assert.True(t, ok, "request %d within the burst", i)
	}
	ok, wait, err := other.allow(ctx, "k")
	require.NoError(t, err)
	assert.False(t, ok, "the burst is spent across both instances")
	assert.InDelta(t, time.Hour.Seconds(), wait.Seconds(), 5, "wait about one interval")
	ok, _, _ = one.allow(ctx, "another key")
	assert.True(t, ok, "keys are separate")
	ttl := clients[0].PTTL(ctx, "t:k").Val()
	assert.True(t, ttl > 2*time.Hour && ttl <= 3*time.Hour, "the bucket expires when full again, in %v", ttl)

	unlimited := newRedisLimiter(batches[0], "u:", rate.Inf, 1)
	for range 10 {
		ok, _, err := unlimited.allow(ctx, "k")
		require.NoError(t, err)
		assert.True(t, ok)
	}
	srv.Stop()
	_, _, err = one.allow(ctx, "k")
	assert.Error(t, err, "a limit that cannot be checked is an error, not a pass")
	srv.Restart() // empty, without the script
	ok, _, err = one.allow(ctx, "k")
	require.NoError(t, err, "the script is loaded again")
	assert.True(t, ok)
}

// Concurrent checks share pipelines and each gets its own answer.
func TestRedisLimiterBatchesConcurrentChecks(t *testing.T) {
	srv := redistest.Start(t)
	client := redis.NewClient(&redis.Options{Addr: srv.Addr})
	t.Cleanup(func() { client.Close() })
	batch := redispipe.New(client)
	t.Cleanup(batch.Close)
	l := newRedisLimiter(batch, "c:", rate.Every(time.Hour), 10)
	const keys, each = 8, 15
	results := make(chan bool, keys*each)
	var wg sync.WaitGroup
	for k := range keys {
		for range each {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, _, err := l.allow(context.Background(), fmt.Sprint("key-", k))
				assert.NoError(t, err)
				results <- ok
			}()
		}
	}
	wg.Wait()
	close(results)
	allowed := 0
	for ok := range results {
		if ok {
			allowed++
		}
	}
	assert.Equal(t, keys*10, allowed, "exactly the burst of each key")
}
