//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/meetbridge/meetbridge/server"
	"github.com/meetbridge/meetbridge/tools/internal/browsertest"
)

// The product test drives what a person uses: the go-app join page and the
// moderator console, built as make build builds them and served by the
// server with the sandbox, in headless Chromium.

const (
	productModerator = "ada"
	productPassword  = "a long moderator password"
	productControl   = "pV7rK2xQ9mZ4tW8yB3nL6cF1hJ5sD0gA" // strong: the server refuses weak tokens
)

// libraryModule is the directory of the library module
// (github.com/meetbridge/meetbridge), which the tools module replaces with
// its parent directory.
const libraryModule = "../../.."

// buildBundle builds cmd/wasm the way make build does: in the library
// module, with its go.mod.
func buildBundle(t testing.TB) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "app.wasm")
	cmd := exec.Command("go", "build", "-tags=externalapi_stdjson", "-trimpath", "-ldflags=-s -w", "-o", out, "./cmd/wasm")
	cmd.Dir = libraryModule
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "building the bundle: %s", msg)
	return out
}

// startProduct serves the whole product on loopback.
func startProduct(t testing.TB) string {
	t.Helper()
	base, _ := startProductServer(t)
	return base
}

// startProductServer is startProduct that also returns the server.
func startProductServer(t testing.TB) (string, *server.Server) {
	t.Helper()
	hash, err := bcrypt.GenerateFromPassword([]byte(productPassword), 10)
	require.NoError(t, err)
	ts := httptest.NewUnstartedServer(nil)
	srv, err := server.New(server.Config{
		PublicHost: ts.Listener.Addr().String(), WasmPath: buildBundle(t),
		ModeratorUser: productModerator, ModeratorPasswordHash: hash,
		SandboxControlToken: productControl, // Secure cookies: Chromium keeps them on http://127.0.0.1
	}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	ts.Config.Handler = srv.Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	return ts.URL, srv
}

// recordCSPViolations makes every document of the tab collect its
// Content-Security-Policy violations in window.__csp.
func recordCSPViolations() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`).Do(ctx)
		return err
	})
}

// sandboxState is the part of the conference's snapshot the test reads.
type sandboxState struct {
	Joined       bool   `json:"joined"`
	LocalID      string `json:"localId"`
	Participants map[string]struct {
		Role       string `json:"role"`
		AudioMuted bool   `json:"audioMuted"`
		Name       string `json:"name"`
	} `json:"participants"`
}

// conferenceState waits until the embedded conference has joined and
// returns its state.
func conferenceState(t *testing.T, ctx context.Context) sandboxState {
	t.Helper()
	const js = `(() => {
  const f = document.querySelector('.meeting-frame iframe');
  const s = f && f.contentWindow && f.contentWindow.meetbridgeSandbox;
  return s && s.snapshot().joined ? JSON.stringify(s.snapshot()) : '';
})()`
	var raw string
	require.NoError(t, chromedp.Run(ctx, chromedp.Poll(js, &raw, chromedp.WithPollingTimeout(30*time.Second))))
	var s sandboxState
	require.NoError(t, json.Unmarshal([]byte(raw), &s))
	return s
}

// snapshotJS is a JS expression reading a path of the embedded
// conference's snapshot.
func snapshotJS(path string) string {
	return `document.querySelector('.meeting-frame iframe').contentWindow.meetbridgeSandbox.snapshot().` + path
}

// noCSPViolations fails the test if the page hit its CSP.
func noCSPViolations(t *testing.T, ctx context.Context) {
	t.Helper()
	var violations []string
	require.NoError(t, chromedp.Run(ctx, chromedp.Evaluate(`window.__csp || []`, &violations)))
	assert.Empty(t, violations, "Content-Security-Policy violations")
}

// appLoaded waits until go-app has started.
func appLoaded(url string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Navigate(url),
		chromedp.WaitNotPresent(`#app-wasm-loader`, chromedp.ByQuery),
	}
}

// openProduct serves the product and opens path in a fresh browser whose
// documents record CSP violations; it returns the base URL and the tab.
func openProduct(t *testing.T, path string) (string, context.Context) {
	t.Helper()
	base := startProduct(t)
	b := browsertest.New(t, browsertest.Options{})
	ctx, cancel := context.WithTimeout(b.Ctx, 90*time.Second)
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Run(ctx, recordCSPViolations(), appLoaded(base+path)))
	return base, ctx
}

func TestAGuestJoinsFromTheJoinPage(t *testing.T) {
	_, ctx := openProduct(t, "/")
	require.NoError(t, chromedp.Run(ctx,
		chromedp.SendKeys(`#join-room`, "standup", chromedp.ByQuery),
		chromedp.SendKeys(`#join-name`, "Bob", chromedp.ByQuery),
		chromedp.Click(`.join-submit`, chromedp.ByQuery),
	))
	s := conferenceState(t, ctx)
	me := s.Participants[s.LocalID]
	assert.Equal(t, "participant", me.Role, "a guest gets a member token, verified by the sandbox")
	assert.Equal(t, "Bob", me.Name)
	noCSPViolations(t, ctx)
}

func TestTheModeratorSignsInAndMutesEveryone(t *testing.T) {
	base, ctx := openProduct(t, "/console")
	require.NoError(t, chromedp.Run(ctx,
		chromedp.SendKeys(`#sign-in-user`, productModerator, chromedp.ByQuery),
		chromedp.SendKeys(`#sign-in-password`, productPassword, chromedp.ByQuery),
		chromedp.Click(`.sign-in-submit`, chromedp.ByQuery),
		chromedp.WaitVisible(`#join-room`, chromedp.ByQuery),
		chromedp.SendKeys(`#join-room`, "board", chromedp.ByQuery),
		chromedp.Click(`.join-submit`, chromedp.ByQuery),
	))
	s := conferenceState(t, ctx)
	assert.Equal(t, "moderator", s.Participants[s.LocalID].Role, "the console got a moderator token")

	// Someone joins the sandbox; the console lists them and mutes everyone.
	req, err := http.NewRequest(http.MethodPost, base+"/_sandbox/control/board", strings.NewReader(`{"action":"join","id":"bob1","name":"Bob"}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+productControl)
	req.Header.Set("Content-Type", "application/json")
	require.NoError(t, chromedp.Run(ctx, chromedp.Poll(snapshotJS("control.connected"), nil)))
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.NoError(t, chromedp.Run(ctx,
		chromedp.WaitVisible(`li.participant[data-participant="bob1"]`, chromedp.ByQuery),
		chromedp.Click(`.mute-all-audio`, chromedp.ByQuery),
		chromedp.Poll(snapshotJS("participants.bob1.audioMuted"), nil, chromedp.WithPollingTimeout(15*time.Second)),
	))
	noCSPViolations(t, ctx)
	var shot []byte
	require.NoError(t, chromedp.Run(ctx, chromedp.FullScreenshot(&shot, 100)))
	require.NoError(t, os.WriteFile(filepath.Join(t.TempDir(), "console.png"), shot, 0o644))
	if dir := os.Getenv("MEETBRIDGE_SCREENSHOTS"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "console.png"), shot, 0o644)
	}
}
