package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/app"
	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
)

const testWebhookSecret = "whsec-test-0123456789abcdef"

// startMeetHour runs a server against a fake Meet Hour.
func startMeetHour(t *testing.T, edit func(*MeetHourSettings)) (*testServer, *meethourtest.Server) {
	t.Helper()
	fake := meethourtest.NewServer(meethourtest.Config{})
	t.Cleanup(fake.Close)
	settings := MeetHourSettings{
		BaseURL: fake.URL, ClientID: meethourtest.ClientID, ClientSecret: meethourtest.ClientSecret,
		Username: meethourtest.Username, Password: meethourtest.Password, APIKey: meethourtest.APIKey,
	}
	if edit != nil {
		edit(&settings)
	}
	return start(t, Config{Provider: ProviderMeetHour, UpstreamTimeout: 2 * time.Second, MeetHour: settings}), fake
}

// getJSON fetches url on c and decodes the JSON answer into out.
func getJSON(t *testing.T, c *http.Client, url string, out any) *http.Response {
	t.Helper()
	res, err := c.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	if out != nil {
		require.NoError(t, json.NewDecoder(res.Body).Decode(out))
	}
	return res
}

func TestMeetHourMemberJoinsAsThemselvesThroughAPIToken(t *testing.T) {
	ts, fake := startMeetHour(t, nil)
	mod := ts.browser(t)
	ts.login(t, mod)
	var g grant
	res := post(t, mod, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Ada"}, &g)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.True(t, g.Moderator)
	assert.Nil(t, fake.JWTs()[0].ContactID, "the moderator joins as the organizer")

	guest := ts.browser(t)
	var member grant
	res = post(t, guest, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Bob Stone", "email": "bob@example.com"}, &member)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.False(t, member.Moderator)
	assert.Equal(t, g.RoomName, member.RoomName)
	assert.Equal(t, g.PCode, member.PCode)
	contacts := fake.Contacts()
	require.Len(t, contacts, 1)
	assert.Equal(t, "bob@example.com", contacts[0].Email)
	assert.Equal(t, []int64{contacts[0].ID}, fake.Attendees(g.RoomName))
	memberCtx := payload(t, member.JWT)["context"].(map[string]any)
	assert.Equal(t, float64(contacts[0].ID), memberCtx["contact_id"], "the member's own contact")
	assert.Equal(t, false, memberCtx["moderator"])

	// The organizer's email is refused to a guest.
	var e errorBody
	res = post(t, guest, ts.URL+"/api/token", map[string]string{"room": "standup", "email": meethourtest.Username}, &e)
	assert.Equal(t, http.StatusForbidden, res.StatusCode)
	assert.Equal(t, "host_email", e.Error.Code)
}

func TestMeetHourAnonymousCallerCannotCreateAnUpstreamMeeting(t *testing.T) {
	ts, fake := startMeetHour(t, nil)
	guest := ts.browser(t)
	var e errorBody
	res := post(t, guest, ts.URL+"/api/token", map[string]string{"room": "brand-new-room", "displayName": "Eve", "email": "eve@example.com"}, &e)
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	assert.Equal(t, "unknown_meeting", e.Error.Code)
	res = post(t, guest, ts.URL+"/api/token", map[string]string{"room": "brand-new-room", "role": "moderator"}, &e)
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
	res = post(t, guest, ts.URL+app.MeetHourMeetingsPath, map[string]any{"name": "x", "date": "2026-12-01", "time": "10:00", "timezone": "UTC", "passcode": "pass"}, &e)
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
	for _, path := range []string{app.MeetHourTimezonesPath, app.MeetHourMeetingsPath + "?list=upcoming", app.MeetHourRecordingsPath} {
		res = getJSON(t, guest, ts.URL+path, &e)
		assert.Equal(t, http.StatusUnauthorized, res.StatusCode, path)
	}
	assert.Zero(t, fake.Calls("/api/v1.2/meeting/schedulemeeting"))
	assert.Empty(t, fake.Scheduled())
	assert.Empty(t, fake.Contacts(), "nothing written upstream")
}

func TestMeetHourConsoleSchedulesListsAndStarts(t *testing.T) {
	ts, fake := startMeetHour(t, nil)
	mod := ts.browser(t)
	ts.login(t, mod)

	var zones struct{ Timezones []app.MeetHourTimezone }
	res := getJSON(t, mod, ts.URL+app.MeetHourTimezonesPath, &zones)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, zones.Timezones, app.MeetHourTimezone{Name: "(GMT+05:30) Asia/Kolkata", Value: "Asia/Kolkata"})

	var m app.MeetHourMeeting
	res = post(t, mod, ts.URL+app.MeetHourMeetingsPath, map[string]any{
		"name": "Quarterly review", "date": "2030-06-15", "time": "21:30", "timezone": "Asia/Kolkata",
		"passcode": "q-2030", "options": []string{"JOIN_ANYTIME", "ENABLE_LOBBY"}, "durationMinutes": 90,
	}, &m)
	require.Equal(t, http.StatusCreated, res.StatusCode)
	assert.Equal(t, strings.ToLower(m.MeetingID), m.Room)
	sent := fake.Scheduled()[0]
	assert.Equal(t, []string{"Quarterly review", "09:30", "PM", "15-06-2030", "Asia/Kolkata", "q-2030"},
		[]string{sent.MeetingName, sent.MeetingTime, sent.MeetingMeridiem, sent.MeetingDate, sent.Timezone, sent.Passcode})
	assert.Equal(t, 1, *sent.DurationHr)
	assert.Equal(t, 30, *sent.DurationMin)

	var list struct {
		TotalPages, TotalRecords int
		Meetings                 []app.MeetHourMeeting
	}
	res = getJSON(t, mod, ts.URL+app.MeetHourMeetingsPath+"?list=upcoming", &list)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Len(t, list.Meetings, 1)
	assert.Equal(t, m.MeetingID, list.Meetings[0].MeetingID)
	assert.Equal(t, "2030-06-15 21:30:00", list.Meetings[0].StartTime)
	for _, l := range []string{"missed", "completed"} {
		res = getJSON(t, mod, ts.URL+app.MeetHourMeetingsPath+"?list="+l, &list)
		require.Equal(t, http.StatusOK, res.StatusCode)
		assert.Empty(t, list.Meetings, l)
	}

	// Start it: a moderator token for its room; members join it too.
	var g grant
	res = post(t, mod, ts.URL+"/api/token", map[string]string{"room": m.Room, "role": "moderator"}, &g)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, m.MeetingID, g.RoomName)
	assert.Len(t, fake.Scheduled(), 1, "starting schedules nothing more")
	var member grant
	res = post(t, ts.browser(t), ts.URL+"/api/token", map[string]string{"room": m.Room, "email": "bob@example.com"}, &member)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, m.MeetingID, member.RoomName)

	fake.AddRecording(meethour.StorageLocal, meethour.Recording{Name: "review.mp4", Topic: "Quarterly review", Path: "https://files.example.com/review.mp4"})
	var recs struct {
		TotalRecords int
		Recordings   []app.MeetHourRecording
	}
	res = getJSON(t, mod, ts.URL+app.MeetHourRecordingsPath, &recs)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Len(t, recs.Recordings, 1)
	assert.Equal(t, "https://files.example.com/review.mp4", recs.Recordings[0].Link)
	assert.Equal(t, meethour.StorageLocal, recs.Recordings[0].Storage)

	// Bad input and upstream failures get clear answers.
	var e errorBody
	res = post(t, mod, ts.URL+app.MeetHourMeetingsPath, map[string]any{"name": "", "date": "15/06/2030", "time": "9pm", "timezone": "Mars/Base", "passcode": "q", "options": []string{"TELEPORT"}}, &e)
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	for _, want := range []string{"a name", "a passcode", "a timezone", "a date", "TELEPORT"} {
		assert.Contains(t, e.Error.Message, want)
	}
	res = getJSON(t, mod, ts.URL+app.MeetHourMeetingsPath+"?list=past", &e)
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	res = getJSON(t, mod, ts.URL+app.MeetHourRecordingsPath+"?page=0", &e)
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	fake.Fail(meethourtest.SuccessFalse)
	res = getJSON(t, mod, ts.URL+app.MeetHourTimezonesPath, &e)
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	assert.Equal(t, "Meet Hour refused: "+meethourtest.SuccessFalseMessage, e.Error.Message)
	fake.Fail(meethourtest.InternalError)
	res = getJSON(t, mod, ts.URL+app.MeetHourMeetingsPath+"?list=upcoming", &e)
	assert.Equal(t, http.StatusBadGateway, res.StatusCode)
}

func TestMeetHourConsoleRoutesOnlyWithMeetHour(t *testing.T) {
	ts := start(t, Config{})
	mod := ts.browser(t)
	ts.login(t, mod)
	var e errorBody
	res := getJSON(t, mod, ts.URL+app.MeetHourTimezonesPath, &e)
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestMeetHourWebhooksReachTheModeratorsEventStream(t *testing.T) {
	ts, _ := startMeetHour(t, func(s *MeetHourSettings) { s.WebhookSecret = testWebhookSecret })
	mod := ts.browser(t)
	ts.login(t, mod)
	sc := followEvents(t, mod, ts.URL)

	ev := meethourtest.Webhook{Type: meethour.EventJoinMeeting, ID: "ev-1", Timestamp: time.Now().UTC(), Data: meethourtest.JoinData("MHR1", "Dan", "dan@example.com")}
	forged := ev
	forged.ID = "ev-forged"
	req := forged.Request(ts.URL+MeetHourWebhookPath, []byte("not-the-secret-0123456789"))
	wres, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	wres.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, wres.StatusCode)

	wres, err = http.DefaultClient.Do(ev.Request(ts.URL+MeetHourWebhookPath, []byte(testWebhookSecret)))
	require.NoError(t, err)
	wres.Body.Close()
	require.Equal(t, http.StatusOK, wres.StatusCode)

	got := nextEvent(t, sc)
	assert.Equal(t, "meethour", got.Source)
	assert.Equal(t, "join_meeting", got.Type)
	assert.Contains(t, string(got.Payload), `"event_id":"ev-1"`, "the first event is the signed one, not the forgery")
	assert.Contains(t, string(got.Payload), `"name":"Dan"`)
}

func TestMeetHourWeakWebhookSecretIsRefused(t *testing.T) {
	fake := meethourtest.NewServer(meethourtest.Config{})
	t.Cleanup(fake.Close)
	_, err := New(Config{PublicHost: "127.0.0.1:1", WasmPath: writeBundle(t), Provider: ProviderMeetHour, MeetHour: MeetHourSettings{
		BaseURL: fake.URL, ClientID: meethourtest.ClientID, ClientSecret: meethourtest.ClientSecret,
		Username: meethourtest.Username, Password: meethourtest.Password, APIKey: meethourtest.APIKey, WebhookSecret: "short",
	}}, nil)
	require.ErrorContains(t, err, "MEETBRIDGE_MEETHOUR_WEBHOOK_SECRET")
	assert.ErrorContains(t, err, "weak")
}

func TestMeetHourConsoleShowsOnlyWebLinks(t *testing.T) {
	// Recording paths and join URLs come from Meet Hour (a custom
	// storage's path is the customer's own): the console makes them
	// links, so only http and https ones may reach it.
	ts, fake := startMeetHour(t, nil)
	mod := ts.browser(t)
	ts.login(t, mod)
	for _, path := range []string{"javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x"} {
		fake.AddRecording(meethour.StorageCustom, meethour.Recording{Name: "bad.mp4", Path: path})
	}
	fake.AddRecording(meethour.StorageCustom, meethour.Recording{Name: "good.mp4", Path: "https://files.example.com/good.mp4"})
	var recs struct{ Recordings []app.MeetHourRecording }
	res := getJSON(t, mod, ts.URL+app.MeetHourRecordingsPath, &recs)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Len(t, recs.Recordings, 5)
	for _, r := range recs.Recordings {
		if r.Name == "good.mp4" {
			assert.Equal(t, "https://files.example.com/good.mp4", r.Link)
			continue
		}
		assert.Empty(t, r.Link, "a non-web link is dropped")
	}
}
