//go:build js && wasm

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
)

// guard bounds every wait: a hang guard, not a timing assertion.
const guard = 15 * time.Second

// roomSeq makes room names unique within a page, across -count runs.
var roomSeq atomic.Int64

// newRoom returns a fresh room name for test t.
func newRoom(prefix string) string {
	return fmt.Sprintf("e2e-%s-%d", prefix, roomSeq.Add(1))
}

// origin is the test page's origin, which the runner proxies to the sandbox.
func origin() string {
	v, _ := safejs.MustGetGlobal("location").Get("origin")
	s, _ := v.String()
	return s
}

// host is origin without the scheme.
func host() string {
	v, _ := safejs.MustGetGlobal("location").Get("host")
	s, _ := v.String()
	return s
}

// libraryEnv names the parent library the suite drives, as a path on the
// test page's origin; unset, it is the sandbox's own /external_api.js.
// scripts/e2e.sh --real-library sets it to jitsi-meet's real library.
const libraryEnv = "MEETBRIDGE_E2E_LIBRARY"

// libraryPath is the path of the parent library under test.
func libraryPath() string {
	if p := os.Getenv(libraryEnv); p != "" {
		return p
	}
	return "/external_api.js"
}

// realLibrary reports whether the suite drives a library other than the
// sandbox's own.
func realLibrary() bool { return os.Getenv(libraryEnv) != "" }

// provider is the sandbox served at the test page's origin, with the library
// under test.
func provider() externalapi.Provider {
	p := externalapi.Sandbox(host(), strings.HasPrefix(origin(), "https:"))
	p.ScriptURL = origin() + libraryPath()
	return p
}

// meeting is a sandbox meeting under test. frame is set for meetings
// created without the bridge.
type meeting struct {
	*externalapi.API
	room  string
	frame *safejs.Value
}

// join creates a meeting on the sandbox and waits until the local
// participant joined, as the moderator (with a jwt from the server unless
// opts has one); the sandbox's info and warn logs come back as log events.
func join(t testing.TB, prefix string, opts externalapi.Options) (*meeting, externalapi.VideoConferenceJoined) {
	t.Helper()
	if opts.RoomName == "" {
		opts.RoomName = newRoom(prefix)
	}
	if opts.JWT == "" {
		opts.JWT = moderatorJWT(t, opts.RoomName, opts.UserInfo)
	}
	if opts.ConfigOverwrite == nil {
		opts.ConfigOverwrite = externalapi.Config{}
	}
	opts.ConfigOverwrite["apiLogLevels"] = []string{"info", "warn"}
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	api, err := externalapi.New(ctx, provider(), opts)
	require.NoError(t, err)
	joined := make(chan externalapi.VideoConferenceJoined, 1)
	stop, err := api.OnVideoConferenceJoined(func(e externalapi.VideoConferenceJoined) {
		select {
		case joined <- e:
		default:
		}
	})
	require.NoError(t, err)
	defer stop()
	t.Cleanup(func() { _ = api.Dispose() })
	return &meeting{API: api, room: opts.RoomName}, recv(t, joined)
}

// recv receives from ch within the guard.
func recv[T any](t testing.TB, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(guard):
		t.Fatalf("nothing arrived on %T within %v", ch, guard)
		panic("unreachable")
	}
}

// snapshot returns the conference page's simulated state.
func (m *meeting) snapshot(t testing.TB) map[string]any {
	t.Helper()
	var frame safejs.Value
	if m.frame != nil {
		frame = *m.frame
	} else {
		var err error
		frame, err = m.IFrame()
		require.NoError(t, err)
	}
	win, err := frame.Get("contentWindow")
	require.NoError(t, err)
	sb, err := win.Get("meetbridgeSandbox")
	require.NoError(t, err)
	require.False(t, sb.IsUndefined(), "the conference page has no meetbridgeSandbox (not same-origin?)")
	snap, err := sb.Call("snapshot")
	require.NoError(t, err)
	s, err := safejs.MustGetGlobal("JSON").Call("stringify", snap)
	require.NoError(t, err)
	str, err := s.String()
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal([]byte(str), &out))
	return out
}

// waitFrames calls cond once per animation frame of the page until it holds
// or the guard runs out: synchronising on a condition of the page.
func waitFrames(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(guard)
	frame := make(chan struct{}, 1)
	fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		select {
		case frame <- struct{}{}:
		default:
		}
		return nil
	})
	require.NoError(t, err)
	defer fn.Release()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, guard)
		}
		_, err := safejs.Global().Call("requestAnimationFrame", fn.Value())
		require.NoError(t, err)
		<-frame
	}
}

// path reads a nested value of a snapshot, such as "control.connected".
func path(snap map[string]any, keys ...string) any {
	var v any = snap
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// waitControl waits until the meeting's page is connected to the control
// stream.
func (m *meeting) waitControl(t testing.TB) {
	t.Helper()
	waitFrames(t, "control stream connected", func() bool {
		return path(m.snapshot(t), "control", "connected") == true
	})
}

// control sends a control action to the meeting's room once its page is
// connected to the control stream, and returns how many pages got it.
func (m *meeting) control(t testing.TB, action map[string]any) int {
	t.Helper()
	m.waitControl(t)
	token := os.Getenv("MEETBRIDGE_SANDBOX_CONTROL_TOKEN")
	require.NotEmpty(t, token, "MEETBRIDGE_SANDBOX_CONTROL_TOKEN is not set: run make test-e2e")
	body, err := json.Marshal(action)
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, origin()+"/_sandbox/control/"+m.room, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var out struct {
		Delivered int    `json:"delivered"`
		Error     string `json:"error"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	require.Equal(t, http.StatusOK, res.StatusCode, "control %v: %s", action, out.Error)
	return out.Delivered
}
