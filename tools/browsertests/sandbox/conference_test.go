package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
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

// wireScope is the scope of the first External API object of a page.
const wireScope = "jitsi_meet_external_api_0"

// wireFrame is a raw postis message of scope 0, keys in the order the real
// framing writes them.
func wireFrame(method, params string) string {
	return `{"postis":true,"scope":"` + wireScope + `","method":"` + method + `","params":` + params + `}`
}

// wireEvent is an event (iframe to parent); data is {"name":...,...}.
func wireEvent(data string) string { return wireFrame("message", `{"type":"event","data":`+data+`}`) }

// wireCommand is a command (parent to iframe); args is the JSON array.
func wireCommand(name, args string) string {
	return wireFrame("message", `{"type":"event","data":{"name":"`+name+`","data":`+args+`}}`)
}

// wireRequest is a request (parent to iframe); data is {"name":...,...}.
func wireRequest(id int, data string) string {
	return wireFrame("message", fmt.Sprintf(`{"type":"request","id":%d,"data":%s}`, id, data))
}

// wireResponse is a response (iframe to parent); key is result or error.
func wireResponse(id int, key, value string) string {
	return wireFrame("message", fmt.Sprintf(`{"type":"response","id":%d,"%s":%s}`, id, key, value))
}

// wireEmptyResponse is a response with neither result nor error, what the
// real iframe's callback(undefined) sends.
func wireEmptyResponse(id int) string {
	return wireFrame("message", fmt.Sprintf(`{"type":"response","id":%d}`, id))
}

// encodeURIComponent escapes s as JavaScript's encodeURIComponent does.
func encodeURIComponent(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// iframeURL builds the path, query and hash of a conference iframe the way
// external_api.js does: each hash value is encodeURIComponent(JSON).
func iframeURL(room, query string, hash ...[2]string) string {
	u := "/" + room
	if query != "" {
		u += "?" + query
	}
	u += "#jitsi_meet_external_api_id=0"
	for _, kv := range hash {
		u += "&" + kv[0] + "=" + encodeURIComponent(kv[1])
	}
	return u
}

// stubParent is the stub parent page in a browser tab, with the conference
// in its iframe.
type stubParent struct {
	t   testing.TB
	b   *browsertest.Browser
	ctx context.Context
}

// newBrowser starts Chromium for t; browsertest closes it when t ends.
func newBrowser(t testing.TB) *browsertest.Browser {
	t.Helper()
	return browsertest.New(t, browsertest.Options{})
}

// openStubParent loads the stub parent page from base in b and creates the
// conference iframe at src (see iframeURL).
func openStubParent(t testing.TB, b *browsertest.Browser, base, src string) *stubParent {
	t.Helper()
	p := &stubParent{t: t, b: b, ctx: b.Ctx}
	ctx, cancel := context.WithTimeout(b.Ctx, 30*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Run(ctx, chromedp.Navigate(base+stubParentPath)))
	p.eval(fmt.Sprintf(`stub.open(%s, 0)`, jsString(src)), nil)
	return p
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSpace(buf.String())
}

// eval evaluates expr in the stub page, awaiting a promise, into out (nil
// ignores the result). The timeout only guards against hangs.
func (p *stubParent) eval(expr string, out any) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	var res any
	if out != nil {
		res = out
	}
	err := chromedp.Run(ctx, chromedp.Evaluate(expr, res, func(ep *runtime.EvaluateParams) *runtime.EvaluateParams {
		return ep.WithAwaitPromise(true)
	}))
	require.NoError(p.t, err, "evaluating %s\nconsole:\n%s", expr, strings.Join(p.b.Console(), "\n"))
}

// mark returns how many raw messages the stub has received.
func (p *stubParent) mark() int {
	p.t.Helper()
	var n int
	p.eval(`stub.mark()`, &n)
	return n
}

// send posts raw strings to the conference, in order.
func (p *stubParent) send(raws ...string) {
	p.t.Helper()
	for _, raw := range raws {
		p.eval(fmt.Sprintf(`stub.sendRaw(%s), true`, jsString(raw)), nil)
	}
}

// fence returns every raw message received from index from until the
// conference has handled everything sent before.
func (p *stubParent) fence(from int) []string {
	p.t.Helper()
	var got []string
	p.eval(fmt.Sprintf(`stub.fence(%d)`, from), &got)
	return got
}

// exchange sends raws and returns what the conference sent while handling
// them.
func (p *stubParent) exchange(raws ...string) []string {
	p.t.Helper()
	from := p.mark()
	p.send(raws...)
	return p.fence(from)
}

// waitEvent waits until count events named name arrived from index from
// and returns them.
func (p *stubParent) waitEvent(name string, from, count int) []string {
	p.t.Helper()
	var got []string
	p.eval(fmt.Sprintf(`stub.waitEvent(%s, %d, %d)`, jsString(name), from, count), &got)
	return got
}

// snapshot returns the conference's state.
func (p *stubParent) snapshot() sandboxSnapshot {
	p.t.Helper()
	var s sandboxSnapshot
	p.eval(`stub.snapshot()`, &s)
	return s
}

// until waits for a JavaScript condition on the stub page to hold.
func (p *stubParent) until(cond string) {
	p.t.Helper()
	p.eval(fmt.Sprintf(`stub.until(() => %s).then(() => true)`, cond), nil)
}

// rendered waits until the conference page shows its state (it redraws
// once per frame).
func (p *stubParent) rendered() {
	p.t.Helper()
	p.eval(`stub.frameDocument().defaultView.meetbridgeSandbox.rendered().then(() => true)`, nil)
}

// waitJoined waits for the conference to join and handle its start-up.
func (p *stubParent) waitJoined() {
	p.t.Helper()
	p.waitEvent("video-conference-joined", 0, 1)
	p.fence(0)
}

// sandboxSnapshot is the part of meetbridgeSandbox.snapshot() tests read.
type sandboxSnapshot struct {
	LocalID             string  `json:"localId"`
	SessionID           string  `json:"sessionId"`
	ConferenceTimestamp float64 `json:"conferenceTimestamp"`
	Joined              bool    `json:"joined"`
	Password            string  `json:"password"`
	Config              map[string]any
	InterfaceConfig     map[string]any `json:"interfaceConfig"`
	URL                 struct {
		Dropped []string `json:"dropped"`
	} `json:"url"`
	Rooms map[string]struct {
		ID, JID, Name string
		IsMainRoom    bool `json:"isMainRoom"`
	} `json:"rooms"`
	Participants map[string]struct {
		ID, Name, Role string
		HandRaised     float64 `json:"handRaised"`
		AudioMuted     bool    `json:"audioMuted"`
	} `json:"participants"`
	Control struct {
		Connected bool `json:"connected"`
	} `json:"control"`
	PendingCameraPictures int `json:"pendingCameraPictures"`
}

// mainRoom returns the id and jid of the main room.
func (s sandboxSnapshot) mainRoom() (id, jid string) {
	for _, r := range s.Rooms {
		if r.IsMainRoom {
			return r.ID, r.JID
		}
	}
	return "", ""
}

// breakoutRoom returns the id and jid of the breakout room named name.
func (s sandboxSnapshot) breakoutRoom(name string) (id, jid string) {
	for _, r := range s.Rooms {
		if !r.IsMainRoom && r.Name == name {
			return r.ID, r.JID
		}
	}
	return "", ""
}

// isReady reports whether raw is a __ready__ message of scope 0.
func isReady(raw string) bool {
	return strings.HasPrefix(raw, `{"postis":true,"scope":"`+wireScope+`","method":"__ready__",`)
}

// fenceResponse matches the answers to the stub's fences (ids from 1000).
var fenceResponse = regexp.MustCompile(`^\{"postis":true,"scope":"[^"]+","method":"message","params":\{"type":"response","id":1\d{3},`)

// withoutReady drops the handshake messages and the answers to fences.
func withoutReady(raws []string) []string {
	var out []string
	for _, r := range raws {
		if !isReady(r) && !fenceResponse.MatchString(r) {
			out = append(out, r)
		}
	}
	return out
}

// testDevices is the device-list-changed payload of the sandbox.
const testDevices = `{"audioInput":[` +
	`{"deviceId":"default","kind":"audioinput","label":"Default - Sandbox Microphone","groupId":"sandbox-mic"},` +
	`{"deviceId":"sandbox-headset-mic","kind":"audioinput","label":"Sandbox Headset Microphone","groupId":"sandbox-headset"}],` +
	`"audioOutput":[` +
	`{"deviceId":"default","kind":"audiooutput","label":"Default - Sandbox Speakers","groupId":"sandbox-speakers"},` +
	`{"deviceId":"sandbox-headset-out","kind":"audiooutput","label":"Sandbox Headset Earphones","groupId":"sandbox-headset"}],` +
	`"videoInput":[` +
	`{"deviceId":"sandbox-camera","kind":"videoinput","label":"Sandbox Camera","groupId":"sandbox-camera"},` +
	`{"deviceId":"sandbox-external-camera","kind":"videoinput","label":"Sandbox External Camera","groupId":"sandbox-ext"}]}`

func TestWireHandshakeAndStartUp(t *testing.T) {
	base := startConferenceServer(t, sandbox.Config{Verify: func(jwt string) (sandbox.Identity, error) {
		return sandbox.Identity{Name: "Alice", Email: "alice@example.com", Moderator: true, AvatarURL: "https://example.com/alice.png"}, nil
	}})
	p := openStubParent(t, newBrowser(t), base, iframeURL("standup", "jwt=token&lang=en", [2]string{"jwt", `"token"`}))
	p.waitEvent("on-stage-participant-changed", 0, 1)
	got := p.fence(0)
	s := p.snapshot()

	// The handshake: the iframe's own id, until the stub echoes it, and the
	// echo of the stub's id.
	var stubID string
	p.eval(`stub.id`, &stubID)
	first := regexp.MustCompile(`^\{"postis":true,"scope":"jitsi_meet_external_api_0","method":"__ready__","params":"([0-9a-f]{16})"\}$`).
		FindStringSubmatch(got[0])
	require.NotNil(t, first, "the first message is the iframe's __ready__: %s", got[0])
	own := `{"postis":true,"scope":"jitsi_meet_external_api_0","method":"__ready__","params":"` + first[1] + `"}`
	echo := `{"postis":true,"scope":"jitsi_meet_external_api_0","method":"__ready__","params":"` + stubID + `"}`
	assert.Contains(t, got, echo, "the iframe echoes the parent's id")
	for _, raw := range got {
		if isReady(raw) {
			assert.Contains(t, []string{own, echo}, raw)
		}
	}

	// Then what it buffered until the handshake was done, in order.
	r := strings.NewReplacer("ID", s.LocalID, "TS", fmt.Sprint(int64(s.ConferenceTimestamp)))
	want := []string{
		`{"postis":true,"scope":"jitsi_meet_external_api_0","method":"message","params":{"type":"event","data":{"name":"browser-support","supported":true}}}`,
		`{"postis":true,"scope":"jitsi_meet_external_api_0","method":"message","params":{"type":"event","data":{"name":"ready"}}}`,
		r.Replace(`{"postis":true,"scope":"jitsi_meet_external_api_0","method":"message","params":{"type":"event","data":{"name":"video-conference-joined","roomName":"standup","id":"ID","displayName":"Alice","formattedDisplayName":"Alice (me)","avatarURL":"https://example.com/alice.png","breakoutRoom":false,"email":"alice@example.com","visitor":false}}}`),
		r.Replace(wireEvent(`{"name":"participant-role-changed","id":"ID","role":"moderator"}`)),
		r.Replace(wireEvent(`{"name":"conference-created-timestamp","timestamp":TS}`)),
		wireEvent(`{"name":"audio-availability-changed","available":true}`),
		wireEvent(`{"name":"video-availability-changed","available":true}`),
		wireEvent(`{"name":"data-channel-opened"}`),
		wireEvent(`{"name":"device-list-changed","devices":` + testDevices + `}`),
		r.Replace(wireEvent(`{"name":"on-stage-participant-changed","id":"ID"}`)),
	}
	assert.Equal(t, want, withoutReady(got))
	assert.Regexp(t, `^[0-9a-f]{8}$`, s.LocalID)
}

func TestWireStartUpWithoutAJWTMakesTheLocalParticipantModerator(t *testing.T) {
	base := startConferenceServer(t, sandbox.Config{})
	p := openStubParent(t, newBrowser(t), base, iframeURL("standup", "",
		[2]string{"userInfo.displayName", `"Bob"`}, [2]string{"config.startWithAudioMuted", `true`}))
	p.waitJoined()
	s := p.snapshot()
	got := withoutReady(p.fence(0))
	require.GreaterOrEqual(t, len(got), 7)
	assert.Equal(t, wireEvent(`{"name":"video-conference-joined","roomName":"standup","id":"`+s.LocalID+
		`","displayName":"Bob","formattedDisplayName":"Bob (me)","breakoutRoom":false,"visitor":false}`), got[2])
	assert.Equal(t, wireEvent(`{"name":"participant-role-changed","id":"`+s.LocalID+`","role":"moderator"}`), got[3])
	assert.Contains(t, got, wireEvent(`{"name":"audio-mute-status-changed","muted":true}`))
	assert.Equal(t, "moderator", s.Participants[s.LocalID].Role)
}

func TestWireInvalidJWTReportsAnErrorAndDoesNotJoin(t *testing.T) {
	base := startConferenceServer(t, sandbox.Config{Verify: func(string) (sandbox.Identity, error) {
		return sandbox.Identity{}, fmt.Errorf("signature is invalid")
	}})
	p := openStubParent(t, newBrowser(t), base, iframeURL("standup", "jwt=forged"))
	p.waitEvent("error-occurred", 0, 1)
	got := withoutReady(p.exchange(wireCommand("toggle-audio", "[]")))
	assert.Empty(t, got, "commands are ignored outside a conference")
	assert.Equal(t, []string{
		wireEvent(`{"name":"browser-support","supported":true}`),
		wireEvent(`{"name":"ready"}`),
		wireEvent(`{"name":"error-occurred","error":{"name":"conference.authenticationRequired","message":"signature is invalid","isFatal":true,"type":"CONFERENCE"}}`),
	}, withoutReady(p.fence(0)))
	assert.Equal(t, []string{wireResponse(1, "result", "null")}, p.exchange(wireRequest(1, `{"name":"get-p2p-status"}`)),
		"isP2pActive is null before a join")
	assert.False(t, p.snapshot().Joined)
	p.rendered() // the page redraws once per frame
	var overlay string
	p.eval(`stub.frameDocument().getElementById('overlay').textContent`, &overlay)
	assert.Contains(t, overlay, "Authentication failed")
	assert.Contains(t, overlay, "signature is invalid")
}

func TestWireResponses(t *testing.T) {
	base := startConferenceServer(t, sandbox.Config{})
	p := openStubParent(t, newBrowser(t), base, iframeURL("standup", "", [2]string{"config.deploymentInfo", `{"region":"eu"}`}))
	p.waitJoined()
	for _, c := range []struct{ request, response string }{
		{wireRequest(1, `{"name":"is-audio-muted"}`), wireResponse(1, "result", "false")},
		{wireRequest(2, `{"name":"get-p2p-status"}`), wireResponse(2, "result", "false")},
		{wireRequest(3, `{"name":"deployment-info"}`), wireResponse(3, "result", `{"region":"eu"}`)},
		{wireRequest(4, `{"type":"devices","name":"isDeviceChangeAvailable","deviceType":"output"}`), wireResponse(4, "result", "true")},
		{wireRequest(5, `{"type":"devices","name":"setDevice","device":{"kind":"audioinput","label":"Sandbox Headset Microphone","id":"whatever"}}`),
			wireResponse(5, "result", "true")},
		{wireRequest(6, `{"type":"devices","name":"setDevice","device":{"kind":"videoinput","label":"No such camera","id":"nope"}}`),
			wireResponse(6, "result", "false")},
		{wireRequest(7, `{"type":"devices","name":"getCurrentDevices"}`), wireResponse(7, "result",
			`{"audioInput":{"deviceId":"sandbox-headset-mic","kind":"audioinput","label":"Sandbox Headset Microphone","groupId":"sandbox-headset"},`+
				`"audioOutput":{"deviceId":"default","kind":"audiooutput","label":"Default - Sandbox Speakers","groupId":"sandbox-speakers"},`+
				`"videoInput":{"deviceId":"sandbox-camera","kind":"videoinput","label":"Sandbox Camera","groupId":"sandbox-camera"}}`)},
		{wireRequest(8, `{"type":"devices","name":"getAvailableDevices"}`), wireResponse(8, "result", testDevices)},
		{wireRequest(9, `{"name":"invite","invitees":[{"type":"phone","number":"+15550100"}]}`), wireResponse(9, "result", `{"result":true}`)},
		{wireRequest(10, `{"name":"invite","invitees":[{"type":"carrier-pigeon"}]}`), wireResponse(10, "result", `{"error":{}}`)},
		{wireRequest(11, `{"name":"get-livestream-url"}`), wireResponse(11, "result", `{}`)},
		{wireRequest(12, `{"name":"get-content-sharing-participants"}`), wireResponse(12, "result", `{"sharingParticipantIds":[]}`)},
	} {
		assert.Equal(t, []string{c.response}, p.exchange(c.request), c.request)
	}

	// Without deploymentInfo in config the real iframe calls back with
	// undefined: a response with neither result nor error (the parent library
	// rejects it with "Unexpected response format!").
	p = openStubParent(t, p.b, base, iframeURL("standup", ""))
	p.waitJoined()
	assert.Equal(t, []string{wireEmptyResponse(1)}, p.exchange(wireRequest(1, `{"name":"deployment-info"}`)))
	// Unknown requests, devices ones too, are answered as the real iframe's
	// callback({ error: new Error('UnknownRequestError') }): an Error serialises to {}.
	assert.Equal(t, []string{wireResponse(2, "result", `{"error":{}}`), wireResponse(3, "result", `{"error":{}}`)},
		p.exchange(wireRequest(2, `{"name":"no-such-request"}`), wireRequest(3, `{"type":"devices","name":"nope"}`)))
	// Newer requests and fields of the real iframe.
	assert.Equal(t, []string{wireResponse(4, "result", "true")},
		p.exchange(wireRequest(4, `{"name":"_new_electron_screensharing_supported"}`)))
}

func TestWireCommandsEmitTheirEvents(t *testing.T) {
	base := startConferenceServer(t, sandbox.Config{})
	p := openStubParent(t, newBrowser(t), base, iframeURL("standup", "", [2]string{"userInfo.displayName", `"Alice"`}))
	p.waitJoined()
	s := p.snapshot()
	mainID, mainJID := s.mainRoom()
	r := strings.NewReplacer("{me}", s.LocalID, "{session}", s.SessionID, "{main}", mainID, "{mainjid}", mainJID)

	cases := []struct {
		command, args string
		events        []string
	}{
		{"display-name", `["Alice B."]`, []string{`{"name":"display-name-change","id":"{me}","displayname":"Alice B.","formattedDisplayName":"Alice B. (me)"}`}},
		{"email", `["ab@example.com"]`, []string{`{"name":"email-change","id":"{me}","email":"ab@example.com"}`}},
		{"avatar-url", `["data:image/png;base64,AAAA"]`, []string{`{"name":"avatar-changed","id":"{me}","avatarURL":"data:image/png;base64,AAAA"}`}},
		// jitsi-meet's media and track listeners follow the local mute
		// status with participantMuted for the local participant.
		{"toggle-audio", `[]`, []string{`{"name":"audio-mute-status-changed","muted":true}`,
			`{"name":"participant-muted","id":"{me}","isMuted":true,"mediaType":"audio"}`}},
		{"toggle-video", `[]`, []string{`{"name":"video-mute-status-changed","muted":true}`,
			`{"name":"participant-muted","id":"{me}","isMuted":true,"mediaType":"video"}`}},
		{"set-video-quality", `[360]`, []string{`{"name":"video-quality-changed","videoQuality":360}`}},
		{"toggle-tile-view", `[]`, []string{`{"name":"tile-view-changed","enabled":true}`}},
		{"set-large-video-participant", `["{me}"]`, []string{
			`{"name":"tile-view-changed","enabled":false}`, `{"name":"on-stage-participant-changed","id":"{me}"}`}},
		{"send-chat-message", `["hello"]`, []string{`{"name":"outgoing-message","message":"hello","privateMessage":false}`,
			`{"name":"chat-updated","unreadCount":0,"isOpen":false}`}},
		{"subject", `["Retro"]`, []string{`{"name":"subject-change","subject":"Retro"}`}},
		{"toggle-moderation", `[true,"video"]`, []string{`{"name":"moderation-status-changed","mediaType":"video","enabled":true}`}},
		{"start-recording", `[{"mode":"file"}]`, []string{`{"name":"recording-status-changed","on":true,"mode":"file","transcription":false}`}},
		{"stop-recording", `["file"]`, []string{`{"name":"recording-status-changed","on":false,"mode":"file","transcription":false}`,
			`{"name":"recording-link-available","link":"https://recordings.sandbox.invalid/standup/{session}-1.mp4","ttl":86400000}`}},
		{"start-recording", `[{"mode":"stream","youtubeStreamKey":"k","youtubeBroadcastID":"b1","transcription":true}]`, []string{
			`{"name":"recording-status-changed","on":true,"mode":"stream","transcription":true}`, `{"name":"transcribing-status-changed","on":true}`}},
		{"toggle-share-screen", `[]`, []string{`{"name":"screen-sharing-status-changed","on":true,"details":{"sourceType":"screen"}}`,
			`{"name":"content-sharing-participants-changed","data":["{me}"]}`}},
		{"toggle-share-screen", `[{"enable":false}]`, []string{`{"name":"screen-sharing-status-changed","on":false,"details":{}}`,
			`{"name":"content-sharing-participants-changed","data":[]}`}},
		{"toggle-participants-pane", `[true]`, []string{`{"name":"participants-pane-toggled","open":true}`}},
		{"toggle-film-strip", `[]`, []string{`{"name":"filmstrip-display-changed","visible":false}`}},
		// set-audio-only and its newer name set-low-bandwidth-mode (jitsi-meet
		// after July 2026) set one mode and both emit both events.
		{"set-audio-only", `[true]`, []string{`{"name":"audio-only-changed","enabled":true}`,
			`{"name":"low-bandwidth-mode-changed","enabled":true}`}},
		{"set-low-bandwidth-mode", `[false]`, []string{`{"name":"audio-only-changed","enabled":false}`,
			`{"name":"low-bandwidth-mode-changed","enabled":false}`}},
		{"toggle-chat", `[]`, []string{`{"name":"chat-updated","unreadCount":0,"isOpen":true}`}},
		{"show-notification", `[{"title":"Hi","description":"there","uid":"n1","timeout":"sticky"}]`, []string{
			`{"name":"notification-triggered","title":"Hi","description":"there"}`}},
		{"start-share-video", `["https://example.com/v.mp4"]`, []string{
			`{"name":"audio-or-video-sharing-toggled","mediaType":"video","value":"playing","participantId":"{me}"}`}},
		{"toggle-whiteboard", `[]`, []string{`{"name":"whiteboard-status-changed","status":"INSTANTIATED"}`,
			`{"name":"whiteboard-status-changed","status":"SHOWN"}`}},
		{"submit-feedback", `[{"score":4,"message":"fine"}]`, []string{`{"name":"feedback-submitted"}`}},
		// Commands with no event in Jitsi, an unknown one and the dead entry.
		{"set-follow-me", `[true]`, nil},
		{"no-such-command", `[]`, nil},
		{"toggle-noise-suppression", `[]`, nil},
	}
	for _, c := range cases {
		want := make([]string, len(c.events))
		for i, e := range c.events {
			want[i] = wireEvent(r.Replace(e))
		}
		got := p.exchange(wireCommand(c.command, r.Replace(c.args)))
		if len(want) == 0 {
			assert.Empty(t, got, c.command)
		} else {
			assert.Equal(t, want, got, "%s %s", c.command, c.args)
		}
	}

	// The breakout rooms payload, exactly.
	got := p.exchange(wireCommand("add-breakout-room", `["Room A"]`))
	s = p.snapshot()
	roomID, roomJID := s.breakoutRoom("Room A")
	r = strings.NewReplacer("{me}", s.LocalID, "{main}", mainID, "{mainjid}", mainJID, "{room}", roomID, "{roomjid}", roomJID)
	assert.Equal(t, mainJID, "standup@conference.127.0.0.1")
	assert.Equal(t, []string{wireEvent(r.Replace(`{"name":"breakout-rooms-updated","rooms":{` +
		`"{main}":{"id":"{main}","jid":"{mainjid}","name":"standup","isMainRoom":true,"participants":{"{mainjid}/{me}":{"displayName":"Alice B.","jid":"{mainjid}/{me}","role":"moderator"}}},` +
		`"{room}":{"id":"{room}","jid":"{roomjid}","name":"Room A","isMainRoom":false,"participants":{}}}}`))}, got)
	assert.Equal(t, roomID+"@breakout.127.0.0.1", roomJID)

	got = p.exchange(wireCommand("join-breakout-room", r.Replace(`["{room}"]`)))
	assert.Equal(t, []string{
		wireEvent(`{"name":"video-conference-left","roomName":"standup"}`),
		wireEvent(r.Replace(`{"name":"video-conference-joined","roomName":"{room}","id":"{me}","displayName":"Alice B.","formattedDisplayName":"Alice B. (me)","avatarURL":"data:image/png;base64,AAAA","breakoutRoom":true,"email":"ab@example.com","visitor":false}`)),
		wireEvent(r.Replace(`{"name":"breakout-rooms-updated","rooms":{` +
			`"{main}":{"id":"{main}","jid":"{mainjid}","name":"standup","isMainRoom":true,"participants":{}},` +
			`"{room}":{"id":"{room}","jid":"{roomjid}","name":"Room A","isMainRoom":false,"participants":{"{roomjid}/{me}":{"displayName":"Alice B.","jid":"{roomjid}/{me}","role":"moderator"}}}}}`)),
	}, got)

	got = p.exchange(wireCommand("video-hangup", `[]`))
	assert.Equal(t, []string{
		wireEvent(r.Replace(`{"name":"video-conference-left","roomName":"{room}"}`)),
		wireEvent(`{"name":"video-ready-to-close"}`),
	}, got)
	assert.Empty(t, p.exchange(wireCommand("toggle-audio", `[]`)), "nothing happens after the hangup")
}

func TestWireIgnoresForeignMessages(t *testing.T) {
	base := startConferenceServer(t, sandbox.Config{})
	p := openStubParent(t, newBrowser(t), base, iframeURL("standup", ""))
	p.waitJoined()
	from := p.mark()
	// Another scope, not JSON, no postis flag, an object instead of a
	// string, and a sibling frame (not window.parent) with a good message.
	p.send(
		strings.Replace(wireCommand("toggle-audio", `[]`), wireScope, "jitsi_meet_external_api_1", 1),
		`not json`,
		`{"scope":"`+wireScope+`","method":"message","params":{"type":"event","data":{"name":"toggle-audio","data":[]}}}`,
	)
	p.eval(fmt.Sprintf(`(() => {
		const target = document.getElementById('jitsiConferenceFrame0').contentWindow;
		target.postMessage(JSON.parse(%[1]s), '*');
		const sibling = document.createElement('iframe');
		document.body.append(sibling);
		sibling.contentWindow.eval('parent.document.getElementById("jitsiConferenceFrame0").contentWindow.postMessage(' + JSON.stringify(%[1]s) + ', "*")');
		return true;
	})()`, jsString(wireCommand("toggle-audio", `[]`))), nil)
	assert.Empty(t, withoutReady(p.fence(from)))
	var muted bool
	p.eval(`stub.snapshot().participants[stub.snapshot().localId].audioMuted`, &muted)
	assert.False(t, muted)
}

func TestURLHashIsParsedAndDangerousKeysDropped(t *testing.T) {
	base := startConferenceServer(t, sandbox.Config{})
	p := openStubParent(t, newBrowser(t), base, iframeURL("standup", "",
		[2]string{"config.p2p.enabled", `false`},
		[2]string{"config.toolbarButtons", `["microphone","hangup"]`},
		[2]string{"config.__proto__.polluted", `true`},
		[2]string{"config.constructor", `{"prototype":{"polluted":true}}`},
		[2]string{"interfaceConfig.DEFAULT_LOCAL_DISPLAY_NAME", `"moi"`},
		[2]string{"userInfo.displayName", `"Zoë & Co"`},
		[2]string{"config.nested", `{"__proto__":{"polluted":true},"ok":1}`},
	))
	p.waitJoined()
	s := p.snapshot()
	assert.Equal(t, map[string]any{"p2p": map[string]any{"enabled": false}, "toolbarButtons": []any{"microphone", "hangup"},
		"nested": map[string]any{"ok": float64(1)}}, s.Config)
	assert.Equal(t, "moi", s.InterfaceConfig["DEFAULT_LOCAL_DISPLAY_NAME"])
	assert.Equal(t, []string{"config.__proto__.polluted", "config.constructor"}, s.URL.Dropped)
	assert.Equal(t, "Zoë & Co", s.Participants[s.LocalID].Name)
	var polluted bool
	p.eval(`'polluted' in stub.frameDocument().defaultView.Object.prototype`, &polluted)
	assert.False(t, polluted)
	p.rendered()
	var keys []string
	p.eval(`Array.from(stub.frameDocument().querySelectorAll('#toolbar button')).map(b => b.dataset.key)`, &keys)
	assert.Equal(t, []string{"microphone", "hangup"}, keys, "config.toolbarButtons picks the buttons")
	var name string
	p.eval(`stub.frameDocument().querySelector('.tile.large .name').textContent`, &name)
	assert.Equal(t, "Zoë & Co (moi)", name)
}

func TestToolbarAndNotificationActionsEmitTheirEvents(t *testing.T) {
	base := startConferenceServer(t, sandbox.Config{})
	p := openStubParent(t, newBrowser(t), base, iframeURL("standup", "",
		[2]string{"config.buttonsWithNotifyClick", `[{"key":"chat","preventExecution":true}]`}))
	p.waitJoined()
	click := func(selector string) []string {
		// The page redraws once per frame: wait for what to click.
		p.until(fmt.Sprintf(`!!stub.frameDocument().querySelector(%s)`, jsString(selector)))
		from := p.mark()
		p.eval(fmt.Sprintf(`stub.frameDocument().querySelector(%s).click(), true`, jsString(selector)), nil)
		return p.fence(from)
	}
	assert.Equal(t, []string{
		wireEvent(`{"name":"toolbar-button-clicked","key":"microphone","preventExecution":false}`),
		wireEvent(`{"name":"audio-mute-status-changed","muted":true}`),
		wireEvent(`{"name":"participant-muted","id":"` + p.snapshot().LocalID + `","isMuted":true,"mediaType":"audio"}`),
	}, click(`#toolbar [data-key="microphone"]`))
	assert.Equal(t, []string{
		wireEvent(`{"name":"toolbar-button-clicked","key":"chat","preventExecution":true}`),
	}, click(`#toolbar [data-key="chat"]`), "preventExecution leaves the chat closed")
	s := p.snapshot()
	assert.Equal(t, []string{
		wireEvent(`{"name":"toolbar-button-clicked","key":"raisehand","preventExecution":false}`),
	}, click(`#toolbar [data-key="raisehand"]`)[:1])
	assert.NotZero(t, p.snapshot().Participants[s.LocalID].HandRaised)

	p.exchange(wireCommand("show-notification", `[{"title":"Poll","description":"Lunch?","uid":"poll","timeout":"sticky","customActions":[{"label":"Yes","uuid":"yes-1"},{"label":"No","uuid":"no-1"}]}]`))
	assert.Equal(t, []string{
		wireEvent(`{"name":"custom-notification-action-triggered","data":{"id":"no-1"}}`),
	}, click(`#toasts [data-action="no-1"]`))
	// The notification closes after its action (at the next redraw).
	p.until(`stub.frameDocument().querySelectorAll('#toasts .toast').length === 0`)
}
