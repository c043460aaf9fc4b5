package sharedcache_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
)

// winnersOfAdd has 64 callers at once, spread over caches (instances
// sharing one store, or one cache), Add the key "k" with a value of their
// own, and returns the values of those told they added it.
func winnersOfAdd(t *testing.T, caches ...sharedcache.Cache) []string {
	t.Helper()
	wins := make(chan string, 64)
	var wg sync.WaitGroup
	for i := 0; i < cap(wins); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			value := fmt.Sprintf("caller-%d", i)
			added, err := caches[i%len(caches)].Add(context.Background(), "k", []byte(value), time.Minute)
			if err != nil {
				t.Error(err)
			}
			if added {
				wins <- value
			}
		}()
	}
	wg.Wait()
	close(wins)
	var winners []string
	for v := range wins {
		winners = append(winners, v)
	}
	return winners
}

func TestMemoryAddHasOneWinner(t *testing.T) {
	if winners := winnersOfAdd(t, sharedcache.NewMemory(10)); len(winners) != 1 {
		t.Fatalf("%d callers added the key (%v), want exactly 1", len(winners), winners)
	}
}
