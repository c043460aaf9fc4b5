package app

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
)

// noop is an event handler for expected elements: Match compares which
// events have handlers, not the handlers themselves.
func noop(goapp.Context, goapp.Event) {}

func TestStatusLineRender(t *testing.T) {
	s := &StatusLine{LinkTo: ConsolePath, LinkText: "Moderator console"}
	tree := s.Render()
	assert.NoError(t, goapp.Match(goapp.Text("Checking your session…"), tree, 0, 0))
	assert.NoError(t, goapp.Match(goapp.A().Class("status-link").Href("/console"), tree, 1))

	s.Session = &Session{}
	assert.NoError(t, goapp.Match(goapp.Text("Not signed in"), s.Render(), 0, 0))

	s.Session = &Session{SignedIn: true, User: "ada", Moderator: true}
	s.OnSignOut = func(goapp.Context) {}
	tree = s.Render()
	assert.NoError(t, goapp.Match(goapp.Text("Signed in as "), tree, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Text("ada"), tree, 0, 1, 0))
	assert.NoError(t, goapp.Match(goapp.Text(" (moderator)"), tree, 0, 2))
	assert.NoError(t, goapp.Match(goapp.Button().Type("button").Class("sign-out link-button").Disabled(false).OnClick(noop), tree, 1))

	s.Err = "the server could not be reached"
	tree = s.Render()
	assert.NoError(t, goapp.Match(goapp.Span().Class("error"), tree, 0))
	assert.NoError(t, goapp.Match(goapp.Text("Could not check your session: the server could not be reached"), tree, 0, 0))
}

func TestJoinFormRendersFieldErrors(t *testing.T) {
	f := &JoinForm{}
	f.errs = TokenRequest{Room: "No", DisplayName: ""}.Validate()
	f.err = "too many requests (try again in 30s)"
	tree := f.Render()
	assert.NoError(t, goapp.Match(goapp.Text("Join a meeting"), tree, 0, 0))
	// The room field: label, input marked invalid, the message.
	assert.NoError(t, goapp.Match(goapp.Label().For("join-room"), tree, 1, 0))
	assert.NoError(t, goapp.Match(goapp.Input().ID("join-room").Type("text").Value("").Aria("invalid", "true").Class("invalid").
		OnInput(noop).OnKeyDown(noop), tree, 1, 1))
	assert.NoError(t, goapp.Match(goapp.Text(f.errs.Room), tree, 1, 2, 0))
	assert.NoError(t, goapp.Match(goapp.Text("enter the name others will see"), tree, 2, 2, 0))
	// The email field is fine: no message.
	assert.Error(t, goapp.Match(goapp.P(), tree, 3, 2))
	assert.NoError(t, goapp.Match(goapp.Button().Type("button").Class("primary join-submit").Disabled(false).OnClick(noop), tree, 4, 0))
	assert.NoError(t, goapp.Match(goapp.Text("too many requests (try again in 30s)"), tree, 5, 0))

	f.busy = true
	assert.NoError(t, goapp.Match(goapp.Button().Type("button").Class("primary join-submit").Disabled(true).OnClick(noop), f.Render(), 4, 0))
}

// html renders ui (a component is mounted first) as an HTML string.
func html(ui goapp.UI) string { return goapp.HTMLString(ui) }

// buttonHTML finds a button by its class in rendered HTML and reports
// whether it is there and whether it is disabled.
func buttonHTML(t *testing.T, page, class string) (present, disabled bool) {
	t.Helper()
	m := regexp.MustCompile(`<button[^>]*class="` + regexp.QuoteMeta(class) + `"[^>]*>`).FindString(page)
	return m != "", strings.Contains(m, "disabled")
}

func TestParticipantListRender(t *testing.T) {
	state := RoomState{Local: "me", Participants: Participants{
		{ID: "me", Name: "Mod", Local: true, Role: externalapi.Moderator},
		{ID: "p1", Name: "Ada", AudioMuted: true, HandRaised: true},
		{ID: "p2", Name: "", Role: externalapi.Moderator},
	}}
	page := html(&ParticipantList{State: state})
	assert.Contains(t, page, "Participants (3)")
	for _, want := range []string{`data-participant="me"`, ">you<", ">moderator<", ">mic off<", ">hand raised<", `<span class="name">p2</span>`} {
		assert.Contains(t, page, want)
	}
	for _, class := range []string{"mute-video", "kick danger", "grant-moderator", "ask-to-unmute", "pin", "stage"} {
		present, disabled := buttonHTML(t, page, class)
		assert.True(t, present, class)
		assert.True(t, disabled, class+": disabled before the meeting exists")
	}
	assert.Equal(t, 1, strings.Count(page, `class="grant-moderator"`), "only Ada can be made a moderator")
	assert.Equal(t, 1, strings.Count(page, `class="ask-to-unmute"`), "only muted Ada can be asked to unmute")
	assert.NotContains(t, page, "Send to room", "no rooms, no select")

	// Breakout rooms: everyone under their room, and a select of the
	// other rooms.
	state.Rooms = Rooms{{ID: "main", Main: true}, {ID: "r1", Name: "Alpha"}}
	state.Participants = state.Participants.update("p1", func(p *Participant) { p.Room = "r1" })
	page = html(&ParticipantList{State: state})
	assert.Regexp(t, `(?s)Main room \(2\).*data-participant="me".*data-participant="p2".*Alpha \(1\).*data-participant="p1"`, page)
	assert.Contains(t, page, `<option value="main">Main room</option>`)

	// Under moderation an approval can be revoked, a moderator's never.
	state.Moderation = Moderation{Audio: true, ApprovedAudio: []externalapi.ParticipantID{"p1", "p2"}}
	page = html(&ParticipantList{State: state})
	assert.Equal(t, 1, strings.Count(page, `class="revoke-audio"`), "only approved Ada; p2 is a moderator")
	assert.Regexp(t, `(?s)data-participant="p1".*class="revoke-audio"`, page)
	assert.NotContains(t, page, `class="revoke-video"`, "video moderation is off")

	assert.Contains(t, html(&ParticipantList{}), "Nobody has joined yet.")
	assert.Contains(t, html(&ParticipantList{State: RoomState{Ended: true}}), "The meeting has ended.")
}

func TestLobbyPanelRender(t *testing.T) {
	l := &LobbyPanel{}
	tree := l.Render()
	assert.NoError(t, goapp.Match(goapp.Text("The lobby is off."), tree, 1, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Text("Nobody is waiting."), tree, 2, 0))

	l.enabled = true
	l.Queue = LobbyQueue{{ID: "k1", Name: "Kim"}, {ID: "k2"}}
	tree = l.Render()
	assert.NoError(t, goapp.Match(goapp.Text("Turn lobby off"), tree, 1, 1, 0))
	assert.NoError(t, goapp.Match(goapp.Li().Class("knocker").DataSet("knocker", "k1"), tree, 2, 0))
	assert.NoError(t, goapp.Match(goapp.Text("Kim"), tree, 2, 0, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Text("k2"), tree, 2, 1, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Text("Admit"), tree, 2, 0, 1, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Text("Reject"), tree, 2, 0, 1, 1, 0))
}

func TestRecordingPanelRender(t *testing.T) {
	r := &RecordingPanel{State: Recording{File: true, Transcription: true, Error: "recording.failedToStart",
		Links: []RecordingLink{{URL: "https://rec.example/1"}, {URL: "javascript:alert(1)"}}}}
	r.err = describe(&externalapi.ArgumentError{Command: "startRecording", Param: "options", Err: errors.New("stream mode needs an RTMP or YouTube stream key")})
	tree := r.Render()
	assert.NoError(t, goapp.Match(goapp.Text("Recording on · stream off · transcribing"), tree, 1, 0))
	assert.NoError(t, goapp.Match(goapp.Text("The meeting reports: recording.failedToStart"), tree, 2, 0))
	assert.NoError(t, goapp.Match(goapp.A().Href("https://rec.example/1").Target("_blank").Rel("noopener noreferrer"), tree, 6, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Text("javascript:alert(1)"), tree, 6, 1, 0), "not a link")
	assert.NoError(t, goapp.Match(goapp.Text("startRecording refused: options stream mode needs an RTMP or YouTube stream key"), tree, 7, 0))
}

func TestBreakoutPanelRender(t *testing.T) {
	b := &BreakoutPanel{Rooms: Rooms{{ID: "main", Main: true, People: []string{"Ada"}}, {ID: "r1", JID: "r1@b", Name: "Alpha", People: []string{"Kim", "Lee"}}}}
	tree := b.Render()
	assert.NoError(t, goapp.Match(goapp.Li().Class("room").DataSet("room", "r1"), tree, 3, 0))
	assert.NoError(t, goapp.Match(goapp.Text("Alpha"), tree, 3, 0, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Text(" (2: Kim, Lee)"), tree, 3, 0, 1, 0))
	assert.Error(t, goapp.Match(goapp.Li(), tree, 3, 1), "the main room is not listed")
	assert.NoError(t, goapp.Match(goapp.Text("No breakout rooms."), (&BreakoutPanel{}).Render(), 3, 0))
}

func TestControlsRender(t *testing.T) {
	c := &Controls{Subject: "Planning", TileView: true, HandRaised: true, Moderation: Moderation{Video: true}}
	page := html(c)
	for _, want := range []string{"Subject: Planning", "Leave tile view", "Lower hand", "Turn on audio moderation", "Turn off video moderation",
		"The meeting has no password."} {
		assert.Contains(t, page, want)
	}
	for _, class := range []string{"end-conference danger", "mute-all-audio", "toggle-moderation-audio", "set-password", "clear-password"} {
		present, disabled := buttonHTML(t, page, class)
		assert.True(t, present && disabled, class+": disabled without a meeting")
	}
	c.confirmEnd = true
	assert.NotContains(t, html(c), "End the meeting for everyone?", "no confirmation without a moderator's meeting")
}

func TestConsoleSteps(t *testing.T) {
	c := &Console{}
	assert.Equal(t, stepChecking, c.step())
	assert.NoError(t, goapp.Match(goapp.Text("Checking your session…"), c.Render(), 1, 0, 0, 0))

	c.sessionErr = "the server could not be reached"
	assert.Equal(t, stepSignIn, c.step(), "a failed check offers to sign in")
	c.sessionErr = ""
	c.session = &Session{}
	assert.Equal(t, stepSignIn, c.step())
	c.session = &Session{SignedIn: true, User: "ada"}
	assert.Equal(t, stepSignIn, c.step(), "signed in, but not as a moderator")

	c.session = &Session{SignedIn: true, User: "mod", Moderator: true}
	assert.Equal(t, stepJoin, c.step())

	c.joinWith(Join{Grant: Grant{Provider: "zoom"}})
	assert.Equal(t, stepJoin, c.step(), "a grant that makes no meeting")
	assert.NoError(t, goapp.Match(goapp.Text(`The server's answer cannot start a meeting: grant: no script URL`), c.Render(), 1, 0, 1, 0))

	grant := Grant{Provider: "jitsi", Domain: "meet.example.com", RoomName: "standup", JWT: "t", ScriptURL: "https://meet.example.com/external_api.js"}
	c.joinWith(Join{Grant: grant, Request: TokenRequest{Room: "standup", DisplayName: "Mod"}})
	assert.Equal(t, stepMeeting, c.step())
	tree := c.Render()
	assert.NoError(t, goapp.Match(goapp.Div().Class("console-layout"), tree, 1, 0))
	assert.NoError(t, goapp.Match(goapp.Aside().Class("console-panel"), tree, 1, 0, 1), "the meeting comes first, the panel after it")
	assert.NoError(t, goapp.Match(goapp.Text("Room standup as Mod"), tree, 1, 0, 1, 0, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Text("The server did not grant moderator rights for this meeting: the meeting may ignore these controls."),
		tree, 1, 0, 1, 1, 0))

	c.leave(goapp.Context{}, goapp.Event{})
	assert.Equal(t, stepJoin, c.step())
}

func TestJoinPageStages(t *testing.T) {
	p := &JoinPage{}
	tree := p.Render()
	assert.NoError(t, goapp.Match(&StatusLine{LinkTo: ConsolePath, LinkText: "Moderator console"}, tree, 0, 1))
	assert.NoError(t, goapp.Match(goapp.Div().Class("join-start"), tree, 1, 0))

	p.onJoin(goapp.Context{}, Join{
		Request: TokenRequest{Room: "standup", DisplayName: "Ada", Email: "ada@example.com"},
		Grant:   Grant{Provider: "sandbox", Domain: "127.0.0.1:8080", RoomName: "standup", JWT: "t", ScriptURL: "/external_api.js"},
	})
	tree = p.Render()
	require.Empty(t, p.joined.err)
	assert.Equal(t, &externalapi.UserInfo{DisplayName: "Ada", Email: "ada@example.com"}, p.joined.options.UserInfo)
	page := html(tree)
	assert.Contains(t, page, `id="`+JoinMeetingElementID+`"`)
	assert.Regexp(t, `<ol[^>]* class="activity"`, page)
	assert.NoError(t, goapp.Match(goapp.Text("Room standup as Ada"), tree, 1, 0, 1, 0, 0))

	p.leave(goapp.Context{}, goapp.Event{})
	assert.NoError(t, goapp.Match(goapp.Div().Class("join-start"), p.Render(), 1, 0))
}

func TestRunAndDescribe(t *testing.T) {
	assert.ErrorIs(t, run(nil, func(*externalapi.API) error { return nil }), errNoMeeting)
	err := run(&externalapi.API{}, func(*externalapi.API) error { panic("boom") })
	assert.EqualError(t, err, "the command failed: boom")
	assert.Equal(t, "", describe(nil))
	assert.Equal(t, "the meeting is closed", describe(fmt.Errorf("x: %w", externalapi.ErrDisposed)))
	assert.Equal(t, "kickParticipant refused: participantID is required",
		describe(&externalapi.ArgumentError{Command: "kickParticipant", Param: "participantID", Err: errors.New("is required")}))
	assert.Equal(t, "unknown command \"x\"", describe(fmt.Errorf("%w %q", externalapi.ErrUnknownCommand, "x")))
}
