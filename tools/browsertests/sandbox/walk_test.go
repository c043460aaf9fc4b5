package sandbox_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/sandbox"
)

// walkRow is one command of commands.md: its wire name, the arguments the
// walk sends (JSON, with placeholders), commands to send first, and the
// events it must cause, in order (none: only its info log line).
type walkRow struct {
	wire, args string
	pre        [][2]string
	events     []string
	// final commands end the meeting: each runs on a fresh page.
	final bool
}

// walkCommands holds a row for every wire command name of the project's
// table (definitions.json, see jsapiSpecCommands), with its arguments and
// expected events.
var walkCommands = []walkRow{
	{wire: "add-breakout-room", args: `["Room A"]`, events: []string{"breakout-rooms-updated"}},
	{wire: "answer-knocking-participant", args: `["{dave}",true]`, events: []string{"participant-joined"}},
	{wire: "approve-video", args: `["{bob}"]`, pre: [][2]string{{"toggle-moderation", `[true,"video"]`}},
		events: []string{"moderation-participant-approved"}},
	{wire: "ask-to-unmute", args: `["{bob}"]`, pre: [][2]string{{"toggle-moderation", `[true,"audio"]`}},
		events: []string{"moderation-participant-approved"}},
	{wire: "auto-assign-to-breakout-rooms", args: `[]`, events: []string{"participant-left", "breakout-rooms-updated"}},
	{wire: "avatar-url", args: `["https://example.com/a.png"]`, events: []string{"avatar-changed"}},
	{wire: "cancel-private-chat", args: `[]`},
	{wire: "close-breakout-room", args: `["{room}"]`, events: []string{"participant-joined", "breakout-rooms-updated"}},
	{wire: "display-name", args: `["Alice"]`, events: []string{"display-name-change"}},
	{wire: "end-conference", args: `[]`, final: true, events: []string{"participant-left", "video-conference-left", "video-ready-to-close"}},
	{wire: "email", args: `["alice@example.com"]`, events: []string{"email-change"}},
	{wire: "grant-moderator", args: `["{carol}"]`, events: []string{"participant-role-changed"}},
	{wire: "grant-recording-consent", args: `[false]`},
	{wire: "video-hangup", args: `[]`, final: true, events: []string{"video-conference-left", "video-ready-to-close"}},
	{wire: "hide-notification", args: `["n1"]`},
	{wire: "initiate-private-chat", args: `["{bob}"]`, events: []string{"chat-updated"}},
	{wire: "join-breakout-room", args: `["{room}"]`, events: []string{"video-conference-left", "video-conference-joined", "breakout-rooms-updated"}},
	{wire: "local-subject", args: `["Local subject"]`, events: []string{"subject-change"}},
	{wire: "kick-participant", args: `["{eve}"]`, pre: [][2]string{{"join-breakout-room", `[]`}},
		events: []string{"participant-kicked-out", "participant-left"}},
	{wire: "mute-everyone", args: `["audio"]`, events: []string{"participant-muted", "participant-muted", "participant-muted"}},
	{wire: "mute-remote-participant", args: `["{bob}","video"]`, events: []string{"participant-muted"}},
	{wire: "overwrite-config", args: `[{"disableDeepLinking":true}]`},
	{wire: "overwrite-names", args: `[[{"id":"{bob}","name":"Robert"}]]`},
	{wire: "password", args: `["secret"]`},
	{wire: "pin-participant", args: `["{carol}"]`, events: []string{"on-stage-participant-changed"}},
	{wire: "reject-participant", args: `["{bob}","video"]`, events: []string{"moderation-participant-rejected"}},
	{wire: "remove-breakout-room", args: `["{roomjid}"]`, events: []string{"breakout-rooms-updated"}},
	{wire: "resize-film-strip", args: `[{"width":180}]`},
	{wire: "resize-large-video", args: `[640,360]`},
	{wire: "send-camera-facing-mode-message", args: `["{bob}","environment"]`},
	{wire: "send-chat-message", args: `["hello"]`, events: []string{"outgoing-message", "chat-updated"}},
	{wire: "send-endpoint-text-message", args: `["{bob}","ping"]`},
	{wire: "send-participant-to-room", args: `["{carol}","{room}"]`, pre: [][2]string{{"add-breakout-room", `["Room B"]`}},
		events: []string{"participant-left", "breakout-rooms-updated"}},
	{wire: "send-tones", args: `[{"tones":"123"}]`},
	{wire: "set-audio-only", args: `[true]`, events: []string{"audio-only-changed", "low-bandwidth-mode-changed"}},
	{wire: "set-assumed-bandwidth-bps", args: `[1000000]`},
	{wire: "set-blurred-background", args: `["blur"]`},
	{wire: "set-follow-me", args: `[true]`},
	{wire: "set-large-video-participant", args: `["{bob}"]`, events: []string{"on-stage-participant-changed"}},
	{wire: "set-media-encryption-key", args: `["{\"exportedKey\":[1,2,3],\"index\":0}"]`},
	{wire: "set-meeting-timer", args: `[{"duration":600}]`},
	{wire: "set-noise-suppression-enabled", args: `[{"enabled":true}]`},
	{wire: "set-participant-volume", args: `["{bob}",0.5]`},
	{wire: "set-second-screen", args: `[{}]`},
	{wire: "set-subtitles", args: `[true]`, events: []string{"transcribing-status-changed"}},
	{wire: "set-tile-view", args: `[true]`, events: []string{"tile-view-changed"}},
	{wire: "set-video-quality", args: `[360]`, events: []string{"video-quality-changed"}},
	{wire: "set-virtual-background", args: `[true,"data:image/png;base64,AAAA"]`},
	{wire: "show-notification", args: `[{"title":"Hello","description":"from the walk","uid":"n1"}]`, events: []string{"notification-triggered"}},
	{wire: "start-recording", args: `[{"mode":"file"}]`, events: []string{"recording-status-changed"}},
	{wire: "start-share-video", args: `["https://example.com/v.mp4"]`, events: []string{"audio-or-video-sharing-toggled"}},
	{wire: "stop-recording", args: `["file"]`, events: []string{"recording-status-changed", "recording-link-available"}},
	{wire: "stop-share-video", args: `[]`, events: []string{"audio-or-video-sharing-toggled"}},
	{wire: "subject", args: `["Weekly"]`, events: []string{"subject-change"}},
	{wire: "submit-feedback", args: `[{"score":5,"message":"ok"}]`, events: []string{"feedback-submitted"}},
	{wire: "toggle-audio", args: `[]`, events: []string{"audio-mute-status-changed", "participant-muted"}},
	{wire: "toggle-camera", args: `["environment"]`},
	{wire: "toggle-camera-mirror", args: `[]`},
	{wire: "toggle-chat", args: `[]`, events: []string{"chat-updated"}},
	{wire: "toggle-e2ee", args: `[true]`},
	{wire: "toggle-film-strip", args: `[]`, events: []string{"filmstrip-display-changed"}},
	{wire: "toggle-lobby", args: `[true]`},
	{wire: "toggle-moderation", args: `[false,"audio"]`, events: []string{"moderation-status-changed"}},
	{wire: "toggle-noise-suppression", args: `[]`}, // a dead entry: no handler in Jitsi
	{wire: "toggle-participants-pane", args: `[true]`, events: []string{"participants-pane-toggled"}},
	{wire: "toggle-raise-hand", args: `[]`, events: []string{"raise-hand-updated"}},
	{wire: "toggle-share-screen", args: `[]`, events: []string{"screen-sharing-status-changed", "content-sharing-participants-changed"}},
	{wire: "toggle-subtitles", args: `[]`, events: []string{"transcribing-status-changed"}},
	{wire: "toggle-tile-view", args: `[]`, events: []string{"tile-view-changed"}},
	{wire: "toggle-virtual-background", args: `[]`},
	{wire: "toggle-video", args: `[]`, events: []string{"video-mute-status-changed", "participant-muted"}},
	{wire: "toggle-whiteboard", args: `[]`, events: []string{"whiteboard-status-changed", "whiteboard-status-changed"}},
	{wire: "show-pip", args: `[]`},
	{wire: "hide-pip", args: `[]`},
	{wire: "set-participant-properties", args: `[{"mood":"happy"}]`},
	// Newer than the spec (jitsi-meet after July 2026): set-audio-only's new name.
	{wire: "set-low-bandwidth-mode", args: `[false]`, events: []string{"audio-only-changed", "low-bandwidth-mode-changed"}},
}

// Remote participants of the walk, joined and knocking through the control.
const (
	walkBob   = "b0b00001"
	walkCarol = "ca401002"
	walkDave  = "da4e0003"
	walkEve   = "e4e00004"
)

// walkHash configures the walk's conference to mirror its log lines.
var walkHash = [][2]string{{"userInfo.displayName", `"Alice"`}, {"config.apiLogLevels", `["info","warn","error"]`}}

// logEvent is the raw log event with args, as the conference sends it.
func logEvent(level string, args ...string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(args)
	return wireEvent(`{"name":"log","logLevel":"` + level + `","args":` + strings.TrimSpace(buf.String()) + `}`)
}

// eventName returns the name of the event in raw, or "".
func eventName(raw string) string {
	var m struct {
		Method string
		Params struct {
			Type string
			Data struct{ Name string }
		}
	}
	if json.Unmarshal([]byte(raw), &m) != nil || m.Method != "message" || m.Params.Type != "event" {
		return ""
	}
	return m.Params.Data.Name
}

// eventNames returns the names of the events in raws, without the log events.
func eventNames(raws []string) []string {
	var names []string
	for _, raw := range raws {
		if n := eventName(raw); n != "" && n != "log" {
			names = append(names, n)
		}
	}
	return names
}

// isSubsequence reports whether want appears in got in order.
func isSubsequence(want, got []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}

// openWalkPage opens a conference with control and apiLogLevels, joins
// Bob, Carol and Eve and has Dave knock.
func openWalkPage(t *testing.T, p *stubParent, base string) {
	t.Helper()
	p.waitJoined()
	p.until(`stub.snapshot().control.connected`)
	for _, body := range []string{
		`{"action":"join","id":"` + walkBob + `","name":"Bob"}`,
		`{"action":"join","id":"` + walkCarol + `","name":"Carol"}`,
		`{"action":"join","id":"` + walkEve + `","name":"Eve"}`,
		`{"action":"knock","id":"` + walkDave + `","name":"Dave"}`,
	} {
		code, reply := postControl(t, base, "standup", body)
		require.Equal(t, http.StatusOK, code, reply)
		require.Contains(t, reply, `"delivered":1`)
	}
	p.waitEvent("participant-joined", 0, 3)
	p.waitEvent("knocking-participant", 0, 1)
}

func TestEveryCommandOfTheSpecIsHandled(t *testing.T) {
	// One row per command of the project's table (definitions.json).
	seen := map[string]bool{}
	for _, row := range walkCommands {
		require.False(t, seen[row.wire], "%s twice", row.wire)
		seen[row.wire] = true
	}
	for _, c := range jsapiSpecCommands {
		require.True(t, seen[c.wire], "%s has no walk row", c.wire)
	}
	require.Len(t, walkCommands, len(jsapiSpecCommands), "a walk row for a command the table does not have")

	base := startConferenceServer(t, sandbox.Config{ControlToken: testControlToken})
	b := newBrowser(t)
	p := openStubParent(t, b, base, iframeURL("standup", "", walkHash...))
	openWalkPage(t, p, base)
	me := p.snapshot().LocalID

	run := func(p *stubParent, row walkRow) {
		t.Helper()
		replace := func(s string) string {
			snap := p.snapshot()
			room, roomJID := "", ""
			for _, r := range snap.Rooms {
				if !r.IsMainRoom {
					room, roomJID = r.ID, r.JID
				}
			}
			return strings.NewReplacer("{me}", me, "{bob}", walkBob, "{carol}", walkCarol, "{dave}", walkDave,
				"{eve}", walkEve, "{room}", room, "{roomjid}", roomJID).Replace(s)
		}
		for _, pre := range row.pre {
			p.exchange(wireCommand(pre[0], replace(pre[1])))
		}
		args := replace(row.args)
		got := p.exchange(wireCommand(row.wire, args))
		if row.wire == "toggle-noise-suppression" {
			assert.Equal(t, []string{logEvent("warn", "command", row.wire, args, "ignored: not handled")}, got, row.wire)
			return
		}
		require.NotEmpty(t, got, row.wire)
		assert.Equal(t, logEvent("info", "command", row.wire, args), got[0], "%s is logged at info first", row.wire)
		names := eventNames(got)
		if len(row.events) == 0 {
			assert.Empty(t, names, "%s emits no event", row.wire)
			return
		}
		assert.True(t, isSubsequence(row.events, names), "%s: want %v in %v", row.wire, row.events, names)
	}

	var finals []walkRow
	for _, row := range walkCommands {
		if row.final {
			finals = append(finals, row)
			continue
		}
		run(p, row)
	}
	require.Len(t, finals, 2)
	for _, row := range finals {
		p := openStubParent(t, b, base, iframeURL("standup", "", walkHash...))
		openWalkPage(t, p, base)
		me = p.snapshot().LocalID
		run(p, row)
	}
}

// walkRequest is a request of methods.md and a check of its answer.
type walkRequest struct {
	data  string
	check func(t *testing.T, result any)
}

// isObjectWith checks that v is a JSON object with exactly keys.
func isObjectWith(keys ...string) func(t *testing.T, v any) {
	return func(t *testing.T, v any) {
		t.Helper()
		m, ok := v.(map[string]any)
		require.True(t, ok, "an object: %v", v)
		got := make([]string, 0, len(m))
		for k := range m {
			got = append(got, k)
		}
		assert.ElementsMatch(t, keys, got)
	}
}

func isBool(t *testing.T, v any) {
	t.Helper()
	_, ok := v.(bool)
	assert.True(t, ok, "a boolean: %v", v)
}

func isString(t *testing.T, v any) {
	t.Helper()
	_, ok := v.(string)
	assert.True(t, ok, "a string: %v", v)
}

func TestEveryRequestOfTheSpecIsAnswered(t *testing.T) {
	base := startConferenceServer(t, sandbox.Config{ControlToken: testControlToken})
	p := openStubParent(t, newBrowser(t), base, iframeURL("standup", "", walkHash...))
	openWalkPage(t, p, base)
	p.exchange(wireCommand("add-breakout-room", `["Room A"]`), wireCommand("toggle-share-screen", `[]`),
		wireCommand("start-recording", `[{"mode":"stream","rtmpStreamKey":"k"}]`))

	requests := []walkRequest{
		{`{"name":"capture-largevideo-screenshot"}`, func(t *testing.T, v any) {
			isObjectWith("dataURL")(t, v)
			assert.Regexp(t, `^data:image/png;base64,[A-Za-z0-9+/]+=*$`, v.(map[string]any)["dataURL"])
		}},
		{`{"name":"connection-stats"}`, func(t *testing.T, v any) {
			isObjectWith("bitrate", "packetLoss", "bandwidth", "connectionQuality", "iceConnected", "jvbRTT", "serverRegion", "region",
				"codec", "framerate", "resolution", "transport")(t, v)
			assert.Equal(t, true, v.(map[string]any)["iceConnected"])
			assert.IsType(t, []any{}, v.(map[string]any)["transport"])
		}},
		{`{"name":"get-content-sharing-participants"}`, func(t *testing.T, v any) {
			isObjectWith("sharingParticipantIds")(t, v)
			assert.Equal(t, []any{p.snapshot().LocalID}, v.(map[string]any)["sharingParticipantIds"])
		}},
		{`{"name":"get-custom-avatar-backgrounds"}`, func(t *testing.T, v any) {
			assert.Equal(t, map[string]any{"avatarBackgrounds": []any{}}, v)
		}},
		{`{"name":"get-livestream-url"}`, func(t *testing.T, v any) {
			assert.Equal(t, map[string]any{"livestreamUrl": "https://live.sandbox.invalid/standup"}, v)
		}},
		{`{"name":"rooms-info"}`, func(t *testing.T, v any) {
			isObjectWith("rooms")(t, v)
			rooms := v.(map[string]any)["rooms"].([]any)
			require.Len(t, rooms, 2)
			isObjectWith("isMainRoom", "id", "jid", "participants")(t, rooms[0])
			people := rooms[0].(map[string]any)["participants"].([]any)
			require.Len(t, people, 4, "Alice, Bob, Carol and Eve")
			isObjectWith("id", "jid", "role", "displayName")(t, people[0])
		}},
		{`{"name":"session-id"}`, func(t *testing.T, v any) { assert.Equal(t, p.snapshot().SessionID, v) }},
		{`{"name":"get-shared-document-url"}`, isString},
		{`{"name":"invite","invitees":[{"type":"sip","address":"room@sip.example.com"}]}`, func(t *testing.T, v any) {
			assert.Equal(t, map[string]any{"result": true}, v)
		}},
		{`{"name":"is-audio-available"}`, isBool},
		{`{"name":"is-audio-disabled"}`, isBool},
		{`{"name":"is-audio-muted"}`, isBool},
		{`{"name":"is-moderation-on","mediaType":"video"}`, isBool},
		{`{"name":"get-p2p-status"}`, func(t *testing.T, v any) { assert.Equal(t, false, v) }},
		{`{"name":"is-participant-force-muted","participantId":"` + walkBob + `","mediaType":"audio"}`, isBool},
		{`{"name":"is-participants-pane-open"}`, isBool},
		{`{"name":"is-sharing-screen"}`, func(t *testing.T, v any) { assert.Equal(t, true, v) }},
		{`{"name":"is-start-silent"}`, isBool},
		{`{"name":"is-video-available"}`, isBool},
		{`{"name":"is-video-muted"}`, isBool},
		{`{"name":"list-breakout-rooms"}`, func(t *testing.T, v any) {
			rooms, ok := v.(map[string]any)
			require.True(t, ok)
			require.Len(t, rooms, 2)
			for id, r := range rooms {
				isObjectWith("id", "jid", "name", "isMainRoom", "participants")(t, r)
				assert.Equal(t, id, r.(map[string]any)["id"])
			}
		}},
		{`{"name":"open-desktop-picker"}`, isObjectWith("screenShareAudio", "source")},
		{`{"name":"_new_electron_screensharing_supported"}`, func(t *testing.T, v any) { assert.Equal(t, true, v) }},
		{`{"type":"devices","name":"getAvailableDevices"}`, isObjectWith("audioInput", "audioOutput", "videoInput")},
		{`{"type":"devices","name":"getCurrentDevices"}`, isObjectWith("audioInput", "audioOutput", "videoInput")},
		{`{"type":"devices","name":"isDeviceChangeAvailable","deviceType":"input"}`, isBool},
		{`{"type":"devices","name":"isMultipleAudioInputSupported"}`, isBool},
		{`{"type":"devices","name":"setDevice","device":{"kind":"videoinput","label":"","id":"sandbox-external-camera"}}`,
			func(t *testing.T, v any) { assert.Equal(t, true, v) }},
	}

	// capture-camera-picture comes first and must stay unanswered (the
	// desktop iframe never replies) while every later request is answered.
	from := p.mark()
	raws := []string{wireRequest(1, `{"name":"capture-camera-picture","cameraFacingMode":"user"}`)}
	for i, r := range requests {
		raws = append(raws, wireRequest(i+2, r.data))
	}
	raws = append(raws, wireRequest(len(requests)+2, `{"name":"deployment-info"}`))
	got := p.exchange(raws...)
	answers := map[int]json.RawMessage{}
	errs := map[int]json.RawMessage{}
	for _, raw := range got {
		var m struct {
			Params struct {
				Type   string
				ID     int
				Result json.RawMessage
				Error  json.RawMessage
			}
		}
		require.NoError(t, json.Unmarshal([]byte(raw), &m))
		if m.Params.Type != "response" {
			continue
		}
		if m.Params.Error != nil {
			errs[m.Params.ID] = m.Params.Error
		} else {
			answers[m.Params.ID] = m.Params.Result
		}
	}
	_, answered := answers[1]
	assert.False(t, answered, "capture-camera-picture is never answered on desktop")
	assert.NotContains(t, errs, 1)
	for i, r := range requests {
		raw, ok := answers[i+2]
		if !assert.True(t, ok, "no answer to %s", r.data) {
			continue
		}
		var v any
		require.NoError(t, json.Unmarshal(raw, &v))
		t.Run(fmt.Sprint(i+2), func(t *testing.T) { r.check(t, v) })
	}
	// deployment-info without config.deploymentInfo: callback(undefined) in the
	// real iframe, a response with neither result nor error.
	assert.Contains(t, got, wireEmptyResponse(len(requests)+2))
	assert.NotContains(t, errs, len(requests)+2)
	assert.Equal(t, 1, p.snapshot().PendingCameraPictures)
	assert.Contains(t, p.fence(from), logEvent("info", "request", "capture-camera-picture",
		"not answered: the camera picture is for mobile browsers only"))
}
