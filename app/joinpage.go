package app

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// JoinMeetingElementID is the id of the join page's meeting container.
const JoinMeetingElementID = "join-meeting"

// JoinPage is the page at /: who you are, then a join form, then the
// meeting the server granted.
type JoinPage struct {
	goapp.Compo

	// Client calls the server; nil means the page's own origin.
	Client *Client
	// ProviderFor turns the grant into a provider; nil means
	// ProviderFromGrant.
	ProviderFor ProviderFunc

	session    *Session
	sessionErr string
	joined     *joined
	api        *externalapi.API
	activity   Activity
}

// joined is a meeting to embed.
type joined struct {
	join     Join
	provider externalapi.Provider
	options  externalapi.Options
	roomURL  string // a plain iframe's page (Vonage)
	err      string
}

// OnMount asks who the browser is signed in as.
func (p *JoinPage) OnMount(ctx goapp.Context) {
	client := clientFor(ctx, p.Client)
	ctx.Async(func() {
		s, err := client.Session(ctx)
		ctx.Dispatch(func(goapp.Context) {
			if err != nil {
				p.sessionErr = describe(err)
				return
			}
			p.session = &s
		})
	})
}

// Render draws the page.
func (p *JoinPage) Render() goapp.UI {
	var body goapp.UI
	if p.joined == nil || p.joined.err != "" {
		var errMsg string
		if p.joined != nil {
			errMsg = p.joined.err
		}
		body = goapp.Div().Class("join-start").Body(
			&JoinForm{Client: p.Client, OnJoin: p.onJoin},
			errorLine(errMsg),
		)
	} else {
		j := p.joined
		items := p.activity.Items
		body = goapp.Div().Class("join-meeting").Body(
			&Meeting{ElementID: JoinMeetingElementID, Provider: j.provider, Options: j.options, RoomURL: j.roomURL, OnCreate: p.onMeeting},
			goapp.Div().Class("meeting-info").Body(
				goapp.Span().Text(meetingInfo(j.join)),
				button("leave link-button", "Leave", p.leave),
			),
			goapp.Ol().Class("activity").Aria("label", "What happened").Body(
				goapp.Range(items).Slice(func(i int) goapp.UI {
					it := items[len(items)-1-i] // newest first
					return goapp.Li().DataSet("event", it.Event).Text(it.Text)
				}),
			),
		)
	}
	return goapp.Div().Class("page", "join-page").Body(
		goapp.Header().Class("page-header").Body(
			goapp.H1().Text("meetbridge"),
			&StatusLine{Session: p.session, Err: p.sessionErr, LinkTo: ConsolePath, LinkText: "Moderator console"},
		),
		goapp.Main().Class("page-main").Body(body),
	)
}

// onJoin embeds the granted meeting.
func (p *JoinPage) onJoin(_ goapp.Context, j Join) {
	p.joined, p.activity = newJoined(j, p.ProviderFor), Activity{}
}

// onMeeting follows the events that concern the guest. The handlers run on
// the bridge's goroutine and only dispatch.
func (p *JoinPage) onMeeting(ctx goapp.Context, api *externalapi.API) {
	p.api = api
	apply := func(e externalapi.Event) {
		ctx.Dispatch(func(goapp.Context) {
			if p.api == api {
				p.activity = p.activity.Apply(e)
			}
		})
	}
	for _, subscribe := range guestEvents {
		_, _ = subscribe(api, apply) // fails only for a nil handler
	}
}

// leave drops the meeting, which disposes it, and shows the form again.
func (p *JoinPage) leave(goapp.Context, goapp.Event) {
	p.joined, p.api, p.activity = nil, nil, Activity{}
}

// newJoined builds the meeting of a grant; a grant that makes no provider
// gives a joined with err set.
func newJoined(j Join, providerFor ProviderFunc) *joined {
	if j.Grant.Provider == ProviderVonage {
		u, err := RoomFrameURL(j.Grant)
		if err != nil {
			return &joined{join: j, err: "The server's answer cannot start a meeting: " + describe(err)}
		}
		return &joined{join: j, roomURL: u}
	}
	if providerFor == nil {
		providerFor = ProviderFromGrant
	}
	prov, opts, err := providerFor(j.Grant)
	if err != nil {
		return &joined{join: j, err: "The server's answer cannot start a meeting: " + describe(err)}
	}
	opts.UserInfo = &externalapi.UserInfo{DisplayName: j.Request.DisplayName, Email: j.Request.Email}
	return &joined{join: j, provider: prov, options: opts}
}

// meetingInfo describes a joined meeting in one line.
func meetingInfo(j Join) string {
	s := "Room " + j.Request.Room + " as " + j.Request.DisplayName
	if j.Grant.Moderator {
		s += " (moderator)"
	}
	if !j.Grant.ExpiresAt.IsZero() {
		s += " · token valid until " + j.Grant.ExpiresAt.Local().Format("15:04")
	}
	return s
}
