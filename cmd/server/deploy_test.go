package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/meetbridge/meetbridge/internal/redistest"
)

// instance is one running server of the deployment.
type instance struct {
	url     *url.URL
	metrics string // its /metrics URL on -metrics-addr
	stop    func()
}

// startInstance runs the command as docs/deploy.md sets up each instance
// and returns where it listens.
func startInstance(t *testing.T, f flags) instance {
	t.Helper()
	lines, rest, stop := runCommand(t, f)
	var listen, metrics string
	for listen == "" {
		line, err := lines.ReadString('\n')
		require.NoError(t, err, "the instance did not start")
		if rest, ok := strings.CutPrefix(line, "meetbridge: listening on "); ok {
			listen = strings.TrimSpace(rest)
		}
		if rest, ok := strings.CutPrefix(line, "meetbridge: metrics at "); ok {
			metrics = strings.TrimSpace(rest)
		}
	}
	rest()
	u, err := url.Parse("http://" + listen)
	require.NoError(t, err)
	return instance{url: u, metrics: metrics, stop: stop}
}

// balancer is the load balancer in front of the instances: it sends each
// request to the instance the test chose and sets X-Forwarded-For and
// X-Forwarded-Proto, as a real one does.
type balancer struct {
	*httptest.Server
	target atomic.Pointer[url.URL]
}

func newBalancer(t *testing.T) *balancer {
	b := &balancer{}
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(b.target.Load())
		r.SetXForwarded()
		r.Out.Host = r.In.Host // the instances see the public host
	}}
	b.Server = httptest.NewServer(proxy)
	t.Cleanup(b.Close)
	return b
}

// via sends the next requests to in.
func (b *balancer) via(in instance) { b.target.Store(in.url) }

// The deployment of docs/deploy.md, two instances on one Redis behind a
// load balancer: a session started on one instance serves on the other and
// survives a restart, limits hold across both, and Redis going away gives a
// clear 503 rather than a hang, until it is back.
func TestDeployGuideTwoInstancesOnRedisBehindABalancer(t *testing.T) {
	redis := redistest.Start(t)
	lb := newBalancer(t)
	hash, err := bcrypt.GenerateFromPassword([]byte("correct horse battery staple"), 10)
	require.NoError(t, err)
	// The secrets of every instance, from files as the guide mounts them.
	secrets := t.TempDir()
	for name, value := range map[string]string{
		"MEETBRIDGE_MODERATOR_PASSWORD_HASH": string(hash),
		"MEETBRIDGE_JITSI_APP_SECRET":        "Xy3kQ9v+Lr2mT8pZ0aWc5sHn7uJd4fGb1eKoNq6iVtY=",
		"MEETBRIDGE_REDIS_URL":               redis.URL,
	} {
		path := filepath.Join(secrets, name)
		require.NoError(t, os.WriteFile(path, []byte(value+"\n"), 0o600))
		t.Setenv(name+"_FILE", path)
	}
	f := flags{
		addr: "127.0.0.1:0", publicHost: lb.Listener.Addr().String(), wasm: fakeBundle(t, t.TempDir()),
		provider: "jitsi", jitsiDomain: "meet.example.com", jitsiAppID: "meetbridge", moderatorUser: "moderator",
		trustedProxies: "127.0.0.1/32", metricsAddr: "127.0.0.1:0",
		insecureCookies: true, // the test's balancer speaks plain http; a real one terminates TLS
	}
	a, b := startInstance(t, f), startInstance(t, f)

	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	browser := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	call := func(in instance, method, path, body string) (int, string) {
		lb.via(in)
		req, err := http.NewRequest(method, lb.URL+path, strings.NewReader(body))
		require.NoError(t, err)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := browser.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		raw, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res.StatusCode, string(raw)
	}
	moderatorToken := `{"room":"standup","role":"moderator"}`
	signIn := `{"username":"moderator","password":"correct horse battery staple"}`

	code, _ := call(a, "POST", "/api/login", signIn)
	require.Equal(t, http.StatusOK, code, "sign in through A")
	code, body := call(b, "POST", "/api/token", moderatorToken)
	require.Equal(t, http.StatusOK, code, "a moderator token through B: %s", body)
	var g struct{ Moderator bool }
	require.NoError(t, json.Unmarshal([]byte(body), &g))
	assert.True(t, g.Moderator)

	// Restarting B keeps the session.
	b.stop()
	b = startInstance(t, f)
	code, body = call(b, "GET", "/api/session", "")
	require.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, `"signedIn":true`, "the session outlived B's restart")

	code, _ = call(a, "POST", "/api/logout", "{}")
	require.Equal(t, http.StatusNoContent, code, "sign out through A")
	code, _ = call(b, "POST", "/api/token", moderatorToken)
	assert.Equal(t, http.StatusUnauthorized, code, "B knows the moderator signed out")

	// The token limit (a burst of 5 per client) holds across both: with a
	// limit per instance the client would get 10. (Its two token requests
	// above took two.)
	allowed := 0
	for i := range 10 {
		in := a
		if i%2 == 1 {
			in = b
		}
		if code, _ := call(in, "POST", "/api/token", `{"room":"standup"}`); code == http.StatusOK {
			allowed++
		} else {
			require.Equal(t, http.StatusTooManyRequests, code)
		}
	}
	assert.Equal(t, 3, allowed, "one burst of 5 shared by both instances")

	// Each instance counts what it served on its private metrics listener.
	res, err := http.Get(a.metrics)
	require.NoError(t, err)
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	require.NoError(t, err)
	for _, want := range []string{`meetbridge_tokens_issued_total{provider="jitsi",role="member"}`, `meetbridge_rate_limited_total{limit="token"}`} {
		assert.True(t, strings.Contains(string(raw), want), "A's metrics lack %s", want)
	}

	// Redis goes away: a clear 503 from either instance, quickly.
	redis.Stop()
	for _, in := range []instance{a, b} {
		code, body := call(in, "POST", "/api/login", signIn)
		assert.Equal(t, http.StatusServiceUnavailable, code)
		assert.Contains(t, body, "store_unavailable")
	}
	// It comes back (empty): the instances recover without a restart.
	redis.Restart()
	code, _ = call(b, "POST", "/api/login", signIn)
	assert.Equal(t, http.StatusOK, code, "sign in once Redis is back")
	code, _ = call(a, "POST", "/api/token", moderatorToken)
	assert.Equal(t, http.StatusOK, code, "and the session serves on the other instance")
}
