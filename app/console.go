package app

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// ConsoleMeetingElementID is the id of the console's meeting container.
const ConsoleMeetingElementID = "console-meeting"

// Console is the moderator console at /console: a sign-in form for whoever
// is not signed in as a moderator, then the join form, then the meeting
// with a control panel beside it.
//
// The panel is driven by the bridge alone. The bridge's event handlers run
// on its goroutine and only dispatch RoomState.Apply to the UI goroutine;
// the console re-renders and hands the new state to its panels, which send
// commands from their click handlers and show the commands' errors.
type Console struct {
	goapp.Compo

	// Client calls the server; nil means the page's own origin.
	Client *Client
	// ProviderFor turns the grant into a provider; nil means
	// ProviderFromGrant.
	ProviderFor ProviderFunc
	// Session, when set, is taken as the signed-in session instead of
	// asking the server.
	Session *Session
	// Grant, when set, is joined at once, without asking the server for
	// a token.
	Grant *Grant

	session    *Session
	sessionErr string
	signingOut bool
	joined     *joined
	api        *externalapi.API
	state      RoomState
	err        string
}

// OnMount takes the injected session and grant, or asks the server who is
// signed in.
func (c *Console) OnMount(ctx goapp.Context) {
	if c.Session != nil {
		s := *c.Session
		c.session = &s
	}
	if c.Grant != nil {
		name := "Moderator"
		if c.session != nil && c.session.User != "" {
			name = c.session.User
		}
		c.joinWith(Join{Grant: *c.Grant, Request: TokenRequest{Room: c.Grant.RoomName, DisplayName: name}})
	}
	if c.session != nil {
		return
	}
	client := clientFor(ctx, c.Client)
	ctx.Async(func() {
		s, err := client.Session(ctx)
		ctx.Dispatch(func(goapp.Context) {
			if err != nil {
				c.sessionErr = describe(err)
				return
			}
			c.session = &s
		})
	})
}

// Render draws the console.
func (c *Console) Render() goapp.UI {
	return goapp.Div().Class("page", "console").Body(
		goapp.Header().Class("page-header").Body(
			goapp.H1().Text("meetbridge console"),
			&StatusLine{
				Session: c.session, Err: c.sessionErr,
				LinkTo: JoinPath, LinkText: "Join page",
				OnSignOut: c.signOut, Busy: c.signingOut,
			},
		),
		goapp.Main().Class("page-main").Body(c.stage()),
	)
}

// consoleStep is where the console is.
type consoleStep int

// The console's steps.
const (
	stepChecking consoleStep = iota // asking the server who is signed in
	stepSignIn                      // no moderator signed in
	stepJoin                        // a moderator, no meeting yet
	stepMeeting                     // in the meeting
)

// step says where the console is.
func (c *Console) step() consoleStep {
	switch {
	case c.session == nil && c.sessionErr == "":
		return stepChecking
	case c.session == nil || !c.session.SignedIn || !c.session.Moderator:
		return stepSignIn
	case c.joined == nil || c.joined.err != "":
		return stepJoin
	}
	return stepMeeting
}

// stage draws the console's step.
func (c *Console) stage() goapp.UI {
	switch c.step() {
	case stepChecking:
		return goapp.Div().Class("console-start").Body(goapp.P().Class("muted").Text("Checking your session…"))

	case stepSignIn:
		notice := "Sign in as a moderator to run meetings."
		if c.session != nil && c.session.SignedIn {
			notice = "You are signed in as " + c.session.User + ", who is not a moderator. Sign in as a moderator."
		}
		return goapp.Div().Class("console-start").Body(
			&SignInForm{Client: c.Client, Notice: notice, OnSignIn: c.onSignIn},
			errorLine(c.err),
		)

	case stepJoin:
		var joinErr string
		if c.joined != nil {
			joinErr = c.joined.err
		}
		return goapp.Div().Class("console-start").Body(
			&JoinForm{Client: c.Client, Title: "Open a meeting as moderator", DisplayName: c.session.User, Role: RoleModerator, OnJoin: c.onJoin},
			errorLine(joinErr),
			errorLine(c.err),
			&MeetHourPanel{Client: c.Client, DisplayName: c.session.User, OnJoin: c.onJoin},
		)
	}

	j := c.joined
	var warning goapp.UI
	if !j.join.Grant.Moderator {
		warning = goapp.P().Class("notice").Text("The server did not grant moderator rights for this meeting: the meeting may ignore these controls.")
	}
	caps := ProviderCapabilities(j.join.Grant.Provider)
	panel := []goapp.UI{
		goapp.Div().Class("meeting-info").Body(
			goapp.Span().Text(meetingInfo(j.join)),
			button("leave link-button", "Leave", c.leave),
		),
		warning,
		errorLine(c.err),
		capabilitiesNotice(caps),
	}
	if caps.ExternalAPI {
		panel = append(panel,
			&Controls{API: c.api, Subject: c.state.Subject, TileView: c.state.TileView, HandRaised: c.state.HandRaised},
			&ParticipantList{API: c.api, Participants: c.state.Participants, Rooms: c.state.Rooms},
			&LobbyPanel{API: c.api, Queue: c.state.Lobby, OnAnswered: c.onAnswered},
			&RecordingPanel{API: c.api, State: c.state.Recording},
			&BreakoutPanel{API: c.api, Rooms: c.state.Rooms},
		)
	}
	return goapp.Div().Class("console-layout").Body(
		&Meeting{ElementID: ConsoleMeetingElementID, Provider: j.provider, Options: j.options, RoomURL: j.roomURL, OnCreate: c.onMeeting},
		goapp.Aside().Class("console-panel").Body(panel...),
	)
}

// onSignIn takes the new session.
func (c *Console) onSignIn(_ goapp.Context, s Session) {
	c.session, c.sessionErr, c.err = &s, "", ""
}

// onJoin embeds the granted meeting.
func (c *Console) onJoin(_ goapp.Context, j Join) {
	c.joinWith(j)
}

// joinWith sets up the meeting of a join.
func (c *Console) joinWith(j Join) {
	c.joined = newJoined(j, c.ProviderFor)
	c.api, c.state, c.err = nil, RoomState{}, ""
}

// onMeeting wires the new meeting's events to the state. The handlers run
// on the bridge's goroutine and only dispatch; an event of a meeting that is
// no longer the console's is dropped.
func (c *Console) onMeeting(ctx goapp.Context, api *externalapi.API) {
	c.api, c.state = api, RoomState{}
	apply := func(e externalapi.Event) {
		ctx.Dispatch(func(goapp.Context) {
			if c.api == api {
				c.state = c.state.Apply(e)
			}
		})
	}
	fail := func(err error) {
		ctx.Dispatch(func(goapp.Context) {
			if c.api == api {
				c.err = describe(err)
			}
		})
	}
	if err := watch(api, apply, fail); err != nil {
		c.err = "Some meeting events cannot be followed: " + describe(err)
	}
}

// onAnswered takes an answered knocker out of the queue.
func (c *Console) onAnswered(_ goapp.Context, id externalapi.ParticipantID) {
	c.state.Lobby = c.state.Lobby.Remove(id)
}

// leave drops the meeting, which disposes it, and shows the join form.
func (c *Console) leave(goapp.Context, goapp.Event) {
	c.joined, c.api, c.state, c.err = nil, nil, RoomState{}, ""
}

// signOut signs out and, once the server agrees, leaves the meeting.
func (c *Console) signOut(ctx goapp.Context) {
	if c.signingOut {
		return
	}
	c.signingOut = true
	client := clientFor(ctx, c.Client)
	ctx.Async(func() {
		err := client.Logout(ctx)
		ctx.Dispatch(func(goapp.Context) {
			c.signingOut = false
			if err != nil {
				c.err = "Signing out failed: " + describe(err)
				return
			}
			c.leave(ctx, goapp.Event{})
			c.session = &Session{}
		})
	})
}
