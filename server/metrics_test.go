package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

// scrape reads the metrics through h.
func scrape(t *testing.T, h http.Handler) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	b, err := io.ReadAll(rec.Body)
	require.NoError(t, err)
	return string(b)
}

func TestMetricsCountRequestsTokensAndRefusals(t *testing.T) {
	ts := start(t, Config{TokenRate: rate.Every(time.Hour), MetricsToken: testSecret})
	c := ts.browser(t)
	ts.login(t, c)
	res := post(t, c, ts.URL+"/api/token", map[string]string{"room": "standup", "role": "moderator"}, nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	for range limiterBurst - 1 { // the moderator's token took one from the bucket
		post(t, http.DefaultClient, ts.URL+"/api/token", map[string]string{"room": "standup"}, nil)
	}
	res = post(t, http.DefaultClient, ts.URL+"/api/token", map[string]string{"room": "standup"}, nil)
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
	_, _ = get(t, ts.URL+"/no/such/room/path")

	// On the public listener only with the token.
	res, _ = get(t, ts.URL+"/metrics")
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
	res, _ = get(t, ts.URL+"/metrics", "Authorization", "Bearer wrong")
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
	res, body := get(t, ts.URL+"/metrics", "Authorization", "Bearer "+testSecret)
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{
		`meetbridge_http_requests_total{code="200",route="POST /api/login"} 1`,
		`meetbridge_http_requests_total{code="429",route="POST /api/token"} 1`,
		`meetbridge_http_request_duration_seconds_bucket{route="POST /api/token",le="+Inf"} 6`,
		`meetbridge_tokens_issued_total{provider="sandbox",role="moderator"} 1`,
		`meetbridge_tokens_issued_total{provider="sandbox",role="member"} 4`,
		`meetbridge_rate_limited_total{limit="token"} 1`,
		`go_goroutines`,
	} {
		assert.True(t, strings.Contains(body, want), "the metrics lack %s", want)
	}
	assert.NotContains(t, body, "/no/such/room/path", "routes are patterns, not paths")
	// Any registry's answer starts alike: the separate listener's handler
	// shows it serves this one by this server's own counts.
	assert.Contains(t, scrape(t, ts.srv.MetricsHandler()), `meetbridge_tokens_issued_total{provider="sandbox",role="member"} 4`,
		"the separate listener's handler serves the same registry")

	// Without a token, /metrics is not on the public routes at all.
	open := start(t, Config{})
	_, body = get(t, open.URL+"/metrics")
	assert.False(t, strings.Contains(body, "meetbridge_http_requests_total"), "metrics served without a token")
}
