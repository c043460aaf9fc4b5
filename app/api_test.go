package app

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apiCall is one request the fake server received.
type apiCall struct {
	method, path, contentType string
	body                      string
}

// fakeAPI serves one handler per "METHOD /path" and records the calls.
func fakeAPI(t *testing.T, routes map[string]http.HandlerFunc) (*Client, *[]apiCall) {
	t.Helper()
	var calls []apiCall
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		calls = append(calls, apiCall{r.Method, r.URL.Path, r.Header.Get("Content-Type"), string(b)})
		h, ok := routes[r.Method+" "+r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return &Client{BaseURL: srv.URL + "/", Transport: HTTPTransport{Client: srv.Client()}}, &calls
}

// answer writes a JSON answer.
func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func TestClientToken(t *testing.T) {
	c, calls := fakeAPI(t, map[string]http.HandlerFunc{
		"POST /api/token": answer(200, `{"provider":"jaas","domain":"8x8.vc","roomName":"vpaas-magic-cookie-x/standup",
			"jwt":"j.w.t","scriptURL":"https://8x8.vc/vpaas-magic-cookie-x/external_api.js","expiresAt":"2026-11-20T12:10:00Z","moderator":true}`),
	})
	g, err := c.Token(context.Background(), TokenRequest{Room: "standup", DisplayName: "Ada"})
	require.NoError(t, err)
	assert.Equal(t, Grant{
		Provider: "jaas", Domain: "8x8.vc", RoomName: "vpaas-magic-cookie-x/standup", JWT: "j.w.t",
		ScriptURL: "https://8x8.vc/vpaas-magic-cookie-x/external_api.js",
		ExpiresAt: time.Date(2026, 11, 20, 12, 10, 0, 0, time.UTC), Moderator: true,
	}, g)
	require.Len(t, *calls, 1)
	call := (*calls)[0]
	assert.Equal(t, "POST", call.method)
	assert.Equal(t, "/api/token", call.path, "the base URL's trailing slash is not doubled")
	assert.Equal(t, "application/json", call.contentType)
	assert.JSONEq(t, `{"room":"standup","displayName":"Ada"}`, call.body, "an empty email is left out")

	_, err = c.Token(context.Background(), TokenRequest{Room: "standup", DisplayName: "Ada", Email: "ada@example.com"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"room":"standup","displayName":"Ada","email":"ada@example.com"}`, (*calls)[1].body)
}

func TestClientTokenMeetHourFields(t *testing.T) {
	c, _ := fakeAPI(t, map[string]http.HandlerFunc{
		"POST /api/token": answer(200, `{"provider":"meethour","domain":"meethour.io","roomName":"MH123","jwt":"t",
			"scriptURL":"https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey=k","apiKey":"k","pcode":"p","moderator":false}`),
	})
	g, err := c.Token(context.Background(), TokenRequest{Room: "standup", DisplayName: "Ada"})
	require.NoError(t, err)
	assert.Equal(t, "k", g.APIKey)
	assert.Equal(t, "p", g.PCode)
	assert.True(t, g.ExpiresAt.IsZero())
}

func TestClientErrors(t *testing.T) {
	fixed := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name    string
		handler http.HandlerFunc
		want    *APIError
		text    string
	}{
		{
			name:    "invalid room",
			handler: answer(400, `{"error":{"code":"invalid_room","message":"room names use a-z, 0-9, - and _"}}`),
			want:    &APIError{Status: 400, Code: "invalid_room", Message: "room names use a-z, 0-9, - and _"},
			text:    "room names use a-z, 0-9, - and _",
		},
		{
			name: "rate limited with seconds",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "30")
				answer(429, `{"error":{"code":"rate_limited","message":"too many requests"}}`)(w, r)
			},
			want: &APIError{Status: 429, Code: "rate_limited", Message: "too many requests", RetryAfter: 30 * time.Second},
			text: "too many requests (try again in 30s)",
		},
		{
			name: "rate limited with a date",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", fixed.Add(2*time.Minute).Format(http.TimeFormat))
				answer(429, `{"error":{"code":"rate_limited","message":"slow down"}}`)(w, r)
			},
			want: &APIError{Status: 429, Code: "rate_limited", Message: "slow down", RetryAfter: 2 * time.Minute},
			text: "slow down (try again in 2m0s)",
		},
		{
			name:    "upstream unavailable",
			handler: answer(502, `{"error":{"code":"upstream_unavailable","message":"the meeting service does not answer"}}`),
			want:    &APIError{Status: 502, Code: "upstream_unavailable", Message: "the meeting service does not answer"},
			text:    "the meeting service does not answer",
		},
		{
			name: "malformed error body",
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusServiceUnavailable)
				_, _ = io.WriteString(w, "<html>proxy error</html>")
			},
			want: &APIError{Status: 503},
			text: "the server answered 503 Service Unavailable",
		},
		{
			name:    "error body without the error object",
			handler: answer(500, `{"message":"boom"}`),
			want:    &APIError{Status: 500},
			text:    "the server answered 500 Internal Server Error",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := fakeAPI(t, map[string]http.HandlerFunc{"POST /api/token": tc.handler})
			c.Now = func() time.Time { return fixed }
			_, err := c.Token(context.Background(), TokenRequest{Room: "standup", DisplayName: "Ada"})
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.want, ae)
			assert.Equal(t, tc.text, err.Error())
			assert.Equal(t, tc.text, describe(err), "the user sees the message")
		})
	}
}

func TestClientMalformedSuccessBodies(t *testing.T) {
	for name, body := range map[string]string{
		"not JSON":       `<html>`,
		"wrong types":    `{"provider":1}`,
		"missing fields": `{"provider":"jitsi"}`,
		"empty":          ``,
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := fakeAPI(t, map[string]http.HandlerFunc{"POST /api/token": answer(200, body)})
			_, err := c.Token(context.Background(), TokenRequest{Room: "standup", DisplayName: "Ada"})
			assert.ErrorIs(t, err, ErrMalformedResponse)
		})
	}
	c, _ := fakeAPI(t, map[string]http.HandlerFunc{
		"GET /api/session": answer(200, `[]`),
		"POST /api/login":  answer(200, `{"moderator":true}`),
	})
	_, err := c.Session(context.Background())
	assert.ErrorIs(t, err, ErrMalformedResponse)
	_, err = c.Login(context.Background(), "mod", "pw")
	assert.ErrorIs(t, err, ErrMalformedResponse, "a login answer without a user")
}

func TestClientLogin(t *testing.T) {
	c, calls := fakeAPI(t, map[string]http.HandlerFunc{
		"POST /api/login": answer(200, `{"user":"mod","moderator":true}`),
	})
	s, err := c.Login(context.Background(), "mod", "secret")
	require.NoError(t, err)
	assert.Equal(t, Session{SignedIn: true, User: "mod", Moderator: true}, s)
	assert.JSONEq(t, `{"username":"mod","password":"secret"}`, (*calls)[0].body)
	assert.Equal(t, "application/json", (*calls)[0].contentType)

	c, _ = fakeAPI(t, map[string]http.HandlerFunc{
		"POST /api/login": answer(401, `{"error":{"code":"invalid_credentials","message":"wrong user name or password"}}`),
	})
	_, err = c.Login(context.Background(), "mod", "nope")
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusUnauthorized, ae.Status)
	assert.Equal(t, "wrong user name or password", describe(err))
}

func TestClientLogoutAndSession(t *testing.T) {
	c, calls := fakeAPI(t, map[string]http.HandlerFunc{
		"POST /api/logout": func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) },
		"GET /api/session": answer(200, `{"signedIn":true,"user":"ada","moderator":false}`),
	})
	require.NoError(t, c.Logout(context.Background()))
	assert.Equal(t, apiCall{"POST", "/api/logout", "application/json", ""}, (*calls)[0])

	s, err := c.Session(context.Background())
	require.NoError(t, err)
	assert.Equal(t, Session{SignedIn: true, User: "ada"}, s)
	assert.Equal(t, "GET", (*calls)[1].method)
	assert.Equal(t, "application/json", (*calls)[1].contentType)

	c, _ = fakeAPI(t, map[string]http.HandlerFunc{
		"POST /api/logout": answer(500, `{"error":{"code":"internal","message":"session store down"}}`),
	})
	assert.EqualError(t, c.Logout(context.Background()), "session store down")
}

func TestClientUnreachableAndTimeout(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url, hc := srv.URL, srv.Client()
	srv.Close()
	_, err := (&Client{BaseURL: url, Transport: HTTPTransport{Client: hc}}).Session(context.Background())
	assert.ErrorIs(t, err, ErrUnreachable)

	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer hang.Close()
	defer close(release)
	_, err = (&Client{BaseURL: hang.URL, Transport: HTTPTransport{Client: hang.Client()}, Timeout: 50 * time.Millisecond}).Session(context.Background())
	assert.ErrorIs(t, err, ErrUnreachable)
	assert.Contains(t, err.Error(), "no answer within 50ms")
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	c := &Client{Now: func() time.Time { return now }}
	assert.Equal(t, 5*time.Second, c.retryAfter("5"))
	assert.Equal(t, time.Duration(0), c.retryAfter("-3"))
	assert.Equal(t, time.Duration(0), c.retryAfter("soon"))
	assert.Equal(t, time.Duration(0), c.retryAfter(now.Add(-time.Minute).Format(http.TimeFormat)), "a past date")
	assert.Equal(t, time.Minute, c.retryAfter(now.Add(time.Minute).Format(http.TimeFormat)))
	assert.False(t, errors.Is(&APIError{Status: 429}, ErrMalformedResponse))
}
