package sandbox_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/sandbox"
	"github.com/meetbridge/meetbridge/tools/internal/browsertest"
)

// integrationParent embeds the sandbox with the /external_api.js the
// Handler serves, as an application page would, and records the events.
const integrationParent = `<!doctype html>
<meta charset="utf-8">
<title>parent</title>
<style>html, body, #meeting { margin: 0; height: 100%; }</style>
<div id="meeting"></div>
<script src="/external_api.js"></script>
<script>
'use strict';
window.seen = [];
window.api = new JitsiMeetExternalAPI(location.host, {
  roomName: 'standup',
  parentNode: document.getElementById('meeting'),
  userInfo: { displayName: 'Alice', email: 'alice@example.com' },
  configOverwrite: { apiLogLevels: ['warn'] },
});
for (const name of ['videoConferenceJoined', 'participantJoined', 'audioMuteStatusChanged', 'displayNameChange', 'log']) {
  api.on(name, (e) => seen.push({ name, e }));
}
window.until = (fn) => new Promise((resolve, reject) => {
  const start = Date.now();
  const tick = () => { const v = fn(); if (v) resolve(v); else if (Date.now() - start > 15000) reject(new Error('timed out')); else setTimeout(tick, 20); };
  tick();
});
</script>`

// TestOurExternalAPIDrivesTheSandboxOverHTTPS drives the conference with the
// parent library the Handler serves, over TLS with SelfSignedCertificate,
// the way an application (and the real library) reaches a deployment.
func TestOurExternalAPIDrivesTheSandboxOverHTTPS(t *testing.T) {
	h, err := sandbox.Handler(sandbox.Config{ControlToken: testControlToken})
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/", h)
	mux.HandleFunc("GET /_test/parent.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, integrationParent)
	})
	cert, err := sandbox.SelfSignedCertificate("127.0.0.1")
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(mux)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
	})
	require.True(t, strings.HasPrefix(srv.URL, "https://127.0.0.1:"))

	b := browsertest.New(t, browsertest.Options{IgnoreCertificateErrors: true})
	ctx, cancel := context.WithTimeout(b.Ctx, 60*time.Second)
	defer cancel()
	eval := func(expr string, out any) {
		t.Helper()
		require.NoError(t, chromedp.Run(ctx, chromedp.Evaluate(expr, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		})), "%s\n%s", expr, strings.Join(b.Console(), "\n"))
	}
	require.NoError(t, chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/_test/parent.html")))

	var joined struct {
		RoomName, ID, DisplayName, FormattedDisplayName, Email string
		BreakoutRoom, Visitor                                  bool
	}
	eval(`until(() => seen.find((s) => s.name === 'videoConferenceJoined')).then((s) => s.e)`, &joined)
	assert.Equal(t, "standup", joined.RoomName)
	assert.Equal(t, "Alice", joined.DisplayName)
	assert.Equal(t, "Alice (me)", joined.FormattedDisplayName)
	assert.Equal(t, "alice@example.com", joined.Email)
	assert.Regexp(t, `^[0-9a-f]{8}$`, joined.ID)

	var src string
	eval(`api.getIFrame().src`, &src)
	assert.True(t, strings.HasPrefix(src, srv.URL+"/standup#jitsi_meet_external_api_id=0"), src)

	var muted bool
	eval(`api.executeCommand('toggleAudio'), until(() => seen.find((s) => s.name === 'audioMuteStatusChanged')).then(() => api.isAudioMuted())`, &muted)
	assert.True(t, muted)

	// The control reaches the page inside the library's iframe.
	eval(`until(() => document.querySelector('iframe').contentWindow.meetbridgeSandbox.snapshot().control.connected)`, nil)
	code, reply := postControlWith(t, srv.Client(), srv.URL, "standup", `{"action":"join","id":"b0b","name":"Bob"}`)
	require.Equal(t, http.StatusOK, code, reply)
	var count int
	eval(`until(() => seen.find((s) => s.name === 'participantJoined')).then(() => api.getNumberOfParticipants())`, &count)
	assert.Equal(t, 2, count)

	var names []string
	eval(`api.executeCommand('displayName', 'Alice Liddell'),
		until(() => seen.find((s) => s.name === 'displayNameChange')).then(() => api.getParticipantsInfo().map((p) => p.displayName))`, &names)
	assert.ElementsMatch(t, []string{"Alice Liddell", "Bob"}, names)

	var rooms struct {
		Rooms []struct {
			IsMainRoom   bool
			Participants []struct{ DisplayName string }
		}
	}
	eval(`api.getRoomsInfo()`, &rooms)
	require.Len(t, rooms.Rooms, 1)
	assert.True(t, rooms.Rooms[0].IsMainRoom)
	assert.Len(t, rooms.Rooms[0].Participants, 2)

	// The library's log events carry the page's warn lines.
	var logged string
	eval(`api.executeCommand('toggleNoiseSuppression'),
		until(() => seen.find((s) => s.name === 'log')).then((s) => JSON.stringify(s.e))`, &logged)
	assert.Equal(t, fmt.Sprintf(`{"logLevel":"warn","args":["command","toggle-noise-suppression","[]","ignored: not handled"]}`), logged)
}
