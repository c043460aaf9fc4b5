package sharedcache_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/meetbridge/meetbridge/internal/redispipe"
	"github.com/meetbridge/meetbridge/internal/redistest"
	"github.com/meetbridge/meetbridge/internal/sharedcache"
)

// connect is one server instance's connection to the Redis at addr: a
// client, and a pipe on it; both close at the test's end.
func connect(t *testing.T, addr string) (*redis.Client, *redispipe.Pipe) {
	t.Helper()
	client := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { client.Close() })
	pipe := redispipe.New(client)
	t.Cleanup(pipe.Close)
	return client, pipe
}

func TestRedisSharesValuesUnderItsPrefixUntilTheyExpire(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	client, pipe := connect(t, srv.Addr)
	var c sharedcache.Cache = sharedcache.NewRedis(pipe, "a:")
	other := sharedcache.NewRedis(pipe, "b:")

	if _, ok, err := c.Get(ctx, "k"); ok || err != nil {
		t.Fatalf("Get of a missing key = %v, %v", ok, err)
	}
	if err := c.Set(ctx, "k", []byte("v"), time.Minute); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := c.Get(ctx, "k"); err != nil || !ok || string(v) != "v" {
		t.Fatalf("Get = %q %v %v", v, ok, err)
	}
	if _, ok, _ := other.Get(ctx, "k"); ok {
		t.Fatal("another prefix saw the key")
	}
	// A second client (another instance) sees it.
	_, pipe2 := connect(t, srv.Addr)
	if v, ok, _ := sharedcache.NewRedis(pipe2, "a:").Get(ctx, "k"); !ok || string(v) != "v" {
		t.Fatalf("another instance got %q %v", v, ok)
	}
	if ttl := client.PTTL(ctx, "a:k").Val(); ttl <= 0 || ttl > time.Minute {
		t.Fatalf("the key expires in %v, want within its ttl of a minute", ttl)
	}
	if err := c.Set(ctx, "k", []byte("v"), 0); err == nil {
		t.Fatal("a zero ttl was accepted")
	}
	if err := c.Delete(ctx, "k"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := c.Get(ctx, "k"); ok {
		t.Fatal("k survived Delete")
	}
	if err := c.Delete(ctx, "missing"); err != nil {
		t.Fatalf("Delete of a missing key: %v", err)
	}

	srv.Stop()
	if _, _, err := c.Get(ctx, "k"); err == nil {
		t.Fatal("Get succeeded with Redis gone")
	}
}

func TestRedisAddHasOneWinnerAcrossInstances(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	// Two server instances: each its own client and pipe, one Redis.
	var instances [2]*sharedcache.Redis
	for i := range instances {
		_, pipe := connect(t, srv.Addr)
		instances[i] = sharedcache.NewRedis(pipe, "a:")
	}
	winners := winnersOfAdd(t, instances[0], instances[1])
	if len(winners) != 1 {
		t.Fatalf("%d callers added the key (%v), want exactly 1", len(winners), winners)
	}
	if v, ok, err := instances[0].Get(ctx, "k"); err != nil || !ok || string(v) != winners[0] {
		t.Fatalf("Get = %q %v %v, want the winner's %q", v, ok, err, winners[0])
	}
	client, _ := connect(t, srv.Addr)
	if ttl := client.PTTL(ctx, "a:k").Val(); ttl <= 0 || ttl > time.Minute {
		t.Fatalf("the key expires in %v, want within its ttl of a minute", ttl)
	}
	if _, err := instances[1].Add(ctx, "z", []byte("v"), 0); err == nil {
		t.Fatal("a zero ttl was accepted")
	}
	srv.Stop()
	if _, err := instances[0].Add(ctx, "y", []byte("v"), time.Minute); err == nil {
		t.Fatal("Add succeeded with Redis gone")
	}
}

func TestRedisDeleteIfRemovesOnlyTheGivenValue(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	client, pipe := connect(t, srv.Addr)
	c := sharedcache.NewRedis(pipe, "a:")

	if deleted, err := c.DeleteIf(ctx, "k", []byte("mine")); err != nil || deleted {
		t.Fatalf("DeleteIf of a missing key = %v, %v", deleted, err)
	}
	if _, err := c.Add(ctx, "k", []byte("theirs"), time.Minute); err != nil {
		t.Fatal(err)
	}
	if deleted, err := c.DeleteIf(ctx, "k", []byte("mine")); err != nil || deleted {
		t.Fatalf("DeleteIf of another value = %v, %v", deleted, err)
	}
	if v, ok, _ := c.Get(ctx, "k"); !ok || string(v) != "theirs" {
		t.Fatalf("the value is %q %v after DeleteIf of another", v, ok)
	}
	if deleted, err := c.DeleteIf(ctx, "k", []byte("theirs")); err != nil || !deleted {
		t.Fatalf("DeleteIf of its value = %v, %v", deleted, err)
	}
	if n := client.Exists(ctx, "a:k").Val(); n != 0 {
		t.Fatal("the key survived DeleteIf")
	}
	if _, err := c.Add(ctx, "other", []byte("theirs"), time.Minute); err != nil {
		t.Fatal(err)
	}
	if deleted, _ := sharedcache.NewRedis(pipe, "b:").DeleteIf(ctx, "other", []byte("theirs")); deleted {
		t.Fatal("DeleteIf crossed its prefix")
	}
	srv.Stop()
	if _, err := c.DeleteIf(ctx, "k", []byte("v")); err == nil {
		t.Fatal("DeleteIf succeeded with Redis gone")
	}
}
