package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

func TestRateLimitedRequestsAreCountedNotLoggedOneByOne(t *testing.T) {
	ts := start(t, Config{TokenRate: rate.Every(time.Hour)})
	send := func() int {
		req := httptest.NewRequest(http.MethodPost, "/api/token", strings.NewReader(`{"room":"standup"}`))
		req.RemoteAddr, req.Header = "203.0.113.9:1", http.Header{"Content-Type": {"application/json"}}
		rec := httptest.NewRecorder()
		ts.srv.Handler().ServeHTTP(rec, req)
		return rec.Code
	}
	for range limiterBurst {
		require.Equal(t, http.StatusOK, send())
	}
	before := strings.Count(ts.logs.String(), "\n")
	const flood = 1000
	for range flood {
		require.Equal(t, http.StatusTooManyRequests, send())
	}
	during := strings.Count(ts.logs.String(), "\n") - before
	assert.LessOrEqual(t, during, 2, "1000 refused requests wrote %d log lines", during)

	require.NoError(t, ts.srv.Close()) // logs the last summary
	var summary struct {
		Msg     string         `json:"msg"`
		Count   int            `json:"count"`
		ByRoute map[string]int `json:"byRoute"`
	}
	var found bool
	total := 0
	for _, line := range strings.Split(strings.TrimSpace(ts.logs.String()), "\n") {
		if strings.Contains(line, `"rate-limited requests"`) {
			require.NoError(t, json.Unmarshal([]byte(line), &summary))
			total += summary.Count
			found = true
		}
	}
	require.True(t, found, "no summary line in %s", ts.logs.String())
	assert.Equal(t, flood, total, "every refused request is counted")
	assert.Contains(t, summary.ByRoute, "POST /api/token")
}

func TestLimitedLogSummarisesOncePerPeriod(t *testing.T) {
	logs := &logBuffer{}
	now := time.Unix(1_800_000_000, 0)
	l := newLimitedLog(newTestLogger(logs), time.Minute)
	l.now = func() time.Time { return now }
	l.since = now
	for range 500 {
		l.note("a")
	}
	assert.Empty(t, logs.String(), "nothing before the period is over")
	now = now.Add(time.Minute)
	l.note("b")
	assert.Equal(t, 1, strings.Count(logs.String(), "\n"))
	assert.Contains(t, logs.String(), `"count":501`)
	l.flush()
	l.flush()
	assert.Equal(t, 1, strings.Count(logs.String(), "\n"), "an empty period logs nothing")
}
