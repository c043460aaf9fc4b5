package server

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRecurringMessagesAreSampled(t *testing.T) {
	logs := &logBuffer{}
	now := time.Unix(1_800_000_000, 0)
	l := newSampledLog(newTestLogger(logs), slog.LevelWarn)
	l.now = func() time.Time { return now }
	for range 1000 {
		l.Printf(context.Background(), "dial tcp %s: connection refused", "127.0.0.1:6379")
	}
	assert.Equal(t, 1, strings.Count(logs.String(), "\n"), "1000 messages, one line")
	now = now.Add(time.Minute)
	l.Printf(context.Background(), "dial tcp %s: connection refused", "127.0.0.1:6379")
	assert.Equal(t, 2, strings.Count(logs.String(), "\n"))
	assert.Contains(t, logs.String(), `"suppressedSinceLast":999`)
	assert.Contains(t, logs.String(), `"level":"WARN"`)
}
