package app

import (
	"time"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// meetHourOptions are the meeting options the schedule form offers.
var meetHourOptions = []struct{ Value, Label string }{
	{"JOIN_ANYTIME", "Join any time"},
	{"ENABLE_LOBBY", "Lobby"},
	{"ALLOW_GUEST", "Allow guests"},
	{"ENABLE_RECORDING", "Recording"},
}

// MeetHourPanel is the console's Meet Hour panel, for the signed-in
// moderator: it schedules a meeting (name, date, time, a timezone Meet Hour
// offers, passcode, options), lists upcoming, missed and completed
// meetings, starts one, and lists recordings with their links. With
// another provider the server answers 404 and the panel shows nothing.
type MeetHourPanel struct {
	goapp.Compo

	// Client calls the server; nil means the page's own origin.
	Client *Client
	// DisplayName is the moderator's name in started meetings.
	DisplayName string
	// OnJoin is called on the UI goroutine with a started meeting.
	OnJoin func(goapp.Context, Join)
	// Now gives the form's default date and time; time.Now when nil.
	Now func() time.Time

	state meetHourPanelState
}

// meetHourPanelState is what the panel shows.
type meetHourPanelState struct {
	checked    bool // the server answered the timezones request
	hidden     bool // the provider is not Meet Hour
	zones      []MeetHourTimezone
	form       MeetHourSchedule
	options    map[string]bool
	list       string
	meetings   MeetHourMeetingPage
	recordings MeetHourRecordingPage
	busy       bool
	notice     string
	err        string
}

// OnMount prefills the form and loads the timezones, the upcoming meetings
// and the recordings.
func (p *MeetHourPanel) OnMount(ctx goapp.Context) {
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	start := now().UTC().Add(time.Hour).Truncate(time.Hour)
	p.state.form = MeetHourSchedule{Date: start.Format(time.DateOnly), Time: start.Format("15:04"), Timezone: "UTC", DurationMinutes: 60}
	p.state.options = map[string]bool{"JOIN_ANYTIME": true}
	p.state.list = MeetHourUpcoming
	client := clientFor(ctx, p.Client)
	ctx.Async(func() {
		zones, err := client.MeetHourTimezones(ctx)
		ctx.Dispatch(func(ctx goapp.Context) {
			p.state.checked = true
			switch {
			case IsNotFound(err):
				p.state.hidden = true
				return
			case err != nil:
				p.state.err = "Meet Hour: " + describe(err)
				return
			}
			p.state.zones = zones
			p.loadMeetings(ctx, MeetHourUpcoming, 1)
			p.loadRecordings(ctx, 1)
		})
	})
}

// loadMeetings shows one page of a meeting list.
func (p *MeetHourPanel) loadMeetings(ctx goapp.Context, list string, page int) {
	client := clientFor(ctx, p.Client)
	ctx.Async(func() {
		got, err := client.MeetHourMeetings(ctx, list, page)
		ctx.Dispatch(func(goapp.Context) {
			if err != nil {
				p.state.err = "Listing meetings failed: " + describe(err)
				return
			}
			p.state.list, p.state.meetings = list, got
		})
	})
}

// loadRecordings shows one page of recordings.
func (p *MeetHourPanel) loadRecordings(ctx goapp.Context, page int) {
	client := clientFor(ctx, p.Client)
	ctx.Async(func() {
		got, err := client.MeetHourRecordings(ctx, page)
		ctx.Dispatch(func(goapp.Context) {
			if err != nil {
				p.state.err = "Listing recordings failed: " + describe(err)
				return
			}
			p.state.recordings = got
		})
	})
}

// schedule sends the form.
func (p *MeetHourPanel) schedule(ctx goapp.Context, _ goapp.Event) {
	if p.state.busy {
		return
	}
	s := p.state.form
	s.Options = nil
	for _, o := range meetHourOptions {
		if p.state.options[o.Value] {
			s.Options = append(s.Options, o.Value)
		}
	}
	p.state.busy, p.state.err, p.state.notice = true, "", ""
	client := clientFor(ctx, p.Client)
	ctx.Async(func() {
		m, err := client.MeetHourSchedule(ctx, s)
		ctx.Dispatch(func(ctx goapp.Context) {
			p.state.busy = false
			if err != nil {
				p.state.err = "Scheduling failed: " + describe(err)
				return
			}
			p.state.notice = "Scheduled " + m.MeetingID + ": members join room " + m.Room + "."
			p.loadMeetings(ctx, MeetHourUpcoming, 1)
		})
	})
}

// start asks for a moderator token for a meeting's room and joins it.
func (p *MeetHourPanel) start(m MeetHourMeeting) goapp.EventHandler {
	return func(ctx goapp.Context, _ goapp.Event) {
		if p.state.busy {
			return
		}
		name := p.DisplayName
		if name == "" {
			name = "Moderator"
		}
		req := TokenRequest{Room: m.Room, DisplayName: name, Role: RoleModerator}
		p.state.busy, p.state.err = true, ""
		client := clientFor(ctx, p.Client)
		ctx.Async(func() {
			g, err := client.Token(ctx, req)
			ctx.Dispatch(func(ctx goapp.Context) {
				p.state.busy = false
				if err != nil {
					p.state.err = "Starting " + m.MeetingID + " failed: " + describe(err)
					return
				}
				if p.OnJoin != nil {
					p.OnJoin(ctx, Join{Request: req, Grant: g})
				}
			})
		})
	}
}

// Render draws the panel; nothing with another provider.
func (p *MeetHourPanel) Render() goapp.UI {
	st := p.state
	if st.hidden {
		return goapp.Div().Class("meethour-panel").Hidden(true)
	}
	if !st.checked {
		return goapp.Div().Class("card", "meethour-panel").Body(goapp.P().Class("muted").Text("Checking Meet Hour…"))
	}
	return goapp.Div().Class("card", "meethour-panel").Body(
		goapp.H2().Text("Meet Hour"),
		// The error and the notice are always there, hidden when empty:
		// children that come and go would shift the others, and go-app
		// would remount them, dropping the dispatches of their handlers.
		goapp.P().Class("error").Attr("role", "alert").Hidden(st.err == "").Text(st.err),
		goapp.P().Class("notice", "meethour-notice").Attr("role", "status").Hidden(st.notice == "").Text(st.notice),
		p.renderForm(),
		p.renderMeetings(),
		p.renderRecordings(),
	)
}

// renderForm draws the schedule form.
func (p *MeetHourPanel) renderForm() goapp.UI {
	f := &p.state.form
	zones := make([]goapp.UI, 0, len(p.state.zones))
	for _, z := range p.state.zones {
		zones = append(zones, goapp.Option().Value(z.Value).Selected(z.Value == f.Timezone).Text(z.Name))
	}
	opts := make([]goapp.UI, 0, len(meetHourOptions))
	for _, o := range meetHourOptions {
		value := o.Value
		opts = append(opts, goapp.Label().Class("check").Body(
			goapp.Input().Type("checkbox").ID("mh-opt-"+value).Checked(p.state.options[value]).
				OnChange(func(goapp.Context, goapp.Event) { p.state.options[value] = !p.state.options[value] }),
			goapp.Text(" "+o.Label),
		))
	}
	label := "Schedule"
	if p.state.busy {
		label = "Working…"
	}
	return goapp.Div().Class("meethour-schedule").Body(
		goapp.H3().Text("Schedule a meeting"),
		field("mh-name", "Name", "text", f.Name, "", p.ValueTo(&f.Name), nil),
		field("mh-date", "Date", "date", f.Date, "", p.ValueTo(&f.Date), nil),
		field("mh-time", "Time", "time", f.Time, "", p.ValueTo(&f.Time), nil),
		goapp.Div().Class("field").Body(
			goapp.Label().For("mh-timezone").Text("Timezone"),
			goapp.Select().ID("mh-timezone").OnChange(p.ValueTo(&f.Timezone)).Body(zones...),
		),
		field("mh-passcode", "Passcode", "text", f.Passcode, "", p.ValueTo(&f.Passcode), nil),
		goapp.Div().Class("field", "meethour-options").Body(opts...),
		goapp.Div().Class("actions").Body(button("primary meethour-schedule-submit", label, p.schedule).Disabled(p.state.busy)),
	)
}

// renderMeetings draws the list tabs, the page of meetings and its pager.
func (p *MeetHourPanel) renderMeetings() goapp.UI {
	st := p.state
	tabs := make([]goapp.UI, 0, 3)
	for _, l := range []string{MeetHourUpcoming, MeetHourMissed, MeetHourCompleted} {
		list := l
		class := "link-button meethour-tab"
		if list == st.list {
			class += " active"
		}
		tabs = append(tabs, button(class, list, func(ctx goapp.Context, _ goapp.Event) { p.loadMeetings(ctx, list, 1) }).
			Aria("pressed", list == st.list))
	}
	rows := make([]goapp.UI, 0, len(st.meetings.Meetings))
	for _, m := range st.meetings.Meetings {
		rows = append(rows, goapp.Li().Class("meethour-meeting").Body(
			goapp.Span().Text(m.Topic+" · "+m.StartTime+" "+m.Timezone+" · "+m.MeetingID),
			button("meethour-start", "Start", p.start(m)).Disabled(st.busy),
		))
	}
	if len(rows) == 0 {
		rows = append(rows, goapp.Li().Class("muted").Text("No "+st.list+" meetings."))
	}
	return goapp.Div().Class("meethour-meetings").Body(
		goapp.H3().Text("Meetings"),
		goapp.Div().Class("meethour-tabs").Body(tabs...),
		goapp.Ul().Body(rows...),
		p.pager(st.meetings.MeetHourPage, func(ctx goapp.Context, page int) { p.loadMeetings(ctx, st.list, page) }),
	)
}

// renderRecordings draws the page of recordings with their links.
func (p *MeetHourPanel) renderRecordings() goapp.UI {
	recs := p.state.recordings
	rows := make([]goapp.UI, 0, len(recs.Recordings))
	for _, r := range recs.Recordings {
		rows = append(rows, goapp.Li().Class("meethour-recording").Body(
			recordingName(r),
			goapp.Span().Class("muted").Text(" "+r.Topic+" · "+r.Date+" · "+r.Duration+" · "+r.Storage),
		))
	}
	if len(rows) == 0 {
		rows = append(rows, goapp.Li().Class("muted").Text("No recordings."))
	}
	return goapp.Div().Class("meethour-recordings").Body(
		goapp.H3().Text("Recordings"),
		goapp.Ul().Body(rows...),
		p.pager(recs.MeetHourPage, p.loadRecordings),
	)
}

// recordingName draws a recording's name, as a link when it has an
// absolute http(s) link and as text otherwise: a javascript: or data: href
// would run in the console's origin.
func recordingName(r MeetHourRecording) goapp.UI {
	if !IsWebLink(r.Link) {
		return goapp.Span().Class("meethour-recording-name").Text(r.Name)
	}
	return goapp.A().Href(r.Link).Target("_blank").Rel("noopener noreferrer").Text(r.Name)
}

// pager draws previous and next buttons for a paged list.
func (p *MeetHourPanel) pager(pg MeetHourPage, load func(goapp.Context, int)) goapp.UI {
	if pg.TotalPages <= 1 {
		return nil
	}
	return goapp.Div().Class("pager").Body(
		button("link-button pager-prev", "Previous", func(ctx goapp.Context, _ goapp.Event) { load(ctx, pg.Page-1) }).Disabled(pg.Page <= 1),
		goapp.Span().Textf(" page %d of %d ", pg.Page, pg.TotalPages),
		button("link-button pager-next", "Next", func(ctx goapp.Context, _ goapp.Event) { load(ctx, pg.Page+1) }).Disabled(pg.Page >= pg.TotalPages),
	)
}
