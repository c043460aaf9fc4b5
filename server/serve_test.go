package server

import (
	"io"
	"log/slog"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"
)

// get fetches path with the headers given as name, value pairs.
func get(t *testing.T, url string, headers ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	// The default transport asks for gzip itself and hides it: ask plainly.
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(b)
}

func TestPagesCarrySecurityHeaders(t *testing.T) {
	for _, tc := range []struct {
		cfg           Config
		script, frame string
	}{
		{Config{}, "script-src 'self' 'wasm-unsafe-eval';", "frame-src 'self';"},
		{Config{Provider: ProviderJitsi, Jitsi: JitsiSettings{Domain: "meet.example.com/acme", AppID: "a", Secret: []byte(testSecret)}},
			"script-src 'self' 'wasm-unsafe-eval' https://meet.example.com;", "frame-src https://meet.example.com;"},
	} {
		ts := start(t, tc.cfg)
		res, body := get(t, ts.URL+"/")
		require.Equal(t, http.StatusOK, res.StatusCode)
		assert.Contains(t, body, "/wasm_exec.js")
		csp := res.Header.Get("Content-Security-Policy")
		assert.Contains(t, csp, tc.script)
		assert.Contains(t, csp, tc.frame)
		assert.Contains(t, csp, "frame-ancestors 'none'")
		assert.Equal(t, "no-referrer", res.Header.Get("Referrer-Policy"))
		assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
		assert.Empty(t, res.Header.Get("Cross-Origin-Embedder-Policy"), "COEP would block the meeting")
		assert.Contains(t, res.Header.Get("Permissions-Policy"), "camera=(self")
	}
}

func TestServesTheToolchainsWasmExec(t *testing.T) {
	ts := start(t, Config{})
	res, body := get(t, ts.URL+"/wasm_exec.js")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, "globalThis.Go")
}

func TestBundleIsServedPrecompressed(t *testing.T) {
	ts := start(t, Config{})
	b, err := newBundle(ts.srv.cfg.WasmPath)
	require.NoError(t, err)
	for _, tc := range []struct{ accept, encoding, body string }{
		{"br, gzip", "br", "brotli bytes"},
		{"gzip;q=1.0, br;q=0", "gzip", "gzip bytes"},
		{"identity", "", "\x00asm raw bundle"},
		{"", "", "\x00asm raw bundle"},
	} {
		res, body := get(t, ts.URL+"/web/app.wasm?v="+b.version, "Accept-Encoding", tc.accept)
		require.Equal(t, http.StatusOK, res.StatusCode, tc.accept)
		assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"))
		assert.Equal(t, tc.encoding, res.Header.Get("Content-Encoding"), tc.accept)
		assert.Equal(t, tc.body, body, tc.accept)
		assert.Equal(t, "15", res.Header.Get(wasmLengthHeader))
		assert.Equal(t, "Accept-Encoding", res.Header.Get("Vary"))
		assert.Equal(t, "public, max-age=31536000, immutable", res.Header.Get("Cache-Control"))
	}
	res, _ := get(t, ts.URL+"/web/app.wasm?v=old")
	assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"), "an unversioned or stale URL revalidates")
	res, _ = get(t, ts.URL+"/web/app.wasm", "If-None-Match", `"`+b.version+`-"`)
	assert.Equal(t, http.StatusNotModified, res.StatusCode)
}

func TestStaleCompressedBundlesAreNotServed(t *testing.T) {
	path := writeBundle(t)
	old := time.Now().Add(-time.Hour)
	require.NoError(t, os.Chtimes(path+".br", old, old))
	b, err := newBundle(path)
	require.NoError(t, err)
	assert.Equal(t, "", b.encoding("br"), "the .br is older than the bundle")
	assert.Equal(t, "gzip", b.encoding("br, gzip"))
}

func TestHealthz(t *testing.T) {
	ts := start(t, Config{})
	res, body := get(t, ts.URL+"/healthz")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "ok\n", body)
}

func TestRefusesToStartWithMissingOrWeakSecrets(t *testing.T) {
	weakHash, err := bcrypt.GenerateFromPassword([]byte("pw"), 4)
	require.NoError(t, err)
	bundle := writeBundle(t)
	base := Config{PublicHost: "127.0.0.1:8080", WasmPath: bundle}
	for want, mutate := range map[string]func(*Config){
		"unknown provider":         func(c *Config) { c.Provider = "zoom" },
		"run make build":           func(c *Config) { c.WasmPath = "/no/such/app.wasm" },
		"needs a password hash":    func(c *Config) { c.ModeratorUser = "ada" },
		"bcrypt cost 4 is too low": func(c *Config) { c.ModeratorUser, c.ModeratorPasswordHash = "ada", weakHash },
		"jitsi":                    func(c *Config) { c.Provider = ProviderJitsi },
		"32": func(c *Config) {
			c.Provider, c.Jitsi = ProviderJitsi, JitsiSettings{Domain: "m.example", AppID: "a", Secret: []byte("short")}
		},
		"jaas":     func(c *Config) { c.Provider = ProviderJaaS },
		"meethour": func(c *Config) { c.Provider = ProviderMeetHour },
		"private key": func(c *Config) {
			c.Provider, c.Jitsi = ProviderJitsi, JitsiSettings{Domain: "m.example", AppID: "a", PrivateKeyPEM: []byte("junk"), KID: "k"}
		},
		"public host \"nope\"": func(c *Config) { c.PublicHost = "nope" },
		"a moderator user":     func(c *Config) { c.ModeratorPasswordHash = weakHash },
	} {
		c := base
		mutate(&c)
		_, err := New(c, slog.New(slog.NewTextHandler(io.Discard, nil)))
		assert.ErrorContains(t, err, want)
	}
}

func TestConfigNeverPrintsSecrets(t *testing.T) {
	c := Config{Provider: ProviderMeetHour, ModeratorPasswordHash: testHash(), MeetHour: MeetHourSettings{ClientSecret: "s3cr3t-client", Password: "s3cr3t-pass"}, Jitsi: JitsiSettings{Secret: []byte("s3cr3t-jitsi")}}
	for _, s := range []string{c.String()} {
		for _, secret := range []string{"s3cr3t", string(testHash())} {
			assert.NotContains(t, s, secret)
		}
	}
}
