package sandbox

import (
	"bufio"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// meetingIdentities are the jwts of the shared-meeting tests: a moderator
// and two guests.
var meetingIdentities = map[string]Identity{
	"ada": {Name: "Ada", Moderator: true},
	"bob": {Name: "Bob"},
	"cy":  {Name: "Cy"},
}

// startMeetingServer serves the sandbox with the control on and the
// identities above.
func startMeetingServer(t *testing.T) string {
	t.Helper()
	return startConferenceServer(t, Config{ControlToken: testControlToken, Verify: verifyMeetingIdentity})
}

// verifyMeetingIdentity is the Verify of the shared-meeting tests.
func verifyMeetingIdentity(jwt string) (Identity, error) {
	id, ok := meetingIdentities[jwt]
	if !ok {
		return Identity{}, errors.New("unknown test token")
	}
	return id, nil
}

// pageSession is a conference page's meeting credentials, read from the
// page as a browser would get them.
type pageSession struct {
	id, token string
	lines     *bufio.Scanner
}

// openPage loads the conference page of room with jwt and opens its meeting
// stream.
func openPage(t *testing.T, base, room, jwt string) *pageSession {
	t.Helper()
	_, body := fetch(t, http.MethodGet, base+"/"+room+"?jwt="+jwt, "", "")
	data := meetingDataOf(t, body)
	p := &pageSession{id: data["participantId"].(string), token: data["pageToken"].(string)}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/_sandbox/meeting/"+room+"/events?token="+url.QueryEscape(p.token), nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { res.Body.Close() })
	require.Equal(t, http.StatusOK, res.StatusCode)
	p.lines = bufio.NewScanner(res.Body)
	p.next(t, ": connected")
	return p
}

// next returns the next data line that contains want.
func (p *pageSession) next(t *testing.T, want string) string {
	t.Helper()
	for p.lines.Scan() {
		if line := p.lines.Text(); strings.Contains(line, want) {
			return line
		}
	}
	t.Fatalf("the stream ended before %q: %v", want, p.lines.Err())
	return ""
}

// post sends ops as the page and returns the status and body.
func (p *pageSession) post(t *testing.T, base, room, ops string) (int, string) {
	t.Helper()
	res, body := fetch(t, http.MethodPost, base+"/_sandbox/meeting/"+room+"/ops", "",
		`{"token":`+strconv.Quote(p.token)+`,"ops":`+ops+`}`, "Content-Type", "text/plain;charset=UTF-8")
	return res.StatusCode, body
}

func TestTheServerChecksEveryPagesOps(t *testing.T) {
	base := startMeetingServer(t)
	ada := openPage(t, base, "checks", "ada")
	bob := openPage(t, base, "checks", "bob")

	code, body := bob.post(t, base, "checks", `[{"op":"mute","id":"`+ada.id+`","mediaType":"audio","muted":true}]`)
	assert.Equal(t, http.StatusConflict, code, "ops before hello: %s", body)

	code, body = ada.post(t, base, "checks", `[{"op":"hello","name":"ignored: the jwt names Ada"}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	ada.next(t, `"op":"welcome"`)
	code, body = bob.post(t, base, "checks", `[{"op":"hello","audioMuted":true}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	assert.Contains(t, bob.next(t, `"op":"welcome"`), `"name":"Ada","role":"moderator"`)
	assert.Contains(t, ada.next(t, `"op":"join"`), `"name":"Bob","role":"participant","room":"","audioMuted":true`)

	// A guest may not do what only moderators may.
	for _, op := range []string{
		`{"op":"kick","id":"` + ada.id + `"}`,
		`{"op":"mute","id":"` + ada.id + `","mediaType":"audio","muted":true}`,
		`{"op":"role","id":"` + bob.id + `"}`,
		`{"op":"end"}`,
		`{"op":"moderation","mediaType":"audio","enabled":true}`,
	} {
		code, body = bob.post(t, base, "checks", `[`+op+`]`)
		assert.Equal(t, http.StatusForbidden, code, "%s: %s", op, body)
	}
	// Bad ops get a reason; a forged token nothing.
	for op, want := range map[string]string{
		`{"op":"warp"}`:                      `unknown op "warp"`,
		`{"op":"move","id":"nobody"}`:        `no participant "nobody"`,
		`{"op":"mute","id":"x","by":"ada"}`:  `"by" is set by the server`,
		`{"op":"speak","mediaType":"smell"}`: `"mediaType" must be "audio" or "video"`,
	} {
		code, body = bob.post(t, base, "checks", `[`+op+`]`)
		assert.Equal(t, http.StatusBadRequest, code, op)
		assert.Contains(t, body, want, op)
	}
	forged := *bob
	forged.token = strings.Replace(bob.token, ".", "x.", 1)
	code, _ = forged.post(t, base, "checks", `[{"op":"speak"}]`)
	assert.Equal(t, http.StatusForbidden, code)
	code, _ = bob.post(t, base, "other-room", `[{"op":"speak"}]`)
	assert.Equal(t, http.StatusForbidden, code, "a page token opens only its room")

	// The moderator's mute reaches Bob's stream, with who did it.
	code, body = ada.post(t, base, "checks", `[{"op":"mute","id":"`+bob.id+`","mediaType":"video","muted":true}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	assert.Contains(t, bob.next(t, `"op":"mute"`), `"by":"`+ada.id+`"`)

	// A private message goes to its recipient only: Ada's next message is
	// the chat to everyone that follows it.
	code, body = bob.post(t, base, "checks", `[{"op":"chat","text":"to ada","to":"`+ada.id+`"},{"op":"chat","text":"to all"}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	assert.Contains(t, ada.next(t, `"op":"chat"`), `"text":"to ada"`)
	assert.Contains(t, ada.next(t, `"op":"chat"`), `"text":"to all"`)
}

func TestMeetingApplyKeepsTheSharedState(t *testing.T) {
	m := newMeeting()
	ada := &member{ID: "a", Role: "moderator", Page: true}
	bob := &member{ID: "b", Role: "participant", Page: true}
	m.members = []*member{ada, bob}
	yes := true
	for _, o := range []op{
		{Op: "addRoom", RoomID: "r1", Name: "R1"},
		{Op: "role", ID: "b"},
		{Op: "mute", ID: "b", MediaType: "audio", Muted: &yes},
		{Op: "move", ID: "b", RoomID: "r1"},
		{Op: "removeRoom", RoomID: "r1"},
	} {
		_, err := m.apply(ada, &o)
		require.NoError(t, err, o.Op)
	}
	assert.Equal(t, member{ID: "b", Role: "moderator", AudioMuted: true, Page: true}, *bob, "back in the main room, a muted moderator")
	assert.Empty(t, m.rooms)

	_, err := m.apply(bob, &op{Op: "answer", ID: "k"})
	assert.ErrorContains(t, err, `nobody "k" is knocking`)
	m.played(&action{Action: "knock", ID: "k", Name: "Kim"})
	_, err = m.apply(bob, &op{Op: "answer", ID: "k", Approved: &yes})
	require.NoError(t, err, "Bob is a moderator now")
	assert.NotNil(t, m.member("k"), "an admitted knocker is a member")
	to, err := m.apply(ada, &op{Op: "askUnmute", ID: "b"})
	require.NoError(t, err)
	assert.Equal(t, []string{"b"}, to, "only the asked participant gets it")
}

func TestAPageWithoutATokenIsNoModeratorWhereTokensAreVerified(t *testing.T) {
	base := startConferenceServer(t, Config{ControlToken: testControlToken, Verify: verifyMeetingIdentity})
	ada := openPage(t, base, "tokenless", "ada")
	anon := openPage(t, base, "tokenless", "")
	for _, p := range []*pageSession{ada, anon} {
		code, body := p.post(t, base, "tokenless", `[{"op":"hello","name":"Anon"}]`)
		require.Equal(t, http.StatusNoContent, code, body)
		p.next(t, `"op":"welcome"`)
	}
	assert.Contains(t, ada.next(t, `"op":"join"`), `"name":"Anon","role":"participant"`)
	for _, op := range []string{`{"op":"kick","id":"` + ada.id + `"}`, `{"op":"end"}`} {
		code, body := anon.post(t, base, "tokenless", `[`+op+`]`)
		assert.Equal(t, http.StatusForbidden, code, "%s: %s", op, body)
	}
	_, body := fetch(t, http.MethodGet, base+"/tokenless", "", "")
	assert.Equal(t, "participant", meetingDataOf(t, body)["role"], "the page knows its role")

	open := startConferenceServer(t, Config{ControlToken: testControlToken})
	_, body = fetch(t, http.MethodGet, open+"/tokenless", "", "")
	assert.Equal(t, "moderator", meetingDataOf(t, body)["role"], "without token authentication every page is a moderator")
}

func TestAForceMutedPageCannotUnmuteItselfAroundThePage(t *testing.T) {
	m := newMeeting()
	ada := &member{ID: "a", Role: "moderator", Page: true}
	bob := &member{ID: "b", Role: "participant", AudioMuted: true, Page: true}
	m.members = []*member{ada, bob}
	yes, no := true, false
	_, err := m.apply(ada, &op{Op: "moderation", MediaType: "audio", Enabled: &yes})
	require.NoError(t, err)
	_, err = m.apply(bob, &op{Op: "mute", ID: "b", MediaType: "audio", Muted: &no})
	require.ErrorIs(t, err, errForbidden, "a page that skips its own check is still refused")
	assert.True(t, bob.AudioMuted)
	_, err = m.apply(bob, &op{Op: "mute", ID: "b", MediaType: "video", Muted: &no})
	require.NoError(t, err, "video moderation is off")
	_, err = m.apply(ada, &op{Op: "approve", ID: "b", MediaType: "audio"})
	require.NoError(t, err)
	_, err = m.apply(bob, &op{Op: "mute", ID: "b", MediaType: "audio", Muted: &no})
	require.NoError(t, err, "approved")
	assert.False(t, bob.AudioMuted)
}

func TestTheControlStreamCarriesNoPageOps(t *testing.T) {
	base := startMeetingServer(t)
	watcher := openEvents(t, base, "private") // anyone who knows the room name
	ada := openPage(t, base, "private", "ada")
	code, body := ada.post(t, base, "private", `[{"op":"hello"},{"op":"chat","text":"secret plans"}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	ada.next(t, `"op":"welcome"`)
	// A control action after the ops: the watcher's next data line must be
	// it, not Ada's join or chat (with her email and text).
	res, body := fetch(t, http.MethodPost, base+"/_sandbox/control/private", "Bearer "+testControlToken,
		`{"action":"join","id":"b0b","name":"Bob"}`, "Content-Type", "application/json")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	for {
		line := watcher.next(t)
		if strings.HasPrefix(line, "data:") {
			assert.Contains(t, line, `"action":"join"`, "the first thing the watcher gets is the control's action")
			assert.NotContains(t, line, "secret plans")
			break
		}
	}
}

func TestRoomNamesAreOneConferenceWhateverTheirCase(t *testing.T) {
	base := startMeetingServer(t)
	ada := openPage(t, base, "Case-Room", "ada")
	bob := openPage(t, base, "case-room", "bob")

	code, body := ada.post(t, base, "Case-Room", `[{"op":"hello"}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	ada.next(t, `"op":"welcome"`)
	code, body = bob.post(t, base, "case-room", `[{"op":"hello"}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	require.Contains(t, bob.next(t, `"op":"welcome"`), `"name":"Ada"`, "Bob's page is in Ada's meeting")
	assert.Contains(t, ada.next(t, `"op":"join"`), `"name":"Bob"`)

	assert.Equal(t, 2, subscribersOf(t, base, "CASE-ROOM"), "the control reaches both pages")
	code, _ = bob.post(t, base, "CASE-room", `[{"op":"speak"}]`)
	assert.Equal(t, http.StatusNoContent, code, "a page token opens its room in any case")
}

func TestALockedMeetingLetsInOnlyWithThePassword(t *testing.T) {
	base := startMeetingServer(t)
	ada := openPage(t, base, "locked", "ada")
	code, body := ada.post(t, base, "locked", `[{"op":"hello"}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	ada.next(t, `"op":"welcome"`)
	cy := openPage(t, base, "locked", "cy")
	code, body = cy.post(t, base, "locked", `[{"op":"hello"}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	assert.Contains(t, cy.next(t, `"op":"welcome"`), `"locked":false`)

	code, _ = cy.post(t, base, "locked", `[{"op":"lock","password":"mine"}]`)
	assert.Equal(t, http.StatusForbidden, code, "a guest may not lock the meeting")
	code, body = ada.post(t, base, "locked", `[{"op":"lock"}]`)
	assert.Equal(t, http.StatusBadRequest, code, body)
	code, body = ada.post(t, base, "locked", `[{"op":"lock","locked":false}]`)
	assert.Contains(t, body, `"locked" is set by the server`)
	code, body = ada.post(t, base, "locked", `[{"op":"lock","password":"s3cret"}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	lock := cy.next(t, `"op":"lock"`)
	assert.Contains(t, lock, `"locked":true`)
	assert.NotContains(t, lock, "s3cret", "the others learn that it is locked, not the password")

	// A new guest page is told so, is asked for the password, and joins
	// with the right one only; a moderator's page joins without it.
	_, page := fetch(t, http.MethodGet, base+"/locked?jwt=bob", "", "")
	assert.Equal(t, true, meetingDataOf(t, page)["locked"])
	bob := openPage(t, base, "locked", "bob")
	for hello, want := range map[string]string{`{"op":"hello"}`: `"wrong":false`, `{"op":"hello","password":"guess"}`: `"wrong":true`} {
		code, body = bob.post(t, base, "locked", `[`+hello+`]`)
		require.Equal(t, http.StatusNoContent, code, body)
		assert.Contains(t, bob.next(t, `"op":"passwordRequired"`), want, hello)
		code, _ = bob.post(t, base, "locked", `[{"op":"speak"}]`)
		assert.Equal(t, http.StatusConflict, code, "a page asked for the password is not in the meeting")
	}
	code, body = bob.post(t, base, "locked", `[{"op":"hello","password":"s3cret"}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	assert.Contains(t, bob.next(t, `"op":"welcome"`), `"locked":true`)
	assert.Contains(t, ada.next(t, `"name":"Bob"`), `"op":"join"`, "Ada's first news of Bob is his join")
	_, page = fetch(t, http.MethodGet, base+"/locked?jwt=ada", "", "")
	assert.Nil(t, meetingDataOf(t, page)["locked"], "a moderator's page is not asked")

	// Unlocked, a guest joins at once.
	code, body = ada.post(t, base, "locked", `[{"op":"lock","password":""}]`)
	require.Equal(t, http.StatusNoContent, code, body)
	assert.Contains(t, cy.next(t, `"op":"lock"`), `"locked":false`)
	_, page = fetch(t, http.MethodGet, base+"/locked?jwt=cy", "", "")
	assert.Nil(t, meetingDataOf(t, page)["locked"])
}
