//go:build js && wasm

package app

import (
	"encoding/json"
	"net/http"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withMeetHour adds the server's Meet Hour routes to a fake server: one
// upcoming meeting, scheduled ones added to it, and one recording.
func withMeetHour(s *fakeServer) *fakeServer {
	upcoming := []MeetHourMeeting{{MeetingID: "MHR1", Room: "mhr1", Topic: "Standup", StartTime: "2031-01-02 09:00:00", Timezone: "UTC"}}
	send := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	s.mux.HandleFunc("GET "+MeetHourTimezonesPath, func(w http.ResponseWriter, _ *http.Request) {
		send(w, 200, map[string]any{"timezones": []MeetHourTimezone{{Name: "(GMT+00:00) UTC", Value: "UTC"}, {Name: "(GMT+01:00) Europe/Paris", Value: "Europe/Paris"}}})
	})
	s.mux.HandleFunc("GET "+MeetHourMeetingsPath, func(w http.ResponseWriter, r *http.Request) {
		list := []MeetHourMeeting{}
		if r.URL.Query().Get("list") == MeetHourUpcoming {
			list = upcoming
		}
		send(w, 200, MeetHourMeetingPage{MeetHourPage: MeetHourPage{Page: 1, TotalPages: 1, TotalRecords: len(list)}, Meetings: list})
	})
	s.mux.HandleFunc("POST "+MeetHourMeetingsPath, func(w http.ResponseWriter, _ *http.Request) {
		var req MeetHourSchedule
		_ = json.Unmarshal([]byte(s.bodies[len(s.bodies)-1]), &req)
		m := MeetHourMeeting{MeetingID: "MHR2", Room: "mhr2", Topic: req.Name, StartTime: req.Date + " " + req.Time + ":00", Timezone: req.Timezone}
		upcoming = append(upcoming, m)
		send(w, 201, m)
	})
	s.mux.HandleFunc("GET "+MeetHourRecordingsPath, func(w http.ResponseWriter, _ *http.Request) {
		send(w, 200, MeetHourRecordingPage{MeetHourPage: MeetHourPage{Page: 1, TotalPages: 1, TotalRecords: 1},
			Recordings: []MeetHourRecording{{ID: 1, Name: "standup.mp4", Link: "https://files.example.com/standup.mp4", Storage: "Local"}}})
	})
	return s
}

func TestMeetHourPanelSchedulesListsAndStarts(t *testing.T) {
	mountPoint(t)
	srv := withMeetHour(newFakeServer())
	srv.session = Session{SignedIn: true, User: "mod", Moderator: true}
	var joined []Join
	p := &MeetHourPanel{Client: inProcessClient(srv), DisplayName: "mod", OnJoin: func(_ goapp.Context, j Join) { joined = append(joined, j) }}
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(p))
	unmountAtEnd(t, e)
	e.ConsumeAll()
	e.ConsumeAll()
	assert.Equal(t, 2, count(t, ".meethour-panel #mh-timezone option"))
	assert.Contains(t, textOf(t, ".meethour-panel li.meethour-meeting"), "Standup")
	href, _ := mustQuery(t, ".meethour-panel li.meethour-recording a").Get("href")
	link, _ := href.String()
	assert.Equal(t, "https://files.example.com/standup.mp4", link)

	setValue(t, "#mh-name", "Retro", "input")
	setValue(t, "#mh-date", "2031-02-03", "input")
	setValue(t, "#mh-time", "16:45", "input")
	setValue(t, "#mh-timezone", "Europe/Paris", "change")
	setValue(t, "#mh-passcode", "retro-1", "input")
	click(t, "#mh-opt-ENABLE_LOBBY")
	click(t, ".meethour-panel button.meethour-schedule-submit")
	e.ConsumeAll()
	e.ConsumeAll()
	assert.JSONEq(t, `{"name":"Retro","date":"2031-02-03","time":"16:45","timezone":"Europe/Paris","passcode":"retro-1",
		"options":["JOIN_ANYTIME","ENABLE_LOBBY"],"durationMinutes":60}`, srv.bodies[len(srv.bodies)-2], "the schedule request, then the list again")
	assert.Contains(t, textOf(t, ".meethour-panel .meethour-notice"), "Scheduled MHR2")
	assert.Equal(t, 2, count(t, ".meethour-panel li.meethour-meeting"))

	click(t, ".meethour-panel li.meethour-meeting:nth-child(2) button.meethour-start")
	e.ConsumeAll()
	require.Len(t, joined, 1)
	assert.Equal(t, TokenRequest{Room: "mhr2", DisplayName: "mod", Role: RoleModerator}, joined[0].Request)
	assert.Equal(t, "mhr2", joined[0].Grant.RoomName)
}

func TestMeetHourPanelHidesWithAnotherProvider(t *testing.T) {
	mountPoint(t)
	srv := newFakeServer() // no Meet Hour routes: 404
	p := &MeetHourPanel{Client: inProcessClient(srv)}
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(p))
	unmountAtEnd(t, e)
	e.ConsumeAll()
	e.ConsumeAll()
	assert.Equal(t, 1, count(t, ".meethour-panel[hidden]"))
	assert.Equal(t, []string{"GET /api/meethour/timezones application/json"}, srv.requests)
}
