package sharedcache_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
)

func TestLeaseHasOneHolderAtATime(t *testing.T) {
	ctx := context.Background()
	cache := sharedcache.NewMemory(10)
	first, err := sharedcache.TakeLease(ctx, cache, "edit", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	// While it is held, another taker waits until its context ends.
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := sharedcache.TakeLease(short, cache, "edit", time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a second taker got %v while the lease was held, want the deadline", err)
	}
	// Once released, a waiting taker gets it.
	got := make(chan error, 1)
	go func() {
		l, err := sharedcache.TakeLease(ctx, cache, "edit", time.Minute)
		if err == nil {
			err = l.Release(ctx)
		}
		got <- err
	}()
	if err := first.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatalf("the waiting taker: %v", err)
	}
	if _, ok, _ := cache.Get(ctx, "edit"); ok {
		t.Fatal("the lease is still held after both released it")
	}
}

func TestAnExpiredLeaseReleasesNothingOfTheNextHolder(t *testing.T) {
	ctx := context.Background()
	cache := sharedcache.NewMemory(10)
	first, err := sharedcache.TakeLease(ctx, cache, "edit", time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	// The first holder outlives its ttl; the next one takes the lease.
	second, err := sharedcache.TakeLease(ctx, cache, "edit", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Release(ctx); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := sharedcache.TakeLease(short, cache, "edit", time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a third taker got %v: the late release freed the second holder's lease", err)
	}
	if err := second.Release(ctx); err != nil {
		t.Fatal(err)
	}
}
