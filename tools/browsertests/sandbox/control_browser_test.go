package sandbox_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/sandbox"
)

// controlled opens a conference with the control on and waits until its
// event stream is connected.
func controlled(t *testing.T, room string) (*stubParent, string) {
	t.Helper()
	base := startConferenceServer(t, sandbox.Config{ControlToken: testControlToken})
	p := openStubParent(t, newBrowser(t), base, iframeURL(room, "", [2]string{"userInfo.displayName", `"Alice"`}))
	p.waitJoined()
	p.until(`stub.snapshot().control.connected`)
	return p, base
}

// act posts a control action and returns what the page sent while playing
// it. The page plays actions in order, and a fence request sent after the
// page has the action is answered after it.
func (p *stubParent) act(base, room, body string) []string {
	p.t.Helper()
	from := p.mark()
	before := p.controlReceived()
	code, reply := postControl(p.t, base, room, body)
	require.Equal(p.t, http.StatusOK, code, reply)
	require.Contains(p.t, reply, `"delivered":1`)
	p.until(`stub.snapshot().control.received > ` + before)
	return withoutReady(p.fence(from))
}

// controlReceived returns how many actions the page has played, as JS.
func (p *stubParent) controlReceived() string {
	p.t.Helper()
	var n int
	p.eval(`stub.snapshot().control.received`, &n)
	return strconv.Itoa(n)
}

func TestControlActionsReachThePage(t *testing.T) {
	p, base := controlled(t, "standup")
	me := p.snapshot().LocalID
	r := strings.NewReplacer("{me}", me)
	act := func(body string) []string { return p.act(base, "standup", body) }

	assert.Equal(t, []string{
		wireEvent(`{"name":"participant-joined","id":"b0b","displayName":"Bob","formattedDisplayName":"Bob"}`),
		wireEvent(`{"name":"on-stage-participant-changed","id":"b0b"}`),
	}, act(`{"action":"join","id":"b0b","name":"Bob","email":"bob@example.com"}`))
	assert.Equal(t, []string{wireEvent(`{"name":"participant-joined","id":"ca4","displayName":"Carol","formattedDisplayName":"Carol"}`)},
		act(`{"action":"join","id":"ca4","name":"Carol"}`))

	assert.Equal(t, []string{wireEvent(`{"name":"knocking-participant","participant":{"id":"e4e","name":"Eve"}}`)},
		act(`{"action":"knock","id":"e4e","name":"Eve"}`))
	assert.Equal(t, []string{
		wireEvent(`{"name":"dominant-speaker-changed","id":"ca4"}`),
		wireEvent(`{"name":"on-stage-participant-changed","id":"ca4"}`),
	}, act(`{"action":"speak","id":"ca4"}`))

	got := act(`{"action":"message","from":"b0b","text":"hi <all>","private":true}`)
	require.Len(t, got, 2)
	var msg struct {
		Params struct {
			Data map[string]any
		}
	}
	require.NoError(t, json.Unmarshal([]byte(got[0]), &msg))
	assert.Regexp(t, `^\{"postis":true,"scope":"jitsi_meet_external_api_0","method":"message","params":\{"type":"event","data":\{"name":"incoming-message","from":"b0b","message":"hi <all>","nick":"Bob","privateMessage":true,"stamp":"[^"]+","messageId":"[0-9a-f-]{36}"\}\}\}$`, got[0])
	assert.Equal(t, wireEvent(`{"name":"chat-updated","unreadCount":1,"isOpen":false}`), got[1])

	assert.Equal(t, []string{wireEvent(`{"name":"endpoint-text-message-received","data":{"senderInfo":{"jid":"standup@conference.127.0.0.1/b0b","id":"b0b"},"eventData":{"name":"endpoint-text-message","text":"ping"}}}`)},
		act(`{"action":"endpointMessage","from":"b0b","text":"ping"}`))
	assert.Equal(t, []string{wireEvent(`{"name":"participant-muted","id":"b0b","isMuted":true,"mediaType":"audio"}`)},
		act(`{"action":"mute","id":"b0b","mediaType":"audio","muted":true}`))
	assert.Equal(t, []string{wireEvent(r.Replace(`{"name":"video-mute-status-changed","muted":true}`)),
		wireEvent(r.Replace(`{"name":"participant-muted","id":"{me}","isMuted":true,"mediaType":"video"}`))},
		act(`{"action":"mute","id":"`+me+`","mediaType":"video","muted":true}`))
	assert.Equal(t, []string{wireEvent(`{"name":"display-name-change","id":"b0b","displayname":"Robert","formattedDisplayName":"Robert"}`)},
		act(`{"action":"rename","id":"b0b","name":"Robert"}`))
	got = act(`{"action":"raiseHand","id":"ca4"}`)
	require.Len(t, got, 1)
	assert.Regexp(t, `"data":\{"name":"raise-hand-updated","id":"ca4","handRaised":[1-9][0-9]{12}\}`, got[0])
	assert.Equal(t, []string{wireEvent(`{"name":"raise-hand-updated","id":"ca4","handRaised":0}`)}, act(`{"action":"lowerHand","id":"ca4"}`))
	assert.Equal(t, []string{wireEvent(`{"name":"recording-link-available","link":"https://example.com/rec.mp4","ttl":3600}`)},
		act(`{"action":"recordingLink","link":"https://example.com/rec.mp4","ttl":3600}`))
	assert.Equal(t, []string{wireEvent(`{"name":"camera-error","type":"gum.permission_denied","message":"denied"}`)},
		act(`{"action":"fail","type":"gum.permission_denied","message":"denied"}`))
	assert.Equal(t, []string{wireEvent(`{"name":"mic-error","type":"gum.not_found","message":"no mic"}`)},
		act(`{"action":"fail","type":"gum.not_found","message":"no mic","mediaType":"audio"}`))

	// The moderator admits the knocker.
	assert.Equal(t, []string{wireEvent(`{"name":"participant-joined","id":"e4e","displayName":"Eve","formattedDisplayName":"Eve"}`)},
		p.exchange(wireCommand("answer-knocking-participant", `["e4e",true]`)))

	assert.Equal(t, []string{
		wireEvent(`{"name":"participant-left","id":"ca4"}`),
		wireEvent(`{"name":"on-stage-participant-changed","id":"b0b"}`),
	}, act(`{"action":"leave","id":"ca4"}`))
	s := p.snapshot()
	assert.ElementsMatch(t, []string{me, "b0b", "e4e"}, keysOf(s.Participants))
	assert.Equal(t, "Robert", s.Participants["b0b"].Name)
	assert.True(t, s.Participants["b0b"].AudioMuted)

	// Actions for a room nobody has open reach nobody.
	code, reply := postControl(t, base, "elsewhere", `{"action":"join","name":"Zed"}`)
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, reply, `"delivered":0`)
}

func keysOf[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

func TestControlBurstEmitsCountDominantSpeakerEvents(t *testing.T) {
	p, base := controlled(t, "standup")
	p.act(base, "standup", `{"action":"join","id":"b0b","name":"Bob"}`)
	p.act(base, "standup", `{"action":"join","id":"ca4","name":"Carol"}`)
	const n = 5000
	got := p.act(base, "standup", `{"action":"burst","count":5000}`)
	names := eventNames(got)
	require.Len(t, names, n+1, "the burst, then the final large-video change")
	for i := range n {
		want := []string{"b0b", "ca4"}[i%2]
		if !assert.Equal(t, wireEvent(`{"name":"dominant-speaker-changed","id":"`+want+`"}`), got[i], i) {
			break
		}
	}
	assert.Equal(t, wireEvent(`{"name":"on-stage-participant-changed","id":"ca4"}`), got[n])
}

func TestControlOfATenantRoom(t *testing.T) {
	p, base := controlled(t, "vpaas-magic-cookie-x/standup")
	assert.Equal(t, []string{
		wireEvent(`{"name":"participant-joined","id":"b0b","displayName":"Bob","formattedDisplayName":"Bob"}`),
		wireEvent(`{"name":"on-stage-participant-changed","id":"b0b"}`),
	}, p.act(base, "vpaas-magic-cookie-x/standup", `{"action":"join","id":"b0b","name":"Bob"}`))
	code, reply := postControl(t, base, "standup", `{"action":"join","name":"Zed"}`)
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, reply, `"delivered":0`, "the room without the tenant is another room")
}

func TestStandalonePageFollowsTheControl(t *testing.T) {
	base := startConferenceServer(t, sandbox.Config{ControlToken: testControlToken})
	b := newBrowser(t)
	ctx, cancel := context.WithTimeout(b.Ctx, 30*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Run(ctx, chromedp.Navigate(base+"/standup")))
	eval := func(expr string, out any) {
		t.Helper()
		require.NoError(t, chromedp.Run(ctx, chromedp.Evaluate(expr, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		})))
	}
	// Without a parent the External API is off, but the meeting runs.
	until := func(cond string) {
		t.Helper()
		eval(`new Promise((resolve) => { const tick = () => (`+cond+`) ? resolve(true) : setTimeout(tick, 20); tick(); })`, nil)
	}
	until(`window.meetbridgeSandbox && meetbridgeSandbox.snapshot().joined && meetbridgeSandbox.snapshot().control.connected`)
	code, reply := postControl(t, base, "standup", `{"action":"join","id":"b0b","name":"Bob"}`)
	require.Equal(t, http.StatusOK, code, reply)
	assert.Contains(t, reply, `"delivered":1`)
	until(`meetbridgeSandbox.snapshot().participants.b0b`)
	var api struct{ Enabled bool }
	eval(`meetbridgeSandbox.snapshot().api`, &api)
	assert.False(t, api.Enabled)
	var names []string
	eval(`meetbridgeSandbox.rendered().then(() => Array.from(document.querySelectorAll('#filmstrip .tile .name')).map(e => e.textContent))`, &names)
	assert.Equal(t, []string{"me", "Bob"}, names, "an unnamed local participant shows as \"me\"")
	var frozen bool
	eval(`(() => { try { meetbridgeSandbox.snapshot = null; } catch (e) {} return Object.isFrozen(meetbridgeSandbox) && typeof meetbridgeSandbox.snapshot === 'function'; })()`, &frozen)
	assert.True(t, frozen, "the snapshot API is read-only")
	var logs []struct {
		Level string
		Args  []string
	}
	eval(`meetbridgeSandbox.snapshot().logs`, &logs)
	for _, l := range logs {
		assert.NotEqual(t, "error", l.Level, "%v", l.Args)
	}
	for _, line := range b.Console() {
		assert.NotContains(t, line, "exception", "no uncaught exception")
	}
}
