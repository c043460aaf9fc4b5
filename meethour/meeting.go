package meethour

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"
)

// ScheduleRequest describes a meeting to schedule.
type ScheduleRequest struct {
	// Name is the meeting's name (meeting_name).
	Name string
	// Passcode is the meeting's password (passcode).
	Passcode string
	// Start is when the meeting starts. Its location is the timezone sent
	// (for example time.LoadLocation("Asia/Kolkata"), or time.UTC); the
	// date and the 12-hour time are expressed in it. time.Local is refused
	// because its name says nothing to Meet Hour.
	Start time.Time
	// Duration is the planned length, sent in hours and minutes when set.
	Duration time.Duration
	// Agenda is an optional agenda.
	Agenda string
	// Options are meeting options such as "ALLOW_GUEST", "JOIN_ANYTIME" or
	// "ENABLE_LOBBY".
	Options []string
	// RecordingStorage is default_recording_storage; "Dropbox" when empty,
	// as in the SDKs.
	RecordingStorage string
	// SendCalendarInvite mails calendar invitations to attendees.
	SendCalendarInvite bool
	// ShowPortal shows the meeting in the Meet Hour portal.
	ShowPortal bool
}

// Meeting is a scheduled meeting.
type Meeting struct {
	// ID is the meeting id, such as "MHR240416944": the room name the page
	// passes to MeetHourExternalAPI.
	ID string
	// Passcode is the meeting's password.
	Passcode string
	// JoinURL is the meeting's link; it carries the pcode.
	JoinURL string
	// PCode is the encrypted password the page passes as the pcode option.
	PCode string
}

const (
	opSchedule = "schedulemeeting"
	opView     = "viewmeeting"
)

// scheduleBody is the schedulemeeting request body.
type scheduleBody struct {
	MeetingName             string   `json:"meeting_name"`
	Passcode                string   `json:"passcode"`
	MeetingTime             string   `json:"meeting_time"`
	MeetingMeridiem         string   `json:"meeting_meridiem"`
	MeetingDate             string   `json:"meeting_date"`
	Timezone                string   `json:"timezone"`
	Agenda                  string   `json:"agenda,omitempty"`
	DurationHr              *int     `json:"duration_hr,omitempty"`
	DurationMin             *int     `json:"duration_min,omitempty"`
	Options                 []string `json:"options,omitempty"`
	DefaultRecordingStorage string   `json:"default_recording_storage"`
	SendCalendarInvite      int      `json:"send_calendar_invite"`
	IsShowPortal            int      `json:"is_show_portal"`
}

// meetingData is the meeting in schedulemeeting and viewmeeting answers.
type meetingData struct {
	MeetingID string `json:"meeting_id"`
	Passcode  string `json:"passcode"`
	JoinURL   string `json:"joinURL"`
	PCode     string `json:"pcode"`
}

// meeting converts d, taking the pcode from the join URL when the answer
// has none (as Meet Hour's WordPress plugin does).
func (d meetingData) meeting(id string) Meeting {
	m := Meeting{ID: id, Passcode: d.Passcode, JoinURL: d.JoinURL, PCode: d.PCode}
	if m.PCode == "" {
		m.PCode = pcodeFromJoinURL(d.JoinURL)
	}
	return m
}

// pcodeFromJoinURL returns the pcode query parameter of a join URL.
func pcodeFromJoinURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return u.Query().Get("pcode")
}

// ScheduleMeeting schedules a meeting and returns its id and pcode.
func (c *Client) ScheduleMeeting(ctx context.Context, r ScheduleRequest) (Meeting, error) {
	body, err := r.body()
	if err != nil {
		return Meeting{}, fmt.Errorf("meethour: %s: %w", opSchedule, err)
	}
	var resp struct {
		Data *meetingData `json:"data"`
	}
	if err := c.call(ctx, opSchedule, "/api/v1.2/meeting/schedulemeeting", body, &resp); err != nil {
		return Meeting{}, err
	}
	if resp.Data == nil || resp.Data.MeetingID == "" {
		return Meeting{}, fmt.Errorf("meethour: %s: %w: no data.meeting_id", opSchedule, ErrMalformedResponse)
	}
	m := resp.Data.meeting(resp.Data.MeetingID)
	if m.PCode == "" {
		return Meeting{}, fmt.Errorf("meethour: %s: %w: no pcode in data.pcode or data.joinURL", opSchedule, ErrMalformedResponse)
	}
	return m, nil
}

// body checks r and builds the request body.
func (r ScheduleRequest) body() (scheduleBody, error) {
	var errs []error
	if r.Name == "" {
		errs = append(errs, errors.New("Name is required"))
	}
	if r.Passcode == "" {
		errs = append(errs, errors.New("Passcode is required"))
	}
	tz := r.Start.Location().String()
	if r.Start.IsZero() {
		errs = append(errs, errors.New("Start is required"))
	} else if tz == "Local" || tz == "" {
		errs = append(errs, errors.New("Start must be in a named location such as time.UTC or Asia/Kolkata, not time.Local"))
	}
	if r.Duration < 0 {
		errs = append(errs, fmt.Errorf("negative Duration %s", r.Duration))
	}
	if err := errors.Join(errs...); err != nil {
		return scheduleBody{}, err
	}
	b := scheduleBody{
		MeetingName:             r.Name,
		Passcode:                r.Passcode,
		MeetingTime:             r.Start.Format("03:04"),
		MeetingMeridiem:         r.Start.Format("PM"),
		MeetingDate:             r.Start.Format("02-01-2006"),
		Timezone:                tz,
		Agenda:                  r.Agenda,
		Options:                 r.Options,
		DefaultRecordingStorage: r.RecordingStorage,
		SendCalendarInvite:      boolInt(r.SendCalendarInvite),
		IsShowPortal:            boolInt(r.ShowPortal),
	}
	if b.DefaultRecordingStorage == "" {
		b.DefaultRecordingStorage = "Dropbox"
	}
	if r.Duration > 0 {
		h, m := int(r.Duration/time.Hour), int(r.Duration%time.Hour/time.Minute)
		b.DurationHr, b.DurationMin = &h, &m
	}
	return b, nil
}

// boolInt is 1 for true, as Meet Hour's meeting flags are ints.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ViewMeeting returns a scheduled meeting, including its pcode.
func (c *Client) ViewMeeting(ctx context.Context, meetingID string) (Meeting, error) {
	if meetingID == "" {
		return Meeting{}, fmt.Errorf("meethour: %s: meeting id is required", opView)
	}
	var resp struct {
		Meeting *meetingData `json:"meeting"`
	}
	err := c.call(ctx, opView, "/api/v1.2/meeting/viewmeeting", struct {
		MeetingID string `json:"meeting_id"`
	}{meetingID}, &resp)
	if err != nil {
		return Meeting{}, err
	}
	if resp.Meeting == nil {
		return Meeting{}, fmt.Errorf("meethour: %s: %w: no meeting", opView, ErrMalformedResponse)
	}
	return resp.Meeting.meeting(meetingID), nil
}
