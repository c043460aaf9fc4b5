package server

import (
	"bufio"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/meetbridge/meetbridge/internal/redistest"
)

// After the HTTP server and Server.Close, nothing the server started is
// left running: not the session store's cleanup, not an event stream, not
// a Redis connection. goleak waits (retrying) for goroutines to end.
func TestNoGoroutineOutlivesClose(t *testing.T) {
	redis := redistest.Start(t) // its own goroutines are the test's
	for name, url := range map[string]string{"memory": "", "redis": redis.URL} {
		t.Run(name, func(t *testing.T) {
			before := goleak.IgnoreCurrent()
			cfg := Config{PublicHost: "127.0.0.1:8080", WasmPath: writeBundle(t), RedisURL: url,
				ModeratorUser: testModerator, ModeratorPasswordHash: testHash(), InsecureCookies: true}
			srv, err := New(cfg, newTestLogger(&logBuffer{}))
			require.NoError(t, err)
			ts := httptest.NewServer(srv.Handler())
			jar, _ := cookiejar.New(nil)
			transport := &http.Transport{}
			c := &http.Client{Jar: jar, Transport: transport}
			res := post(t, c, ts.URL+"/api/login", map[string]string{"username": testModerator, "password": testPassword}, nil)
			require.Equal(t, http.StatusOK, res.StatusCode)
			res = post(t, c, ts.URL+"/api/token", map[string]string{"room": "standup", "role": "moderator"}, nil)
			require.Equal(t, http.StatusOK, res.StatusCode)

			// An open event stream ends with Close.
			stream, err := c.Get(ts.URL + "/api/events")
			require.NoError(t, err)
			sc := bufio.NewScanner(stream.Body)
			require.True(t, sc.Scan())
			require.Equal(t, ": connected", sc.Text())
			require.NoError(t, srv.Close())
			for sc.Scan() {
			}
			stream.Body.Close()
			assert.NoError(t, srv.Close(), "a second Close does nothing")

			transport.CloseIdleConnections()
			ts.Close()
			goleak.VerifyNone(t, before)
		})
	}
}
