package server

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"
	"golang.org/x/time/rate"
)

// Test credentials of the moderator.
const (
	testModerator = "ada"
	testPassword  = "correct horse battery staple"
)

// testSecret is a strong HS256 secret (as made by openssl rand -base64 32):
// the server refuses weak ones.
const testSecret = "Xy3kQ9v+Lr2mT8pZ0aWc5sHn7uJd4fGb1eKoNq6iVtY="

// testHash is testPassword's bcrypt hash at the lowest cost the server
// accepts, computed once.
var testHash = sync.OnceValue(func() []byte {
	h, err := bcrypt.GenerateFromPassword([]byte(testPassword), 10)
	if err != nil {
		panic(err)
	}
	return h
})

// logBuffer collects every log line of a test server.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// testServer is a server on a real loopback listener.
type testServer struct {
	*httptest.Server
	srv  *Server
	logs *logBuffer
}

// writeBundle writes a fake bundle and its compressed siblings.
func writeBundle(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "app.wasm")
	for name, body := range map[string]string{"app.wasm": "\x00asm raw bundle", "app.wasm.br": "brotli bytes", "app.wasm.gz": "gzip bytes"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	// The compressed files are never older than the bundle, whatever order
	// the loop wrote them in: an older one would be served as stale.
	info, err := os.Stat(path)
	require.NoError(t, err)
	for _, name := range []string{"app.wasm.br", "app.wasm.gz"} {
		later := info.ModTime().Add(time.Second)
		require.NoError(t, os.Chtimes(filepath.Join(dir, name), later, later))
	}
	return path
}

// start runs a server with cfg (PublicHost and WasmPath filled in) until
// the test ends.
func start(t testing.TB, cfg Config) *testServer {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	if cfg.PublicHost == "" {
		cfg.PublicHost = ts.Listener.Addr().String()
	}
	if cfg.WasmPath == "" {
		cfg.WasmPath = writeBundle(t)
	}
	if cfg.ModeratorUser == "" {
		cfg.ModeratorUser, cfg.ModeratorPasswordHash = testModerator, testHash()
	}
	cfg.InsecureCookies = true // httptest serves plain http on 127.0.0.1
	if cfg.TokenRate == 0 {
		cfg.TokenRate = rate.Inf // the limits have a test of their own
	}
	if cfg.LoginRate == 0 {
		cfg.LoginRate = rate.Inf
	}
	logs := &logBuffer{}
	srv, err := New(cfg, newTestLogger(logs))
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, srv.Close()) })
	ts.Config.Handler = srv.Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, srv: srv, logs: logs}
}

// browser returns a client that keeps cookies, like a browser tab.
func (ts *testServer) browser(t testing.TB) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &http.Client{Jar: jar}
}

// post sends a JSON body (a string is sent as is) and decodes the answer
// into out when it is not nil.
func post(t testing.TB, c *http.Client, url string, body any, out any) *http.Response {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case string:
		r = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		require.NoError(t, err)
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(http.MethodPost, url, r)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	if out != nil {
		require.NoError(t, json.Unmarshal(raw, out), "body %s", raw)
	}
	return res
}

// login signs the moderator in on c.
func (ts *testServer) login(t testing.TB, c *http.Client) {
	t.Helper()
	res := post(t, c, ts.URL+"/api/login", map[string]string{"username": testModerator, "password": testPassword}, nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
}

// grant is what /api/token answers.
type grant struct {
	Provider  string `json:"provider"`
	Domain    string `json:"domain"`
	RoomName  string `json:"roomName"`
	JWT       string `json:"jwt"`
	ScriptURL string `json:"scriptURL"`
	APIKey    string `json:"apiKey"`
	PCode     string `json:"pcode"`
	ExpiresAt string `json:"expiresAt"`
	Moderator bool   `json:"moderator"`
}

// errorBody is an API error.
type errorBody struct {
	Error struct{ Code, Message string } `json:"error"`
}

// jsonDecode decodes a response body.
func jsonDecode(res *http.Response, v any) error {
	return json.NewDecoder(res.Body).Decode(v)
}

// stringsReader is strings.NewReader as an io.Reader.
func stringsReader(s string) io.Reader { return strings.NewReader(s) }

// newTestLogger logs JSON lines at every level into logs.
func newTestLogger(logs *logBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
