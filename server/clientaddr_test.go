package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

func TestForwardedForIsBelievedOnlyFromTrustedProxies(t *testing.T) {
	trusted, err := ParseTrustedProxies("10.0.0.0/8, 192.0.2.7, 2001:db8:ffff::/48")
	require.NoError(t, err)
	for _, tc := range []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"no proxy", "198.51.100.1:1", nil, "198.51.100.1"},
		{"an untrusted peer's header is ignored", "198.51.100.1:1", []string{"203.0.113.5"}, "198.51.100.1"},
		{"a trusted proxy's hop is believed", "10.1.2.3:1", []string{"203.0.113.5"}, "203.0.113.5"},
		{"a single trusted address", "192.0.2.7:1", []string{"203.0.113.5"}, "203.0.113.5"},
		{"what the client wrote on the left is not", "10.1.2.3:1", []string{"6.6.6.6, 203.0.113.5"}, "203.0.113.5"},
		{"trusted hops are skipped", "10.1.2.3:1", []string{"203.0.113.5, 10.9.9.9, 192.0.2.7"}, "203.0.113.5"},
		{"several headers are one list", "10.1.2.3:1", []string{"6.6.6.6", "203.0.113.5"}, "203.0.113.5"},
		{"all trusted: the leftmost", "10.1.2.3:1", []string{"10.0.0.1, 10.0.0.2"}, "10.0.0.1"},
		{"garbage stops at the last trusted hop", "10.1.2.3:1", []string{"garbage, 10.0.0.2"}, "10.0.0.2"},
		{"a trusted proxy without the header", "10.1.2.3:1", nil, "10.1.2.3"},
		{"IPv6 clients by /64", "[2001:db8:ffff::1]:1", []string{"2001:db8:1:2::7"}, "2001:db8:1:2::/64"},
		{"a mapped IPv4 peer", "[::ffff:10.1.2.3]:1", []string{"203.0.113.5"}, "203.0.113.5"},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = tc.remote
		for _, v := range tc.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		assert.Equal(t, tc.want, clientAddr(r, trusted), tc.name)
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.example", "10.0.0"} {
		_, err := ParseTrustedProxies(bad)
		assert.ErrorContains(t, err, "trusted proxy", bad)
	}
	none, err := ParseTrustedProxies(" ")
	require.NoError(t, err)
	assert.Empty(t, none)
}

// Behind a trusted proxy each client has its own bucket; a client that
// sends its own X-Forwarded-For directly gains nothing.
func TestRateLimitsFollowTheClientBehindATrustedProxy(t *testing.T) {
	trusted, err := ParseTrustedProxies("127.0.0.1")
	require.NoError(t, err)
	ts := start(t, Config{TokenRate: rate.Every(time.Hour), TrustedProxies: trusted})
	ask := func(remote, xff string) int {
		req := httptest.NewRequest(http.MethodPost, "/api/token", stringsReader(`{"room":"standup"}`))
		req.RemoteAddr, req.Header = remote, http.Header{"Content-Type": {"application/json"}}
		if xff != "" {
			req.Header.Set("X-Forwarded-For", xff)
		}
		rec := httptest.NewRecorder()
		ts.srv.Handler().ServeHTTP(rec, req)
		return rec.Code
	}
	for range limiterBurst {
		assert.Equal(t, http.StatusOK, ask("127.0.0.1:9", "203.0.113.1"))
	}
	assert.Equal(t, http.StatusTooManyRequests, ask("127.0.0.1:9", "203.0.113.1"), "client 1 used its burst")
	assert.Equal(t, http.StatusOK, ask("127.0.0.1:9", "203.0.113.2"), "client 2 behind the same proxy has its own bucket")

	for range limiterBurst {
		assert.Equal(t, http.StatusOK, ask("198.51.100.9:9", "203.0.113.50"))
	}
	assert.Equal(t, http.StatusTooManyRequests, ask("198.51.100.9:9", "203.0.113.51"), "an untrusted peer cannot pick a fresh bucket by header")
}
