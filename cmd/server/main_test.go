package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge"
)

// started is a running server.
type started struct {
	http, https string // base URLs
	tokenFile   string
}

// startServer runs the command's run on free loopback ports until the test
// ends.
func startServer(t *testing.T, withTLS bool) started {
	t.Helper()
	dir := t.TempDir()
	wasm := filepath.Join(dir, "app.wasm")
	require.NoError(t, os.WriteFile(wasm, []byte("\x00asm\x01\x00\x00\x00"), 0o644))
	f := flags{addr: "127.0.0.1:0", wasm: wasm, provider: "sandbox", room: "demo", controlTokenFile: filepath.Join(dir, "control-token")}
	if withTLS {
		f.tlsAddr = "127.0.0.1:0"
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, f, pw, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	lines := bufio.NewReader(pr)
	var s started
	s.tokenFile = f.controlTokenFile
	for s.http == "" || (withTLS && s.https == "") {
		line, err := lines.ReadString('\n')
		require.NoError(t, err)
		for _, field := range strings.Fields(line) {
			switch {
			case strings.HasPrefix(field, "http://"):
				s.http = strings.TrimSuffix(field, "/")
			case strings.HasPrefix(field, "https://"):
				s.https = strings.TrimSuffix(field, "/")
			}
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	return s
}

// get fetches url with client and returns the response and its body.
func get(t *testing.T, client *http.Client, url string) (*http.Response, string) {
	t.Helper()
	res, err := client.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(b)
}

func TestServesThePageTheBundleAndTheSandbox(t *testing.T) {
	s := startServer(t, false)
	c := http.DefaultClient

	res, body := get(t, c, s.http+"/")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, `data-provider="sandbox"`)
	assert.Contains(t, body, `data-domain="`+strings.TrimPrefix(s.http, "http://")+`"`)

	res, body = get(t, c, s.http+"/wasm_exec.js")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, string(meetbridge.WasmExecJS), body)

	res, body = get(t, c, s.http+"/app.wasm")
	assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(body, "\x00asm"))

	res, _ = get(t, c, s.http+"/web/boot.js")
	assert.Equal(t, http.StatusOK, res.StatusCode)

	res, body = get(t, c, s.http+"/external_api.js")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, "JitsiMeetExternalAPI")

	res, body = get(t, c, s.http+"/standup")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, "conference")

	res, _ = get(t, c, s.http+"/bad%20room")
	assert.Equal(t, http.StatusNotFound, res.StatusCode)

	res, body = get(t, c, s.http+"/healthz")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "ok\n", body)

	token, err := os.ReadFile(s.tokenFile)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(strings.TrimSpace(string(token))), 40, "a generated control token")
	info, err := os.Stat(s.tokenFile)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}

func TestServesTheSandboxOverHTTPS(t *testing.T) {
	s := startServer(t, true)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	res, body := get(t, c, s.https+"/standup")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, "conference")
	require.NotNil(t, res.TLS)
	assert.NotEmpty(t, res.TLS.PeerCertificates[0].IPAddresses)

	// The page served over https proposes the https domain.
	_, body = get(t, c, s.https+"/")
	assert.Contains(t, body, `data-domain="`+strings.TrimPrefix(s.https, "https://")+`"`)
	assert.Contains(t, body, `data-secure="true"`)
}

func TestRefusesToStartWithoutTheBundle(t *testing.T) {
	err := run(context.Background(), flags{addr: "127.0.0.1:0", wasm: "/no/such/app.wasm"}, io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil)))
	assert.ErrorContains(t, err, "run make build")
}

func TestRefusesAnUnknownProvider(t *testing.T) {
	wasm := filepath.Join(t.TempDir(), "app.wasm")
	require.NoError(t, os.WriteFile(wasm, []byte("x"), 0o644))
	err := run(context.Background(), flags{addr: "127.0.0.1:0", wasm: wasm, provider: "zoom"}, io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil)))
	assert.ErrorContains(t, err, `unknown provider "zoom"`)
}
