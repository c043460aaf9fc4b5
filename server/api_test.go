package server

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

func TestBadRequestsGetClearErrors(t *testing.T) {
	ts := start(t, Config{})
	big := `{"room":"standup","displayName":"` + strings.Repeat("x", 5000) + `"}`
	cases := []struct {
		name, method, path, contentType, body string
		status                                int
		code                                  string
	}{
		{"wrong method", "GET", "/api/token", "", "", 405, "method_not_allowed"},
		{"wrong method on login", "PUT", "/api/login", "application/json", "{}", 405, "method_not_allowed"},
		{"no content type", "POST", "/api/token", "", `{"room":"standup"}`, 415, "unsupported_media_type"},
		{"form content type", "POST", "/api/token", "application/x-www-form-urlencoded", "room=standup", 415, "unsupported_media_type"},
		{"oversize body", "POST", "/api/token", "application/json", big, 413, "body_too_large"},
		{"empty body", "POST", "/api/token", "application/json", "", 400, "malformed_json"},
		{"malformed JSON", "POST", "/api/token", "application/json", `{"room":`, 400, "malformed_json"},
		{"not an object", "POST", "/api/token", "application/json", `["standup"]`, 400, "malformed_json"},
		{"unknown field", "POST", "/api/token", "application/json", `{"room":"standup","moderator":true}`, 400, "malformed_json"},
		{"two values", "POST", "/api/token", "application/json", `{"room":"standup"}{"room":"x"}`, 400, "malformed_json"},
		{"wildcard room", "POST", "/api/token", "application/json", `{"room":"*"}`, 400, "invalid_room"},
		{"uppercase room", "POST", "/api/token", "application/json", `{"room":"StandUp"}`, 400, "invalid_room"},
		{"room with a slash", "POST", "/api/token", "application/json", `{"room":"team/standup"}`, 400, "invalid_room"},
		{"too short a room", "POST", "/api/token", "application/json", `{"room":"ab"}`, 400, "invalid_room"},
		{"a room that is a server route", "POST", "/api/token", "application/json", `{"room":"console","displayName":"Ada"}`, 400, "reserved_room"},
		{"control characters in the name", "POST", "/api/token", "application/json", `{"room":"standup","displayName":"a\u0007b"}`, 400, "invalid_display_name"},
		{"too long a name", "POST", "/api/token", "application/json", `{"room":"standup","displayName":"` + strings.Repeat("é", 65) + `"}`, 400, "invalid_display_name"},
		{"bad email", "POST", "/api/token", "application/json", `{"room":"standup","email":"not an email"}`, 400, "invalid_email"},
		{"moderator token without signing in", "POST", "/api/token", "application/json", `{"room":"standup","role":"moderator"}`, 401, "not_signed_in"},
		{"unknown role", "POST", "/api/token", "application/json", `{"room":"standup","role":"owner"}`, 400, "invalid_role"},
		{"wrong password", "POST", "/api/login", "application/json", `{"username":"ada","password":"nope"}`, 401, "unauthorized"},
		{"unknown user", "POST", "/api/login", "application/json", `{"username":"eve","password":"nope"}`, 401, "unauthorized"},
		{"missing password", "POST", "/api/login", "application/json", `{"username":"ada"}`, 400, "invalid_credentials"},
		{"unknown API route", "GET", "/api/nope", "", "", 404, "not_found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, ts.URL+tc.path, strings.NewReader(tc.body))
			require.NoError(t, err)
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			res, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer res.Body.Close()
			var e errorBody
			require.NoError(t, jsonDecode(res, &e))
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, tc.code, e.Error.Code)
			assert.NotEmpty(t, e.Error.Message)
			assert.Equal(t, "application/json; charset=utf-8", res.Header.Get("Content-Type"))
		})
	}
}

func TestCrossOriginRequestsAreRefused(t *testing.T) {
	ts := start(t, Config{})
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/login", strings.NewReader(`{"username":"ada","password":"`+testPassword+`"}`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var e errorBody
	require.NoError(t, jsonDecode(res, &e))
	assert.Equal(t, http.StatusForbidden, res.StatusCode)
	assert.Equal(t, "cross_origin", e.Error.Code)
	assert.Empty(t, res.Header.Values("Set-Cookie"), "no session for a cross-origin login")
}

func TestTokenAndLoginAreRateLimited(t *testing.T) {
	ts := start(t, Config{TokenRate: rate.Every(time.Hour), LoginRate: rate.Every(time.Hour)})
	var last *http.Response
	for i := 0; i <= limiterBurst; i++ {
		last = post(t, http.DefaultClient, ts.URL+"/api/token", map[string]string{"room": "standup"}, nil)
	}
	assert.Equal(t, http.StatusTooManyRequests, last.StatusCode)
	assert.NotEmpty(t, last.Header.Get("Retry-After"))
	var e errorBody
	post(t, http.DefaultClient, ts.URL+"/api/token", map[string]string{"room": "standup"}, &e)
	assert.Equal(t, "rate_limited", e.Error.Code)

	for i := 0; i <= limiterBurst; i++ {
		last = post(t, http.DefaultClient, ts.URL+"/api/login", map[string]string{"username": "ada", "password": "guess"}, nil)
	}
	assert.Equal(t, http.StatusTooManyRequests, last.StatusCode)
}

func TestLimiterForgetsIdleClients(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	l := newLimiter(rate.Every(time.Minute), 1)
	l.now = func() time.Time { return now }
	ctx := context.Background()
	ok, _, _ := l.allow(ctx, "a")
	assert.True(t, ok)
	ok, wait, _ := l.allow(ctx, "a")
	assert.False(t, ok)
	assert.InDelta(t, time.Minute.Seconds(), wait.Seconds(), 1)
	_, _, _ = l.allow(ctx, "b")
	assert.Equal(t, 2, l.size())
	now = now.Add(11 * time.Minute)
	_, _, _ = l.allow(ctx, "c")
	assert.Equal(t, 1, l.size(), "a and b were idle and are forgotten")
}

func TestClientIPGroupsAnIPv6Network(t *testing.T) {
	for remote, want := range map[string]string{
		"192.0.2.1:80":                     "192.0.2.1",
		"[2001:db8:1:2:3:4:5:6]:443":       "2001:db8:1:2::/64",
		"[2001:db8:1:2:ffff:ffff:1:1]:443": "2001:db8:1:2::/64",
		"[::ffff:192.0.2.1]:80":            "192.0.2.1",
		"garbage":                          "garbage",
	} {
		assert.Equal(t, want, clientIP(&http.Request{RemoteAddr: remote}), remote)
	}
}
