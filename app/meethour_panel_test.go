package app

import (
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
)

func TestMeetHourPanelRender(t *testing.T) {
	p := &MeetHourPanel{}
	assert.NoError(t, goapp.Match(goapp.Text("Checking Meet Hour…"), p.Render(), 0, 0))

	p.state.hidden = true
	assert.NoError(t, goapp.Match(goapp.Div().Class("meethour-panel").Hidden(true), p.Render()), "another provider: nothing shown")

	p.state = meetHourPanelState{
		checked: true,
		zones:   []MeetHourTimezone{{Name: "(GMT+00:00) UTC", Value: "UTC"}, {Name: "(GMT+05:30) Asia/Kolkata", Value: "Asia/Kolkata"}},
		form:    MeetHourSchedule{Name: "Retro", Date: "2031-01-02", Time: "09:15", Timezone: "Asia/Kolkata", Passcode: "p"},
		options: map[string]bool{"ENABLE_LOBBY": true},
		list:    MeetHourMissed,
		meetings: MeetHourMeetingPage{MeetHourPage: MeetHourPage{Page: 2, TotalPages: 3, TotalRecords: 25},
			Meetings: []MeetHourMeeting{{MeetingID: "MHR1", Room: "mhr1", Topic: "Retro", StartTime: "2031-01-02 09:15:00", Timezone: "Asia/Kolkata"}}},
		recordings: MeetHourRecordingPage{Recordings: []MeetHourRecording{{Name: "retro.mp4", Link: "https://files.example.com/retro.mp4", Topic: "Retro", Storage: "Local"}}},
		notice:     "Scheduled MHR1: members join room mhr1.",
		err:        "Listing recordings failed: boom",
	}
	tree := p.Render()
	assert.NoError(t, goapp.Match(goapp.Text("Meet Hour"), tree, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Text("Listing recordings failed: boom"), tree, 1, 0))
	assert.NoError(t, goapp.Match(goapp.Text("Scheduled MHR1: members join room mhr1."), tree, 2, 0))

	// The form: the timezone Meet Hour offers is selected; options checked.
	form := []int{3}
	assert.NoError(t, goapp.Match(goapp.Option().Value("Asia/Kolkata").Selected(true).Text("(GMT+05:30) Asia/Kolkata"), tree, append(form, 4, 1, 1)...))
	assert.NoError(t, goapp.Match(goapp.Input().Type("checkbox").ID("mh-opt-ENABLE_LOBBY").Checked(true).OnChange(noop), tree, append(form, 6, 1, 0)...))
	assert.NoError(t, goapp.Match(goapp.Input().Type("checkbox").ID("mh-opt-JOIN_ANYTIME").Checked(false).OnChange(noop), tree, append(form, 6, 0, 0)...))

	// The list: the missed tab is pressed, each meeting can be started,
	// and the pager knows the page.
	assert.NoError(t, goapp.Match(goapp.Button().Type("button").Class("link-button meethour-tab active").Text("missed").OnClick(noop).Aria("pressed", true), tree, 4, 1, 1))
	assert.NoError(t, goapp.Match(goapp.Text("Retro · 2031-01-02 09:15:00 Asia/Kolkata · MHR1"), tree, 4, 2, 0, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Button().Type("button").Class("meethour-start").Text("Start").OnClick(noop).Disabled(false), tree, 4, 2, 0, 1))
	assert.NoError(t, goapp.Match(goapp.Text(" page 2 of 3 "), tree, 4, 3, 1, 0))

	// Recordings link out safely.
	assert.NoError(t, goapp.Match(goapp.A().Href("https://files.example.com/retro.mp4").Target("_blank").Rel("noopener noreferrer").Text("retro.mp4"), tree, 5, 1, 0, 0))

	// A link that is not http(s) (the server drops them; an older one may
	// not) is shown as text, never made an href.
	for _, bad := range []string{"", "javascript:alert(1)", "data:text/html,x", "//evil.example/x"} {
		p.state.recordings = MeetHourRecordingPage{Recordings: []MeetHourRecording{{Name: "bad.mp4", Link: bad}}}
		assert.NoError(t, goapp.Match(goapp.Span().Class("meethour-recording-name").Text("bad.mp4"), p.Render(), 5, 1, 0, 0), "link %q", bad)
	}

	p.state.meetings, p.state.recordings = MeetHourMeetingPage{}, MeetHourRecordingPage{}
	p.state.err, p.state.notice = "", ""
	tree = p.Render()
	assert.NoError(t, goapp.Match(goapp.P().Class("error").Attr("role", "alert").Hidden(true), tree, 1), "kept in place, hidden")
	assert.NoError(t, goapp.Match(goapp.P().Class("notice meethour-notice").Attr("role", "status").Hidden(true), tree, 2))
	assert.NoError(t, goapp.Match(goapp.Text("No missed meetings."), tree, 4, 2, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Text("No recordings."), tree, 5, 1, 0, 0))
}
