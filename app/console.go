package app

import (
	"slices"
	"strings"
	"time"

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
	// attempt counts the joins of the same grant, so that "Join again"
	// makes a new meeting.
	attempt int
	// log is the event log: the meeting's events and the provider feed's.
	log      EventLog
	feed     feedStatus
	stopFeed func()
	// unsupported are the console's commands that the loaded library does
	// not know.
	unsupported []string
	// now is when the console last looked at the clock (token expiry).
	now time.Time
}

// tokenWarning is how long before its expiry the console warns that the
// join token runs out.
const tokenWarning = 10 * time.Minute

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
	// Panels get the meeting only while their actions apply: nothing once
	// the meeting ended, moderation tools only for a moderator; a provider
	// without the External API (a plain iframe) gets none of them.
	active, moderator := c.activeAPI(), c.moderatorAPI()
	var ended goapp.UI
	if c.state.Ended {
		ended = goapp.Div().Class("notice", "ended").Attr("role", "status").Body(
			goapp.P().Text(nameOr(c.state.EndReason, "The meeting has ended.")),
			button("primary join-again", "Join again", c.joinAgain),
		)
	}
	caps := ProviderCapabilities(j.join.Grant.Provider)
	panel := []goapp.UI{
		goapp.Div().Class("meeting-info").Body(
			goapp.Span().Text(meetingInfo(j.join)),
			button("leave link-button", "Leave", c.leave),
		),
		warning,
		ended,
		errorLine(c.err),
		capabilitiesNotice(caps),
		&AlertsPanel{Alerts: c.alerts(), OnDismiss: c.dismissAlert},
	}
	if caps.ExternalAPI {
		panel = append(panel,
			&Controls{API: active, ModeratorAPI: moderator, Subject: c.state.Subject, TileView: c.state.TileView,
				HandRaised: c.state.HandRaised, Moderation: c.state.Moderation},
			&ParticipantList{API: active, ModeratorAPI: moderator, State: c.state},
			&ChatPanel{API: active, Messages: c.state.Chat.Messages, Participants: c.state.Participants, Local: c.state.Local},
			&DevicePanel{API: active, Devices: c.state.Devices, OnChanged: c.onDeviceChanged},
			&LobbyPanel{API: moderator, Queue: c.state.Lobby, OnAnswered: c.onAnswered},
			&RecordingPanel{API: moderator, State: c.state.Recording},
			&BreakoutPanel{API: moderator, Rooms: c.state.Rooms},
		)
	}
	panel = append(panel, &EventLogPanel{Log: c.log, Feed: describeFeed(c.feed)})
	return goapp.Div().Class("console-layout").Body(
		&Meeting{ElementID: ConsoleMeetingElementID, Provider: j.provider, Options: j.options, RoomURL: j.roomURL, OnCreate: c.onMeeting, Attempt: c.attempt},
		goapp.Aside().Class("console-panel").Body(panel...),
	)
}

// activeAPI is the meeting while the console can act on it, else nil.
func (c *Console) activeAPI() *externalapi.API {
	if c.api == nil || c.state.Ended {
		return nil
	}
	return c.api
}

// moderatorAPI is the meeting while the local participant may moderate
// it: a moderator as the meeting said, or, until it says, as the grant says.
func (c *Console) moderatorAPI() *externalapi.API {
	api := c.activeAPI()
	if api == nil {
		return nil
	}
	if p, ok := c.state.Participants.Find(c.state.Local); ok && p.Role != "" {
		if p.Role != externalapi.Moderator {
			return nil
		}
		return api
	}
	if c.joined == nil || !c.joined.join.Grant.Moderator {
		return nil
	}
	return api
}

// alerts are the meeting's alerts, the console's own (commands the
// deployment does not support) and the token's expiry.
func (c *Console) alerts() Alerts {
	out := slices.Clone(c.state.Alerts)
	if len(c.unsupported) > 0 {
		out = append(out, Alert{Kind: "unsupported", Text: "This deployment does not support: " + strings.Join(c.unsupported, ", ") + "."})
	}
	if c.joined != nil && !c.state.Ended {
		if exp := c.joined.join.Grant.ExpiresAt; !exp.IsZero() && !c.now.IsZero() {
			switch left := exp.Sub(c.now); {
			case left <= 0:
				out = append(out, Alert{Kind: "token", Text: "The join token has expired: join again for a new one."})
			case left <= tokenWarning:
				out = append(out, Alert{Kind: "token", Text: "The join token expires at " + exp.Local().Format("15:04") + ": join again for a new one before then."})
			}
		}
	}
	return out
}

// dismissAlert drops one of the meeting's alerts (the console's own stay
// while they hold).
func (c *Console) dismissAlert(_ goapp.Context, i int) {
	c.state.Alerts = c.state.Alerts.Dismiss(i)
}

// watchClock re-renders the console when the join token comes close to
// its expiry, and when it expires (no timer runs without an expiry).
func (c *Console) watchClock(ctx goapp.Context) {
	c.now = time.Now()
	if c.joined == nil {
		return
	}
	exp := c.joined.join.Grant.ExpiresAt
	if exp.IsZero() {
		return
	}
	grant := c.joined
	for _, at := range []time.Time{exp.Add(-tokenWarning), exp} {
		if d := at.Sub(c.now); d > 0 {
			ctx.After(d, func(goapp.Context) {
				if c.joined == grant {
					c.now = time.Now()
				}
			})
		}
	}
}

// joinAgain asks the server for a fresh token for the same room and joins
// with it: a new meeting, even when the token is the same.
func (c *Console) joinAgain(ctx goapp.Context, _ goapp.Event) {
	if c.joined == nil {
		return
	}
	req := c.joined.join.Request
	client := clientFor(ctx, c.Client)
	ctx.Async(func() {
		g, err := client.Token(ctx, req)
		ctx.Dispatch(func(ctx goapp.Context) {
			if err != nil {
				c.err = "Joining again failed: " + describe(err)
				return
			}
			c.attempt++
			c.joinWith(Join{Request: req, Grant: g})
		})
	})
}

// onDeviceChanged re-reads the devices after a switch.
func (c *Console) onDeviceChanged(ctx goapp.Context) {
	api := c.api
	if api == nil {
		return
	}
	apply := func(e externalapi.Event) {
		ctx.Dispatch(func(goapp.Context) {
			if c.api == api {
				c.state = c.state.Apply(e)
			}
		})
	}
	ctx.Async(func() { rereadDevices(api, apply, func(err error) { apply(alertEvent{err}) }) })
}

// loggedEvent carries an event to the event log through the same batches
// as the state's events.
type loggedEvent struct {
	at      time.Time
	name    string
	payload []byte
}

// EventName implements externalapi.Event.
func (loggedEvent) EventName() string { return "meetbridge.logged" }

// alertEvent carries a console error into the state as a meeting alert.
type alertEvent struct{ err error }

// EventName implements externalapi.Event.
func (alertEvent) EventName() string { return "meetbridge.alert" }

// joinWith sets up the meeting of a join.
func (c *Console) joinWith(j Join) {
	c.joined = newJoined(j, c.ProviderFor)
	c.api, c.state, c.err, c.unsupported = nil, RoomState{}, "", nil
}

// onMeeting wires the new meeting's events to the state. The handlers run
// on the bridge's goroutine and only dispatch; an event of a meeting that is
// no longer the console's is dropped.
func (c *Console) onMeeting(ctx goapp.Context, api *externalapi.API) {
	c.api, c.state = api, RoomState{}
	batch := &eventBatch{}
	apply := func(e externalapi.Event) {
		if !batch.add(e) {
			return
		}
		ctx.Dispatch(func(goapp.Context) {
			for _, e := range batch.take() {
				if c.api != api {
					return
				}
				if l, ok := e.(loggedEvent); ok {
					c.log = c.log.Add(l.at, "meeting", l.name, l.payload)
					continue
				}
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
	logEvent := func(name string, payload []byte) {
		apply(loggedEvent{at: time.Now(), name: name, payload: append([]byte(nil), payload...)})
	}
	if err := watch(api, apply, fail, logEvent); err != nil {
		c.err = "Some meeting events cannot be followed: " + describe(err)
	}
	if supported, err := api.SupportedCommands(); err == nil {
		c.unsupported = missingCommands(supported)
	}
	c.watchClock(ctx)
	c.openFeed(ctx)
}

// onSignIn takes the new session.
func (c *Console) onSignIn(_ goapp.Context, s Session) {
	c.session, c.sessionErr, c.err = &s, "", ""
}

// onJoin embeds the granted meeting.
func (c *Console) onJoin(_ goapp.Context, j Join) {
	c.joinWith(j)
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
			c.closeFeed()
			c.session = &Session{}
		})
	})
}
