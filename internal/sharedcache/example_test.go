package sharedcache_test

import (
	"context"
	"fmt"
	"time"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
)

// Provider code caches through the interface; the server picks Memory or
// Redis (sharedcache.NewRedis(client, "meetbridge:cache:")).
func ExampleCache() {
	var c sharedcache.Cache = sharedcache.NewMemory(100)
	ctx := context.Background()
	_ = c.Set(ctx, "meethour:access-token", []byte("abc"), time.Hour)
	v, ok, err := c.Get(ctx, "meethour:access-token")
	fmt.Println(string(v), ok, err)
	// Output:
	// abc true <nil>
}
