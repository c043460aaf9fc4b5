package redispipe_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"
	"go.uber.org/goleak"

	"github.com/meetbridge/meetbridge/internal/redispipe"
	"github.com/meetbridge/meetbridge/internal/redistest"
)

func TestConcurrentCommandsEachGetTheirOwnAnswer(t *testing.T) {
	srv := redistest.Start(t)
	before := goleak.IgnoreCurrent()
	client := redis.NewClient(&redis.Options{Addr: srv.Addr})
	p := redispipe.New(client)
	ctx := context.Background()

	var wg sync.WaitGroup
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprint("k", i)
			if _, err := redispipe.Do(ctx, p, func(pipe redis.Pipeliner) *redis.StatusCmd { return pipe.Set(ctx, key, i, 0) }); err != nil {
				t.Error(err)
				return
			}
			got, err := redispipe.Do(ctx, p, func(pipe redis.Pipeliner) *redis.StringCmd { return pipe.Get(ctx, key) })
			if v, _ := got.Int(); err != nil || v != i {
				t.Errorf("%s = %v, %v; want %d", key, v, err, i)
			}
		}()
	}
	wg.Wait()
	if _, err := redispipe.Do(ctx, p, func(pipe redis.Pipeliner) *redis.StringCmd { return pipe.Get(ctx, "missing") }); !errors.Is(err, redis.Nil) {
		t.Fatalf("a missing key: %v, want redis.Nil", err)
	}

	srv.Stop()
	if _, err := redispipe.Do(ctx, p, func(pipe redis.Pipeliner) *redis.StringCmd { return pipe.Get(ctx, "k1") }); err == nil {
		t.Fatal("no error with Redis gone")
	}
	srv.Restart()
	if _, err := redispipe.Do(ctx, p, func(pipe redis.Pipeliner) *redis.StatusCmd { return pipe.Set(ctx, "k", 1, 0) }); err != nil {
		t.Fatalf("after Redis came back: %v", err)
	}

	p.Close()
	p.Close()
	if _, err := redispipe.Do(ctx, p, func(pipe redis.Pipeliner) *redis.StringCmd { return pipe.Get(ctx, "k") }); !errors.Is(err, redispipe.ErrClosed) {
		t.Fatalf("after Close: %v", err)
	}
	client.Close()
	srv.Stop() // its output reader is the test's own
	goleak.VerifyNone(t, before)
}
