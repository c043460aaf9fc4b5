package meethour_test

import (
	"testing"
	"time"

	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScheduleMeeting(t *testing.T) {
	f := newFixture(t)
	kolkata := time.FixedZone("Asia/Kolkata", 5*3600+1800)
	m, err := f.client.ScheduleMeeting(t.Context(), meethour.ScheduleRequest{
		Name:     "Daily standup",
		Passcode: "pass-1234",
		Start:    time.Date(2026, 4, 16, 21, 5, 0, 0, kolkata),
		Duration: 90 * time.Minute,
		Agenda:   "status",
		Options:  []string{"JOIN_ANYTIME", "ENABLE_LOBBY"},
	})
	require.NoError(t, err)
	stored, ok := f.srv.Meeting(m.ID)
	require.True(t, ok)
	assert.Equal(t, stored, m)
	assert.NotEmpty(t, m.PCode)
	assert.Regexp(t, `^MHR\d{9}$`, m.ID)

	sent := f.srv.Scheduled()
	require.Len(t, sent, 1)
	one, zero, thirty := 1, 0, 30
	assert.Equal(t, meethourtest.ScheduleBody{
		MeetingName:             "Daily standup",
		Passcode:                "pass-1234",
		MeetingTime:             "09:05",
		MeetingMeridiem:         "PM",
		MeetingDate:             "16-04-2026",
		Timezone:                "Asia/Kolkata",
		DefaultRecordingStorage: "Dropbox",
		SendCalendarInvite:      &zero,
		IsShowPortal:            &zero,
		Agenda:                  "status",
		DurationHr:              &one,
		DurationMin:             &thirty,
		Options:                 []string{"JOIN_ANYTIME", "ENABLE_LOBBY"},
	}, sent[0])

	viewed, err := f.client.ViewMeeting(t.Context(), m.ID)
	require.NoError(t, err)
	assert.Equal(t, m, viewed.Meeting)
	assert.Equal(t, "Daily standup", viewed.Topic)
	assert.Equal(t, meethourtest.Username, viewed.Organizer.Email)
	assert.JSONEq(t, `{"allow_guest":0,"join_anytime":1,"enable_lobby":1,"enable_recording":0,"enable_livestream":0,"enable_embeed_meeting":0,"donor_box":0}`, string(viewed.Settings))
}

func TestScheduleMeetingMorningAndFlags(t *testing.T) {
	f := newFixture(t)
	_, err := f.client.ScheduleMeeting(t.Context(), meethour.ScheduleRequest{
		Name: "early", Passcode: "p", Start: time.Date(2026, 1, 2, 0, 30, 0, 0, time.UTC),
		SendCalendarInvite: true, ShowPortal: true, RecordingStorage: "Local",
	})
	require.NoError(t, err)
	sent := f.srv.Scheduled()[0]
	assert.Equal(t, "12:30", sent.MeetingTime)
	assert.Equal(t, "AM", sent.MeetingMeridiem)
	assert.Equal(t, "02-01-2026", sent.MeetingDate)
	assert.Equal(t, "UTC", sent.Timezone)
	assert.Equal(t, 1, *sent.SendCalendarInvite)
	assert.Equal(t, 1, *sent.IsShowPortal)
	assert.Equal(t, "Local", sent.DefaultRecordingStorage)
	assert.Nil(t, sent.DurationHr)
}

func TestScheduleMeetingRefusesBadRequests(t *testing.T) {
	f := newFixture(t)
	_, err := f.client.ScheduleMeeting(t.Context(), meethour.ScheduleRequest{Start: time.Date(2026, 1, 2, 0, 30, 0, 0, time.Local), Duration: -1})
	require.Error(t, err)
	for _, want := range []string{"Name is required", "Passcode is required", "not time.Local", "negative Duration"} {
		assert.ErrorContains(t, err, want)
	}
	assert.Equal(t, 0, f.srv.Logins(), "nothing is sent")

	// The fake refuses what the real API refuses.
	_, err = f.client.ScheduleMeeting(t.Context(), meethour.ScheduleRequest{
		Name: "x", Passcode: "p", Start: time.Date(2026, 1, 2, 0, 30, 0, 0, time.UTC), Options: []string{"TELEPORT"},
	})
	var ae *meethour.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 422, ae.Status)
	assert.Equal(t, `The option "TELEPORT" is invalid.`, ae.Message)
}

func TestViewMeetingUnknown(t *testing.T) {
	f := newFixture(t)
	_, err := f.client.ViewMeeting(t.Context(), "MHR999")
	var ae *meethour.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 404, ae.Code)
	_, err = f.client.ViewMeeting(t.Context(), "")
	assert.ErrorContains(t, err, "meeting id is required")
}
