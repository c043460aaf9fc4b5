package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge"
)

// startServer runs the server on a free loopback port until the test ends
// and returns its base URL.
func startServer(t *testing.T) string {
	t.Helper()
	wasm := filepath.Join(t.TempDir(), "app.wasm")
	require.NoError(t, os.WriteFile(wasm, []byte("\x00asm\x01\x00\x00\x00"), 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, config{Addr: "127.0.0.1:0", WasmPath: wasm, Provider: "jitsi", Domain: "meet.example.com", Room: "demo"}, pw)
	}()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	require.NoError(t, err)
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	url := strings.TrimSpace(strings.TrimPrefix(line, "meetbridge: open "))
	require.True(t, strings.HasPrefix(url, "http://127.0.0.1:"), line)
	return strings.TrimSuffix(url, "/")
}

// get fetches path and returns the response and its body.
func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(b)
}

func TestServesThePageAndTheBundle(t *testing.T) {
	base := startServer(t)

	res, body := get(t, base+"/")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, `data-domain="meet.example.com"`)
	assert.Contains(t, body, `data-room="demo"`)

	res, body = get(t, base+"/wasm_exec.js")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, string(meetbridge.WasmExecJS), body)

	res, body = get(t, base+"/app.wasm")
	assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(body, "\x00asm"))

	res, _ = get(t, base+"/web/boot.js")
	assert.Equal(t, http.StatusOK, res.StatusCode)

	res, _ = get(t, base+"/nope")
	assert.Equal(t, http.StatusNotFound, res.StatusCode)

	res, body = get(t, base+"/healthz")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "ok\n", body)
}

func TestRefusesToStartWithoutTheBundle(t *testing.T) {
	err := run(context.Background(), config{Addr: "127.0.0.1:0", WasmPath: "/no/such/app.wasm"}, io.Discard)
	assert.ErrorContains(t, err, "run make build")
}
