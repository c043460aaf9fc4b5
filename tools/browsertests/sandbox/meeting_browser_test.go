package sandbox_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/sandbox"
)

// meetingIdentities are the jwts of the shared-meeting tests: a moderator
// and two guests.
var meetingIdentities = map[string]sandbox.Identity{
	"ada": {Name: "Ada", Moderator: true},
	"bob": {Name: "Bob"},
	"cy":  {Name: "Cy"},
}

// startMeetingServer serves the sandbox with the control on and the
// identities above.
func startMeetingServer(t *testing.T) string {
	t.Helper()
	return startConferenceServer(t, sandbox.Config{ControlToken: testControlToken, Verify: verifyMeetingIdentity})
}

// verifyMeetingIdentity is the Verify of the shared-meeting tests.
func verifyMeetingIdentity(jwt string) (sandbox.Identity, error) {
	id, ok := meetingIdentities[jwt]
	if !ok {
		return sandbox.Identity{}, errors.New("unknown test token")
	}
	return id, nil
}

// openTab opens the conference of room as jwt in a new tab of b and waits
// until it has joined the shared meeting.
func openTab(t *testing.T, b *stubParent, base, room, jwt string) *stubParent {
	t.Helper()
	p := loadTab(t, b, base, room, jwt)
	p.waitJoined()
	p.until(`stub.snapshot().meeting.joined`)
	return p
}

// loadTab opens the conference of room as jwt in a new tab of b, without
// waiting for anything but the stub.
func loadTab(t *testing.T, b *stubParent, base, room, jwt string) *stubParent {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.b.Ctx)
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Run(ctx)) // the tab lives as long as ctx
	p := &stubParent{t: t, b: b.b, ctx: ctx}
	nav, cancelNav := context.WithTimeout(ctx, 30*time.Second)
	defer cancelNav()
	require.NoError(t, chromedp.Run(nav, chromedp.Navigate(base+stubParentPath)))
	p.eval(fmt.Sprintf(`stub.open(%s, 0)`, jsString(iframeURL(room, "jwt="+jwt))), nil)
	return p
}

// waitRaw waits for a message from index from that contains every part,
// and returns it.
func (p *stubParent) waitRaw(from int, parts ...string) string {
	p.t.Helper()
	conds := make([]string, len(parts))
	for i, part := range parts {
		conds[i] = fmt.Sprintf("raw.includes(%s)", jsString(part))
	}
	var got []string
	p.eval(fmt.Sprintf(`stub.waitFor((raw) => %s, %d, 1)`, strings.Join(conds, " && "), from), &got)
	return got[0]
}

// do sends a command and returns the mark before it.
func (p *stubParent) do(name, args string) int {
	p.t.Helper()
	from := p.mark()
	p.send(wireCommand(name, args))
	return from
}

func TestPagesOfARoomShareOneMeeting(t *testing.T) {
	base := startMeetingServer(t)
	first := openStubParent(t, newBrowser(t), base, iframeURL("shared", "jwt=ada"))
	first.waitJoined()
	first.until(`stub.snapshot().meeting.joined`)
	ada := first
	adaID := ada.snapshot().LocalID
	adaMark := ada.mark()
	bob := openTab(t, ada, base, "shared", "bob")
	bobID := bob.snapshot().LocalID
	require.NotEqual(t, adaID, bobID)

	// Each sees the other join, with the role the jwt gave.
	ada.waitRaw(adaMark, `"name":"participant-joined","id":"`+bobID+`","displayName":"Bob"`)
	bob.waitRaw(0, `"name":"participant-joined","id":"`+adaID+`","displayName":"Ada"`)
	bob.waitRaw(0, `"name":"participant-role-changed","id":"`+adaID+`","role":"moderator"`)
	assert.Equal(t, "participant", bob.snapshot().Participants[bobID].Role)

	// The moderator mutes Bob: Bob's own page mutes him.
	from := bob.mark()
	ada.do("mute-remote-participant", `["`+bobID+`","audio"]`)
	bob.waitRaw(from, `"name":"audio-mute-status-changed","muted":true`)
	assert.True(t, bob.snapshot().Participants[bobID].AudioMuted)

	// Bob raises his hand and unmutes: Ada sees both, and hears him.
	from = ada.mark()
	bob.do("toggle-raise-hand", `[]`)
	bob.do("toggle-audio", `[]`)
	ada.waitRaw(from, `"name":"raise-hand-updated","id":"`+bobID+`","handRaised":`)
	ada.waitRaw(from, `"name":"participant-muted","id":"`+bobID+`","isMuted":false,"mediaType":"audio"`)
	ada.waitRaw(from, `"name":"dominant-speaker-changed","id":"`+bobID+`"`)

	// Audio moderation: on for Bob's page too; mute everyone holds him;
	// asking him to unmute approves him.
	from = bob.mark()
	ada.do("toggle-moderation", `[true,"audio"]`)
	ada.do("mute-everyone", `["audio"]`)
	bob.waitRaw(from, `"name":"moderation-status-changed","mediaType":"audio","enabled":true`)
	bob.waitRaw(from, `"name":"audio-mute-status-changed","muted":true`)
	bob.do("toggle-audio", `[]`)
	bob.fence(from)
	assert.True(t, bob.snapshot().Participants[bobID].AudioMuted, "moderation holds Bob muted")
	from = bob.mark()
	ada.do("ask-to-unmute", `["`+bobID+`"]`)
	bob.waitRaw(from, `"name":"moderation-participant-approved","id":"`+bobID+`","mediaType":"audio"`)
	bob.do("toggle-audio", `[]`)
	bob.waitRaw(from, `"name":"audio-mute-status-changed","muted":false`)

	// Breakout rooms: Bob is sent to R1 and comes back when it is removed.
	from = bob.mark()
	ada.do("add-breakout-room", `["R1"]`)
	bob.waitRaw(from, `"name":"breakout-rooms-updated"`, `"name":"R1"`)
	r1, _ := bob.snapshot().breakoutRoom("R1")
	require.NotEmpty(t, r1)
	ada.do("send-participant-to-room", `["`+bobID+`","`+r1+`"]`)
	bob.waitRaw(from, `"name":"video-conference-joined","roomName":"`+r1+`"`, `"breakoutRoom":true`)
	ada.do("remove-breakout-room", `["`+r1+`"]`)
	bob.waitRaw(from, `"name":"video-conference-joined","roomName":"shared"`, `"breakoutRoom":false`)

	// A private message, then moderator rights.
	from = bob.mark()
	ada.do("send-chat-message", `["psst","`+bobID+`"]`)
	bob.waitRaw(from, `"name":"incoming-message","from":"`+adaID+`","message":"psst","nick":"Ada","privateMessage":true`)
	ada.do("grant-moderator", `["`+bobID+`"]`)
	bob.waitRaw(from, `"name":"participant-role-changed","id":"`+bobID+`","role":"moderator"`)

	// A third page joins late and finds everyone; the moderator kicks it.
	cy := openTab(t, ada, base, "shared", "cy")
	cyID := cy.snapshot().LocalID
	cySnap := cy.snapshot()
	assert.Equal(t, "moderator", cySnap.Participants[bobID].Role, "the late page learns Bob's role")
	assert.Equal(t, "Ada", cySnap.Participants[adaID].Name)
	from = cy.mark()
	bobFrom := bob.mark()
	ada.do("kick-participant", `["`+cyID+`"]`)
	cy.waitRaw(from, `"name":"participant-kicked-out","kicked":{"id":"`+cyID+`","name":"Cy","local":true},"kicker":{"id":"`+adaID+`","name":"Ada"}`)
	cy.waitRaw(from, `"name":"video-ready-to-close"`)
	bob.waitRaw(bobFrom, `"name":"participant-kicked-out","kicked":{"id":"`+cyID+`","name":"Cy","local":false}`)
	bob.waitRaw(bobFrom, `"name":"participant-left","id":"`+cyID+`"`)

	// The moderator ends the meeting for everyone.
	from = bob.mark()
	ada.do("end-conference", `[]`)
	bob.waitRaw(from, `"name":"video-conference-left","roomName":"shared"`)
	bob.waitRaw(from, `"name":"video-ready-to-close"`)
	var ended string
	bob.eval(`stub.snapshot().ended`, &ended)
	assert.Equal(t, "ended", ended)
}

func TestControlPlayedParticipantsAreInTheSharedMeeting(t *testing.T) {
	base := startMeetingServer(t)
	ada := openStubParent(t, newBrowser(t), base, iframeURL("mixed", "jwt=ada"))
	ada.waitJoined()
	ada.until(`stub.snapshot().meeting.joined`)
	code, reply := postControl(t, base, "mixed", `{"action":"join","id":"d4n","name":"Dan"}`)
	require.Equal(t, 200, code, reply)
	ada.until(`!!stub.snapshot().participants.d4n`)
	ada.do("grant-moderator", `["d4n"]`)
	ada.do("mute-remote-participant", `["d4n","audio"]`)
	ada.fence(0)

	// A page that opens later sees Dan as he is now.
	bob := openTab(t, ada, base, "mixed", "bob")
	bob.until(`!!stub.snapshot().participants.d4n`)
	dan := bob.snapshot().Participants["d4n"]
	assert.Equal(t, "moderator", dan.Role)
	assert.True(t, dan.AudioMuted)
	bob.waitRaw(0, `"name":"participant-muted","id":"d4n","isMuted":true,"mediaType":"audio"`)
}

func TestAGuestPageKnocksOnTheLobbyAndJoinsOnceAdmitted(t *testing.T) {
	base := startMeetingServer(t)
	ada := openStubParent(t, newBrowser(t), base, iframeURL("lobby", "jwt=ada"))
	ada.waitJoined()
	ada.until(`stub.snapshot().meeting.joined`)
	var sent int
	ada.eval(`stub.snapshot().meeting.sent`, &sent)
	ada.do("toggle-lobby", `[true]`)
	// The server has the lobby on once it answered Ada's op.
	ada.until(fmt.Sprintf(`stub.snapshot().meeting.sent > %d`, sent))

	from := ada.mark()
	bob := loadTab(t, ada, base, "lobby", "bob")
	bob.until(`stub.snapshot().lobbyWait === 'knocking'`)
	bobID := bob.snapshot().LocalID
	ada.waitRaw(from, `"name":"knocking-participant","participant":{"id":"`+bobID+`","name":"Bob"}`)
	assert.False(t, bob.snapshot().Joined, "a knocking page has not joined")
	bob.until(`stub.frameDocument().querySelector('.card.lobby-wait') !== null`)

	ada.do("answer-knocking-participant", `["`+bobID+`",true]`)
	bob.waitJoined()
	bob.until(`stub.snapshot().meeting.joined`)
	bob.waitRaw(0, `"name":"participant-joined","id":"`+ada.snapshot().LocalID+`"`)
	ada.waitRaw(from, `"name":"participant-joined","id":"`+bobID+`"`)
	joins := 0
	for _, raw := range ada.fence(from) {
		if strings.Contains(raw, `"name":"participant-joined","id":"`+bobID+`"`) {
			joins++
		}
	}
	assert.Equal(t, 1, joins, "Ada sees Bob join once")

	// Cy is turned away.
	cy := loadTab(t, ada, base, "lobby", "cy")
	cy.until(`stub.snapshot().lobbyWait === 'knocking'`)
	ada.until(`stub.snapshot().lobby.knocking.length === 1`)
	ada.do("answer-knocking-participant", `["`+cy.snapshot().LocalID+`",false]`)
	cy.until(`stub.snapshot().lobbyWait === 'denied'`)
	assert.False(t, cy.snapshot().Joined)
}

func TestALockedMeetingAsksAGuestPageForThePassword(t *testing.T) {
	base := startMeetingServer(t)
	ada := openStubParent(t, newBrowser(t), base, iframeURL("locked", "jwt=ada"))
	ada.waitJoined()
	ada.until(`stub.snapshot().meeting.joined`)
	cy := openTab(t, ada, base, "locked", "cy")
	var sent int
	ada.eval(`stub.snapshot().meeting.sent`, &sent)
	ada.do("password", `["s3cret"]`)
	// The server has the meeting locked once it answered Ada's op, and the
	// page already in it hears that it is locked (not the password).
	ada.until(fmt.Sprintf(`stub.snapshot().meeting.sent > %d`, sent))
	cy.until(`stub.snapshot().locked === true`)
	assert.Empty(t, cy.snapshot().Password, "the other pages do not learn the password")

	bob := loadTab(t, ada, base, "locked", "bob")
	bob.waitRaw(0, `"name":"password-required"`)
	bob.until(`stub.frameDocument().querySelector('.card.password-wait') !== null`)
	assert.False(t, bob.snapshot().Joined, "a page asked for the password has not joined")

	// A wrong password, typed in the page's dialog, is asked for again;
	// the right one, sent by the parent, joins.
	from := bob.mark()
	bob.eval(`(() => { const f = stub.frameDocument().querySelector('.password-form'); f.querySelector('input').value = 'guess'; f.requestSubmit(); return true; })()`, nil)
	bob.waitRaw(from, `"name":"password-required"`)
	assert.False(t, bob.snapshot().Joined)
	from = ada.mark()
	bob.do("password", `["s3cret"]`)
	bob.waitJoined()
	bob.until(`stub.snapshot().meeting.joined`)
	bob.waitRaw(0, `"name":"participant-joined","id":"`+ada.snapshot().LocalID+`"`)
	ada.waitRaw(from, `"name":"participant-joined","id":"`+bob.snapshot().LocalID+`"`)

	// Unlocked, the meeting lets a new page in at once.
	ada.do("password", `[""]`)
	cy.until(`stub.snapshot().locked === false`)
	openTab(t, ada, base, "locked", "cy")
}
