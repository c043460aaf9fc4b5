package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"
)

// started is a running server.
type started struct {
	http, https string // base URLs
	dir         string // where its token and password files are
}

// fakeBundle writes a bundle for the server to serve.
func fakeBundle(t *testing.T, dir string) string {
	t.Helper()
	wasm := filepath.Join(dir, "app.wasm")
	require.NoError(t, os.WriteFile(wasm, []byte("\x00asm\x01\x00\x00\x00"), 0o644))
	return wasm
}

// startServer runs the command's run on free loopback ports until the test
// ends; the test fails if it does not shut down cleanly.
func startServer(t *testing.T, withTLS bool) started {
	t.Helper()
	dir := t.TempDir()
	f := flags{
		addr: "127.0.0.1:0", wasm: fakeBundle(t, dir), provider: "sandbox", moderatorUser: "moderator",
		controlTokenFile: filepath.Join(dir, "control-token"), devModeratorFile: filepath.Join(dir, "moderator-password"),
		insecureCookies: true,
	}
	if withTLS {
		f.tlsAddr = "127.0.0.1:0"
	}
	lines, rest, _ := runCommand(t, f)
	s := started{dir: dir}
	for s.http == "" || (withTLS && s.https == "") {
		line, err := lines.ReadString('\n')
		require.NoError(t, err)
		for _, field := range strings.Fields(line) {
			switch {
			case strings.HasPrefix(field, "http://") && s.http == "":
				s.http = strings.TrimSuffix(field, "/")
			case strings.HasPrefix(field, "https://"):
				s.https = strings.TrimSuffix(field, "/")
			}
		}
	}
	rest()
	return s
}

// runCommand runs the command's run with f until stop or the end of the
// test, failing the test if it does not shut down cleanly. It returns what
// run prints; call rest once done reading, so that run never blocks on its
// output.
func runCommand(t *testing.T, f flags) (lines *bufio.Reader, rest, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, f, pw, slog.New(slog.NewTextHandler(io.Discard, nil)))
		pw.CloseWithError(io.ErrUnexpectedEOF) // a failed start ends the reads of lines
		done <- err
	}()
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cancel()
			require.NoError(t, <-done)
		}
	}
	t.Cleanup(stop)
	return bufio.NewReader(pr), func() { go func() { _, _ = io.Copy(io.Discard, pr) }() }, stop
}

// get fetches url with client.
func get(t *testing.T, client *http.Client, url string) (*http.Response, string) {
	t.Helper()
	res, err := client.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(b)
}

func TestServesThePagesAndTheSandbox(t *testing.T) {
	s := startServer(t, false)
	c := http.DefaultClient

	res, body := get(t, c, s.http+"/")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, "/wasm_exec.js")
	assert.Contains(t, res.Header.Get("Content-Security-Policy"), "'wasm-unsafe-eval'")

	res, body = get(t, c, s.http+"/external_api.js")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, "JitsiMeetExternalAPI")

	res, body = get(t, c, s.http+"/standup")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, "conference")

	res, body = get(t, c, s.http+"/healthz")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "ok\n", body)

	for _, name := range []string{"control-token", "moderator-password"} {
		info, err := os.Stat(filepath.Join(s.dir, name))
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), name)
	}
	// The development moderator password signs in.
	pw, err := os.ReadFile(filepath.Join(s.dir, "moderator-password"))
	require.NoError(t, err)
	body = `{"username":"moderator","password":"` + strings.TrimSpace(string(pw)) + `"}`
	res, err = c.Post(s.http+"/api/login", "application/json", strings.NewReader(body))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
}

func TestServesOverHTTPS(t *testing.T) {
	s := startServer(t, true)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	res, body := get(t, c, s.https+"/standup")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, "conference")
	require.NotNil(t, res.TLS)
	assert.NotEmpty(t, res.TLS.PeerCertificates[0].IPAddresses)

	// A page served over https gets the sandbox over https.
	res, err := c.Post(s.https+"/api/token", "application/json", strings.NewReader(`{"room":"standup"}`))
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Contains(t, string(b), `"scriptURL":"`+s.https+`/external_api.js"`)
}

func TestRefusesToStartWithoutItsSecrets(t *testing.T) {
	dir := t.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	for want, f := range map[string]flags{
		"run make build":   {addr: "127.0.0.1:0", wasm: "/no/such/app.wasm"},
		"unknown provider": {addr: "127.0.0.1:0", wasm: fakeBundle(t, dir), provider: "zoom"},
		"jitsi":            {addr: "127.0.0.1:0", wasm: fakeBundle(t, dir), provider: "jitsi", jitsiDomain: "meet.example.com", jitsiAppID: "app"},
		"sandbox only":     {addr: "127.0.0.1:0", wasm: fakeBundle(t, dir), provider: "jaas", devModeratorFile: filepath.Join(dir, "pw")},
	} {
		err := run(context.Background(), f, io.Discard, quiet)
		assert.ErrorContains(t, err, want)
	}
	t.Setenv("MEETBRIDGE_JITSI_APP_SECRET", "too short")
	err := run(context.Background(), flags{addr: "127.0.0.1:0", wasm: fakeBundle(t, dir), provider: "jitsi", jitsiDomain: "meet.example.com", jitsiAppID: "app"}, io.Discard, quiet)
	assert.ErrorContains(t, err, "32")
}

func TestHashPassword(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, printHash(strings.NewReader("correct horse battery staple\n"), &out))
	hash := strings.TrimSpace(out.String())
	assert.NoError(t, bcrypt.CompareHashAndPassword([]byte(hash), []byte("correct horse battery staple")))
	assert.Error(t, printHash(strings.NewReader("short\n"), io.Discard))
	assert.ErrorContains(t, printHash(strings.NewReader("a long enough password\n"), io.Discard), "weak")
}

func TestListenAddressesGetClearErrors(t *testing.T) {
	dir := t.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	for addr, want := range map[string]string{
		"0.0.0.0:0": "-public-host",
		"[::]:0":    "-public-host",
		":0":        "-public-host",
	} {
		err := run(context.Background(), flags{addr: addr, wasm: fakeBundle(t, dir), provider: "sandbox"}, io.Discard, quiet)
		assert.ErrorContains(t, err, want, addr)
	}
	// A public host for the sandbox over plain http: use -tls-addr.
	err := run(context.Background(), flags{addr: "127.0.0.1:0", publicHost: "meet.example.com:8080", wasm: fakeBundle(t, dir), provider: "sandbox"}, io.Discard, quiet)
	assert.ErrorContains(t, err, "-tls-addr")
	// A Redis password never comes from a flag.
	err = run(context.Background(), flags{addr: "127.0.0.1:0", wasm: fakeBundle(t, dir), provider: "sandbox", redisURL: "redis://:hunter2@127.0.0.1:6379/0"}, io.Discard, quiet)
	assert.ErrorContains(t, err, "MEETBRIDGE_REDIS_URL")
	err = run(context.Background(), flags{addr: "127.0.0.1:0", wasm: fakeBundle(t, dir), provider: "sandbox", trustedProxies: "10.0.0.0/99"}, io.Discard, quiet)
	assert.ErrorContains(t, err, "trusted proxy")
	err = run(context.Background(), flags{addr: "127.0.0.1:0", wasm: fakeBundle(t, dir), provider: "sandbox", tokenRate: -1}, io.Discard, quiet)
	assert.ErrorContains(t, err, "-token-rate")
}

func TestShutsDownGracefullyOnSIGTERM(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "server")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-wasm", fakeBundle(t, t.TempDir()))
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	require.Contains(t, line, "meetbridge: open http://")
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.NoError(t, cmd.Wait(), "stderr: %s", stderr.String())
	assert.Contains(t, stderr.String(), "shutting down")
}

// Off loopback the sandbox is served over its HTTPS listener, as the error
// for plain http advises.
func TestSandboxOffLoopbackUsesTheHTTPSListener(t *testing.T) {
	f := flags{addr: "127.0.0.1:0", publicHost: "meet.example.com:8080", tlsAddr: "127.0.0.1:0", wasm: fakeBundle(t, t.TempDir()), provider: "sandbox", insecureCookies: true}
	lines, rest, _ := runCommand(t, f)
	var listen, https string
	for listen == "" || https == "" {
		line, err := lines.ReadString('\n')
		require.NoError(t, err)
		if rest, ok := strings.CutPrefix(line, "meetbridge: listening on "); ok {
			listen = strings.TrimSpace(rest)
		}
		if i := strings.Index(line, "https://"); i >= 0 {
			https = strings.Fields(line[i:])[0]
		}
	}
	rest()
	res, err := http.Post("http://"+listen+"/api/token", "application/json", strings.NewReader(`{"room":"standup"}`))
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", b)
	assert.Contains(t, string(b), `"scriptURL":"`+strings.TrimSuffix(https, "/")+`/external_api.js"`)
}

// The separate metrics listener asks for no token, so it must not be
// reachable beyond the private network: every interface and public
// addresses are refused, saying what to do instead.
func TestMetricsListenerOnlyOnAPrivateAddress(t *testing.T) {
	stopped, stop := context.WithCancel(context.Background())
	stop() // a run that starts stops at once, without an error
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:9090", "metrics.example.com:9090"} {
		f := flags{addr: "127.0.0.1:0", metricsAddr: addr, wasm: fakeBundle(t, t.TempDir()), provider: "sandbox"}
		err := run(stopped, f, io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil)))
		require.Error(t, err, addr)
		assert.Contains(t, err.Error(), "MEETBRIDGE_METRICS_TOKEN", addr)
	}
	for _, addr := range []string{"127.0.0.1:9090", "localhost:9090", "10.0.0.5:9090", "[fd00::5]:9090", "[::1]:9090"} {
		assert.True(t, privateAddr(addr), addr)
	}
}
