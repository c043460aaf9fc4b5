package server

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An unparsable Redis URL is refused without its password: the error ends
// in the log.
func TestUnparsableRedisURLIsRefusedWithoutItsPassword(t *testing.T) {
	for _, u := range []string{"redis://:s3cr%zzet@127.0.0.1:1/0", "redis://user:s3cr et@127.0.0.1:1/0", "redis://:s3cret@127.0.0.1:1/0?bogus=1"} {
		_, err := New(Config{PublicHost: "127.0.0.1:8080", WasmPath: writeBundle(t), RedisURL: u}, newTestLogger(&logBuffer{}))
		require.Error(t, err, u)
		assert.Contains(t, err.Error(), "redis URL")
		assert.False(t, strings.Contains(err.Error(), "s3cr"), "the password in %q", err)
	}
}
