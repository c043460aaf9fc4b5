package meethour_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
)

func TestUserDetailsAndTimezones(t *testing.T) {
	f := newFixture(t)
	u, err := f.client.UserDetails(t.Context())
	require.NoError(t, err)
	assert.Equal(t, meethour.User{ID: 1, Name: "Owner", Email: meethourtest.Username}, u)

	zones, err := f.client.Timezones(t.Context())
	require.NoError(t, err)
	require.Len(t, zones, len(meethourtest.Timezones))
	assert.Equal(t, meethour.Timezone{Name: "(GMT+05:30) Asia/Kolkata", Value: "Asia/Kolkata"}, zones[1])
}

func TestContacts(t *testing.T) {
	f := newFixture(t)
	ada, err := f.client.AddContact(t.Context(), meethour.ContactInput{Email: "ada@example.com", FirstName: "Ada", LastName: "L"})
	require.NoError(t, err)
	assert.Positive(t, ada.ID)
	assert.Equal(t, "Ada", ada.FirstName)

	// The same email again is a duplicate, which errors.Is recognises.
	_, err = f.client.AddContact(t.Context(), meethour.ContactInput{Email: "ada@example.com", FirstName: "Ada"})
	require.ErrorIs(t, err, meethour.ErrContactExists)
	var ae *meethour.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, meethourtest.DuplicateContactMessage, ae.Message)

	// FindOrAddContact finds, or adds once.
	found, err := f.client.FindOrAddContact(t.Context(), meethour.ContactInput{Email: "ADA@example.com", FirstName: "Ada"})
	require.NoError(t, err)
	assert.Equal(t, ada.ID, found.ID)
	bob, err := f.client.FindOrAddContact(t.Context(), meethour.ContactInput{Email: "bob@example.com", FirstName: "Bob"})
	require.NoError(t, err)
	assert.NotEqual(t, ada.ID, bob.ID)
	assert.Len(t, f.srv.Contacts(), 2)

	require.NoError(t, f.client.EditContact(t.Context(), bob.ID, meethour.ContactInput{Email: "bob@example.com", FirstName: "Robert"}))
	assert.Equal(t, "Robert", f.srv.Contacts()[1].FirstName)
	require.NoError(t, f.client.DeleteContact(t.Context(), ada.ID))
	assert.Len(t, f.srv.Contacts(), 1)
	err = f.client.DeleteContact(t.Context(), ada.ID)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 404, ae.Code)

	// Bad input is refused before anything is sent.
	before := f.srv.Calls("/api/v1.2/customer/addcontact")
	_, err = f.client.AddContact(t.Context(), meethour.ContactInput{Email: "Ada <ada@example.com>"})
	require.ErrorContains(t, err, "Email must be a bare address")
	assert.ErrorContains(t, err, "FirstName is required")
	assert.Equal(t, before, f.srv.Calls("/api/v1.2/customer/addcontact"))
	assert.ErrorContains(t, f.client.EditContact(t.Context(), 0, meethour.ContactInput{}), "contact id must be positive")
}

func TestContactPagination(t *testing.T) {
	f := newFixture(t)
	for i := range 23 {
		f.srv.AddContact(meethour.Contact{Email: fmt.Sprintf("c%02d@example.com", i), FirstName: "C"})
	}
	page, err := f.client.Contacts(t.Context(), meethour.ContactQuery{ListOptions: meethour.ListOptions{Limit: 10, Page: 3}})
	require.NoError(t, err)
	assert.Equal(t, meethour.Paging{TotalPages: 3, TotalRecords: 23}, page.Paging)
	require.Len(t, page.Contacts, 3)
	assert.Equal(t, "c20@example.com", page.Contacts[0].Email)

	calls := f.srv.Calls("/api/v1.2/customer/contacts")
	var emails []string
	for c, err := range f.client.AllContacts(t.Context(), meethour.ContactQuery{ListOptions: meethour.ListOptions{Limit: 10}}) {
		require.NoError(t, err)
		emails = append(emails, c.Email)
	}
	require.Len(t, emails, 23)
	assert.Equal(t, "c00@example.com", emails[0])
	assert.Equal(t, "c22@example.com", emails[22])
	assert.Equal(t, calls+3, f.srv.Calls("/api/v1.2/customer/contacts"), "one request per page")

	// Breaking out early asks for no further page.
	calls = f.srv.Calls("/api/v1.2/customer/contacts")
	for range f.client.AllContacts(t.Context(), meethour.ContactQuery{ListOptions: meethour.ListOptions{Limit: 5}}) {
		break
	}
	assert.Equal(t, calls+1, f.srv.Calls("/api/v1.2/customer/contacts"))

	// An error ends the iteration with that error.
	f.srv.Fail(meethourtest.SuccessFalse)
	var got []error
	for _, err := range f.client.AllContacts(t.Context(), meethour.ContactQuery{}) {
		got = append(got, err)
	}
	require.Len(t, got, 1)
	var ae *meethour.APIError
	require.ErrorAs(t, got[0], &ae)
	assert.Equal(t, &meethour.APIError{Op: "contacts", Status: 200, Code: 400, Message: meethourtest.SuccessFalseMessage}, ae)

	f.srv.Fail(meethourtest.None)
	_, err = f.client.Contacts(t.Context(), meethour.ContactQuery{ListOptions: meethour.ListOptions{Limit: 500}})
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 422, ae.Status)
	_, err = f.client.Contacts(t.Context(), meethour.ContactQuery{ListOptions: meethour.ListOptions{Page: -1}})
	assert.ErrorContains(t, err, "negative limit or page")
}

func TestMeetingLists(t *testing.T) {
	f := newFixture(t) // one upcoming meeting already
	now := f.clock.Now()
	var missed []string
	for i := range 4 {
		m := f.srv.AddMeeting(fmt.Sprintf("old-%d", i), "p")
		f.srv.SetMeetingStart(m.ID, now.Add(-time.Duration(i+1)*time.Hour))
		missed = append(missed, m.ID)
	}
	done := f.srv.AddMeeting("done", "p")
	f.srv.CompleteMeeting(done.ID)

	up, err := f.client.Meetings(t.Context(), meethour.Upcoming, meethour.MeetingQuery{})
	require.NoError(t, err)
	require.Len(t, up.Meetings, 1)
	m := up.Meetings[0]
	assert.Equal(t, f.meetingID, m.MeetingID)
	assert.Equal(t, "standup", m.Topic)
	assert.Equal(t, "01:00", m.Duration)
	start, err := m.Start()
	require.NoError(t, err)
	assert.Equal(t, now.Add(time.Hour), start.UTC())

	var ids []string
	for m, err := range f.client.AllMeetings(t.Context(), meethour.Missed, meethour.MeetingQuery{ListOptions: meethour.ListOptions{Limit: 3}, ShowAll: true}) {
		require.NoError(t, err)
		ids = append(ids, m.MeetingID)
	}
	assert.Equal(t, missed, ids, "two pages of missed meetings, in order")

	comp, err := f.client.Meetings(t.Context(), meethour.Completed, meethour.MeetingQuery{})
	require.NoError(t, err)
	require.Len(t, comp.Meetings, 1)
	assert.Equal(t, done.ID, comp.Meetings[0].MeetingID)
	assert.Equal(t, 1, f.srv.Calls("/api/v1.2/meeting/completedmeetings"), "completedmeetings, with the s")

	_, err = f.client.Meetings(t.Context(), "pastmeetings", meethour.MeetingQuery{})
	assert.ErrorContains(t, err, "unknown meeting list")
	_, err = (meethour.MeetingSummary{MeetingID: "x", Timezone: "UTC", StartTime: "soon"}).Start()
	assert.ErrorContains(t, err, "is not YYYY-MM-DD")
}

func TestScheduleRecurringWithInvitees(t *testing.T) {
	f := newFixture(t)
	host := f.srv.AddContact(meethour.Contact{Email: "host@example.com", FirstName: "Hal"})
	m, err := f.client.ScheduleMeeting(t.Context(), meethour.ScheduleRequest{
		Name: "weekly", Passcode: "p", Start: time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC),
		Attendees:       []meethour.Invitee{{Email: "new@example.com", FirstName: "New", LastName: "Person"}},
		Hosts:           []meethour.Invitee{{ContactID: host.ID}},
		PreRegistration: true,
		Instructions:    "bring coffee",
		Recurrence:      &meethour.Recurrence{Type: "weekly", Interval: 1, WeeklyDays: []int{2, 4}, EndBy: "times", EndTimes: 10},
	})
	require.NoError(t, err)
	sent := f.srv.Scheduled()[0]
	assert.Equal(t, 1, *sent.IsRecurring)
	assert.Equal(t, "weekly", sent.RecurringType)
	assert.Equal(t, 1, *sent.RepeatInterval)
	assert.JSONEq(t, `[2,4]`, string(sent.WeeklyWeekDays))
	assert.JSONEq(t, `10`, string(sent.EndTimes))
	assert.Equal(t, 1, *sent.EnablePreRegistration)
	require.Len(t, sent.Attend, 1)
	assert.JSONEq(t, `{"email":"new@example.com","first_name":"New","last_name":"Person"}`, string(sent.Attend[0]))
	assert.JSONEq(t, fmt.Sprint(host.ID), string(sent.HostUsers[0]))

	d, err := f.client.ViewMeeting(t.Context(), m.ID)
	require.NoError(t, err)
	require.Len(t, d.Attendees, 1)
	assert.Equal(t, "new@example.com", d.Attendees[0].Email)
	assert.True(t, d.HasContact(d.Attendees[0].ContactID))
	require.Len(t, d.Hosts, 1)
	assert.True(t, d.IsHostEmail("HOST@example.com"))
	assert.True(t, d.IsHostEmail(meethourtest.Username), "the organizer")
	assert.False(t, d.IsHostEmail("new@example.com"))

	_, err = f.client.ScheduleMeeting(t.Context(), meethour.ScheduleRequest{Name: "x", Passcode: "p",
		Start: time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC), Recurrence: &meethour.Recurrence{Type: "yearly"}})
	assert.ErrorContains(t, err, `Recurrence.Type "yearly"`)
}

func TestEditArchiveDeleteMeeting(t *testing.T) {
	f := newFixture(t)
	ada := f.srv.AddContact(meethour.Contact{Email: "ada@example.com", FirstName: "Ada"})
	bob := f.srv.AddContact(meethour.Contact{Email: "bob@example.com", FirstName: "Bob"})
	require.NoError(t, f.client.EditMeeting(t.Context(), f.meetingID, meethour.MeetingChange{Attendees: []meethour.Invitee{{ContactID: ada.ID}}}))
	require.NoError(t, f.client.EditMeeting(t.Context(), f.meetingID, meethour.MeetingChange{
		Name: "renamed", Attendees: []meethour.Invitee{{ContactID: bob.ID}}, KeepAttendees: []meethour.Invitee{{ContactID: ada.ID}},
	}))
	assert.Equal(t, []int64{ada.ID, bob.ID}, f.srv.Attendees(f.meetingID))
	edits := f.srv.Edits()
	require.Len(t, edits, 2)
	assert.Equal(t, f.meetingID, edits[1].MeetingID)
	assert.Equal(t, "renamed", edits[1].MeetingName)
	assert.Empty(t, edits[1].MeetingDate, "unchanged fields are not sent")

	require.NoError(t, f.client.ArchiveMeeting(t.Context(), f.meetingID))
	assert.True(t, f.srv.Archived(f.meetingID), "archive sends meeting_id, which the fake requires")
	up, err := f.client.Meetings(t.Context(), meethour.Upcoming, meethour.MeetingQuery{})
	require.NoError(t, err)
	assert.Empty(t, up.Meetings)
	assert.Equal(t, meethour.Paging{}, up.Paging)

	require.NoError(t, f.client.DeleteMeeting(t.Context(), f.meetingID))
	_, ok := f.srv.Meeting(f.meetingID)
	assert.False(t, ok)
	err = f.client.DeleteMeeting(t.Context(), f.meetingID)
	var ae *meethour.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 404, ae.Code)
	for _, err := range []error{
		f.client.EditMeeting(t.Context(), "", meethour.MeetingChange{}),
		f.client.ArchiveMeeting(t.Context(), ""),
		f.client.DeleteMeeting(t.Context(), ""),
	} {
		assert.ErrorContains(t, err, "meeting id is required")
	}
	assert.ErrorContains(t, f.client.EditMeeting(t.Context(), "MHR1", meethour.MeetingChange{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.Local)}), "not time.Local")
}

func TestRecordings(t *testing.T) {
	f := newFixture(t)
	var added []meethour.Recording
	for i, storage := range []string{meethour.StorageDropbox, meethour.StorageLocal, meethour.StorageCustom, meethour.StorageLocal, meethour.StorageDropbox} {
		added = append(added, f.srv.AddRecording(storage, meethour.Recording{
			Name: fmt.Sprintf("rec-%d", i), Topic: "standup", Date: "2026-03-14", Path: fmt.Sprintf("https://files.example.com/%d.mp4", i), Duration: "0:10:00",
		}))
	}
	page, err := f.client.Recordings(t.Context(), meethour.RecordingQuery{ListOptions: meethour.ListOptions{Limit: 2}})
	require.NoError(t, err)
	assert.Equal(t, meethour.Paging{TotalPages: 3, TotalRecords: 5}, page.Paging)
	assert.Len(t, page.Dropbox, 1)
	assert.Len(t, page.MeetHour, 1)
	assert.Equal(t, meethour.Text("1048576"), page.Dropbox[0].Size, "a numeric size is kept as text")

	var all []meethour.Recording
	for r, err := range f.client.AllRecordings(t.Context(), meethour.RecordingQuery{ListOptions: meethour.ListOptions{Limit: 2}}) {
		require.NoError(t, err)
		all = append(all, r)
	}
	require.Len(t, all, 5)
	for _, r := range all {
		assert.Equal(t, added[r.ID-1].Storage, r.Storage)
		assert.Equal(t, added[r.ID-1].Path, r.Path)
	}

	local, err := f.client.Recordings(t.Context(), meethour.RecordingQuery{FilterBy: meethour.StorageLocal})
	require.NoError(t, err)
	assert.Len(t, local.All(), 2)
	_, err = f.client.Recordings(t.Context(), meethour.RecordingQuery{FilterBy: "S3"})
	assert.ErrorContains(t, err, `FilterBy "S3"`)

	r, err := f.client.GetRecording(t.Context(), added[2].ID)
	require.NoError(t, err)
	assert.Equal(t, "rec-2", r.Name)
	require.NoError(t, f.client.DeleteRecording(t.Context(), added[2].ID))
	_, err = f.client.GetRecording(t.Context(), added[2].ID)
	var ae *meethour.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "Recording not found.", ae.Message)
	_, err = f.client.GetRecording(t.Context(), 0)
	assert.ErrorContains(t, err, "recording id must be positive")
}

func TestEveryEndpointRetriesOnceAfterAnExpiredToken(t *testing.T) {
	f := newFixture(t)
	calls := map[string]func() error{
		"user_details": func() error { _, err := f.client.UserDetails(t.Context()); return err },
		"timezones":    func() error { _, err := f.client.Timezones(t.Context()); return err },
		"contacts":     func() error { _, err := f.client.Contacts(t.Context(), meethour.ContactQuery{}); return err },
		"upcoming": func() error {
			_, err := f.client.Meetings(t.Context(), meethour.Upcoming, meethour.MeetingQuery{})
			return err
		},
		"recordings": func() error { _, err := f.client.Recordings(t.Context(), meethour.RecordingQuery{}); return err },
		"view":       func() error { _, err := f.client.ViewMeeting(t.Context(), f.meetingID); return err },
	}
	logins := 0
	for name, call := range calls {
		f.srv.ExpireAccessTokens()
		require.NoError(t, call(), name)
		logins++
		assert.Equal(t, logins, f.srv.Logins(), name)
	}
	// success:false is an error for every endpoint, with its message.
	f.srv.Fail(meethourtest.SuccessFalse)
	for name, call := range calls {
		err := call()
		var ae *meethour.APIError
		require.True(t, errors.As(err, &ae), name)
		assert.Equal(t, meethourtest.SuccessFalseMessage, ae.Message, name)
	}
}
