//go:build js && wasm

package e2e

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
)

// startEarly does what a page with externalapi.EarlyStart's elements does:
// it writes the data element and runs the server's early start script, which
// creates the meeting on the library under test.
func startEarly(t *testing.T, options map[string]any) {
	t.Helper()
	p := provider()
	data, err := json.Marshal(map[string]any{
		"global": p.Global, "domain": p.Domain, "script": p.ScriptURL, "options": options,
		"events": []string{"ready", "videoConferenceJoined"},
	})
	require.NoError(t, err)
	doc := safejs.MustGetGlobal("document")
	body, err := doc.Get("body")
	require.NoError(t, err)
	el, err := doc.Call("getElementById", externalapi.EarlyStartDataID)
	require.NoError(t, err)
	if el.IsNull() {
		el, err = doc.Call("createElement", "script")
		require.NoError(t, err)
		require.NoError(t, el.Set("type", "application/json"))
		require.NoError(t, el.Set("id", externalapi.EarlyStartDataID))
		_, err = body.Call("appendChild", el)
		require.NoError(t, err)
	}
	require.NoError(t, el.Set("textContent", string(data)))

	script, err := doc.Call("createElement", "script")
	require.NoError(t, err)
	loaded := make(chan struct{}, 1)
	onLoad, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		loaded <- struct{}{}
		return nil
	})
	require.NoError(t, err)
	defer onLoad.Release()
	require.NoError(t, script.Set("onload", onLoad.Value()))
	require.NoError(t, script.Set("src", origin()+externalapi.EarlyStartPath))
	_, err = body.Call("appendChild", script)
	require.NoError(t, err)
	recv(t, loaded)
	require.NoError(t, script.Set("onload", nil))
}

// TestAdoptTheSandboxMeeting: a meeting the page started early, on the
// sandbox over real HTTP, is adopted by Go: its ready and joined events,
// recorded or live, reach Go once.
func TestAdoptTheSandboxMeeting(t *testing.T) {
	room := newRoom("early")
	startEarly(t, map[string]any{"roomName": room, "jwt": moderatorJWT(t, room, nil)})

	loaded := make(chan struct{}, 2)
	joined := make(chan externalapi.VideoConferenceJoined, 2)
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	api, err := externalapi.Adopt(ctx, provider(), externalapi.AdoptOptions{
		OnLoad: func() { loaded <- struct{}{} },
		Setup: func(a *externalapi.API) error {
			_, err := a.OnVideoConferenceJoined(func(e externalapi.VideoConferenceJoined) { joined <- e })
			return err
		},
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = api.Dispose() })
	recv(t, loaded)
	assert.Equal(t, room, string(recv(t, joined).RoomName))
	require.NoError(t, api.WaitReady(ctx))

	// The meeting answers commands through the adopted object; once its
	// answer is handled, a second ready or joined would have been too.
	subject := make(chan externalapi.SubjectChange, 1)
	_, err = api.OnSubjectChange(func(e externalapi.SubjectChange) { subject <- e })
	require.NoError(t, err)
	require.NoError(t, api.SetSubject("early start"))
	assert.Equal(t, "early start", recv(t, subject).Subject)
	assert.Empty(t, loaded, "OnLoad once")
	assert.Empty(t, joined, "joined once")

	state := safejs.MustGetGlobal(externalapi.EarlyStartGlobal)
	adopted, err := state.Get("adopted")
	require.NoError(t, err)
	b, _ := adopted.Bool()
	assert.True(t, b)
}
