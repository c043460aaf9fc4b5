package meethour

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// ScheduleRequest describes a meeting to schedule.
type ScheduleRequest struct {
	// Name is the meeting's name (meeting_name).
	Name string
	// Passcode is the meeting's password (passcode).
	Passcode string
	// Start is when the meeting starts. Its location is the timezone sent
	// (for example time.LoadLocation("Asia/Kolkata"), or time.UTC; see
	// Timezones for those Meet Hour accepts); the date and the 12-hour
	// time are expressed in it. time.Local is refused because its name
	// says nothing to Meet Hour.
	Start time.Time
	// Duration is the planned length, sent in hours and minutes when set.
	Duration time.Duration
	// Agenda is an optional agenda.
	Agenda string
	// Instructions are optional instructions for the attendees.
	Instructions string
	// Options are meeting options such as OptionAllowGuest or
	// OptionJoinAnytime.
	Options []string
	// Attendees and Hosts are invited (attend, hostusers); Groups are
	// contact group ids.
	Attendees, Hosts []Invitee
	Groups           []int64
	// PreRegistration asks attendees to register first.
	PreRegistration bool
	// Recurrence repeats the meeting; nil schedules it once.
	Recurrence *Recurrence
	// RecordingStorage is default_recording_storage; "Dropbox" when empty,
	// as in the SDKs.
	RecordingStorage string
	// SendCalendarInvite mails calendar invitations to attendees.
	SendCalendarInvite bool
	// ShowPortal shows the meeting in the Meet Hour portal.
	ShowPortal bool
}

// Meeting options the SDKs send in ScheduleRequest.Options.
const (
	OptionAllowGuest          = "ALLOW_GUEST"
	OptionJoinAnytime         = "JOIN_ANYTIME"
	OptionEnableLobby         = "ENABLE_LOBBY"
	OptionLivePad             = "LIVEPAD"
	OptionWhiteBoard          = "WHITE_BOARD"
	OptionEnableRecording     = "ENABLE_RECORDING"
	OptionEnableBreakoutRooms = "ENABLE_BREAKOUT_ROOMS"
	OptionEnableLivestream    = "ENABLE_LIVESTREAM"
	// OptionEnableEmbedMeeting is spelt as Meet Hour spells it.
	OptionEnableEmbedMeeting = "ENABLE_EMBEED_MEETING"
	OptionDonorBox           = "DONOR_BOX"
)

// MeetingOptions lists the options above, in the portal's order.
var MeetingOptions = []string{OptionAllowGuest, OptionJoinAnytime, OptionEnableLobby, OptionLivePad, OptionWhiteBoard,
	OptionEnableRecording, OptionEnableBreakoutRooms, OptionEnableLivestream, OptionEnableEmbedMeeting, OptionDonorBox}

// Invitee is someone invited to a meeting: an existing contact by ID, or
// else a person by Email and name.
//
// The SDKs disagree on the person's shape: the TypeScript SDK's
// UserObjectType is {email, first_name, last_name}, the WordPress plugin
// sends {firstName, email} or {name, email}. Invitee follows the SDK type,
// which names the fields the way every Meet Hour answer does.
type Invitee struct {
	ContactID                  int64
	Email, FirstName, LastName string
}

// MarshalJSON sends a contact as its id and a person as an object.
func (i Invitee) MarshalJSON() ([]byte, error) {
	if i.ContactID != 0 {
		return json.Marshal(i.ContactID)
	}
	return json.Marshal(struct {
		Email     string `json:"email"`
		FirstName string `json:"first_name,omitempty"`
		LastName  string `json:"last_name,omitempty"`
	}{i.Email, i.FirstName, i.LastName})
}

// Recurrence repeats a meeting. The SDKs name these fields but not their
// values; the values below follow the portal's form [inferred].
type Recurrence struct {
	// Type is recurring_type: "daily", "weekly" or "monthly".
	Type string `json:"recurring_type"`
	// Interval is repeat_interval: every how many days, weeks or months.
	Interval int `json:"repeat_interval,omitempty"`
	// WeeklyDays are the days of a weekly meeting, 1 (Sunday) to 7.
	WeeklyDays []int `json:"weeklyWeekDays,omitempty"`
	// MonthlyBy is "day" (MonthlyDay of the month) or "weekday" (the
	// MonthlyWeekdayIndex-th MonthlyWeekday).
	MonthlyBy           string `json:"monthlyBy,omitempty"`
	MonthlyDay          int    `json:"monthlyByDay,omitempty"`
	MonthlyWeekday      string `json:"monthlyByWeekday,omitempty"`
	MonthlyWeekdayIndex string `json:"monthlyByWeekdayIndex,omitempty"`
	EndBy               string `json:"endBy,omitempty"`
	EndDate             string `json:"end_date_time,omitempty"`
	EndTimes            int    `json:"end_times,omitempty"`
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
	opEdit     = "editmeeting"
	opArchive  = "archivemeeting"
	opDelete   = "deletemeeting"
)

// scheduleBody is the schedulemeeting request body; editmeeting sends the
// same fields, all optional, with meeting_id and old_attend.
type scheduleBody struct {
	MeetingID             string    `json:"meeting_id,omitempty"`
	MeetingName           string    `json:"meeting_name,omitempty"`
	Passcode              string    `json:"passcode,omitempty"`
	MeetingTime           string    `json:"meeting_time,omitempty"`
	MeetingMeridiem       string    `json:"meeting_meridiem,omitempty"`
	MeetingDate           string    `json:"meeting_date,omitempty"`
	Timezone              string    `json:"timezone,omitempty"`
	Agenda                string    `json:"agenda,omitempty"`
	Instructions          string    `json:"instructions,omitempty"`
	DurationHr            *int      `json:"duration_hr,omitempty"`
	DurationMin           *int      `json:"duration_min,omitempty"`
	Options               []string  `json:"options,omitempty"`
	Attend                []Invitee `json:"attend,omitempty"`
	OldAttend             []Invitee `json:"old_attend,omitempty"`
	HostUsers             []Invitee `json:"hostusers,omitempty"`
	Groups                []int64   `json:"groups,omitempty"`
	EnablePreRegistration *int      `json:"enable_pre_registration,omitempty"`
	IsRecurring           *int      `json:"is_recurring,omitempty"`
	*Recurrence
	DefaultRecordingStorage string `json:"default_recording_storage,omitempty"`
	SendCalendarInvite      *int   `json:"send_calendar_invite,omitempty"`
	IsShowPortal            *int   `json:"is_show_portal,omitempty"`
}

// meetingData is the meeting in schedulemeeting and viewmeeting answers.
type meetingData struct {
	MeetingID string `json:"meeting_id"`
	Topic     string `json:"topic"`
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

// intp returns a pointer to n.
func intp(n int) *int { return &n }

// when fills the date, time and timezone fields of b from start.
func (b *scheduleBody) when(start time.Time) error {
	tz := start.Location().String()
	if tz == "Local" || tz == "" {
		return errors.New("Start must be in a named location such as time.UTC or Asia/Kolkata, not time.Local")
	}
	b.MeetingTime, b.MeetingMeridiem = start.Format("03:04"), start.Format("PM")
	b.MeetingDate, b.Timezone = start.Format("02-01-2006"), tz
	return nil
}

// duration fills duration_hr and duration_min.
func (b *scheduleBody) duration(d time.Duration) {
	if d > 0 {
		b.DurationHr, b.DurationMin = intp(int(d/time.Hour)), intp(int(d%time.Hour/time.Minute))
	}
}

// recurrence checks rec and fills the recurring fields.
func (b *scheduleBody) recurrence(rec *Recurrence) error {
	if rec == nil {
		return nil
	}
	switch rec.Type {
	case "daily", "weekly", "monthly":
	default:
		return fmt.Errorf("Recurrence.Type %q is not daily, weekly or monthly", rec.Type)
	}
	if rec.Interval < 0 || rec.EndTimes < 0 {
		return errors.New("negative Recurrence.Interval or EndTimes")
	}
	b.IsRecurring, b.Recurrence = intp(1), rec
	return nil
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
	if r.Duration < 0 {
		errs = append(errs, fmt.Errorf("negative Duration %s", r.Duration))
	}
	b := scheduleBody{
		MeetingName:             r.Name,
		Passcode:                r.Passcode,
		Agenda:                  r.Agenda,
		Instructions:            r.Instructions,
		Options:                 r.Options,
		Attend:                  r.Attendees,
		HostUsers:               r.Hosts,
		Groups:                  r.Groups,
		DefaultRecordingStorage: r.RecordingStorage,
		SendCalendarInvite:      intp(boolInt(r.SendCalendarInvite)),
		IsShowPortal:            intp(boolInt(r.ShowPortal)),
	}
	if r.Start.IsZero() {
		errs = append(errs, errors.New("Start is required"))
	} else if err := b.when(r.Start); err != nil {
		errs = append(errs, err)
	}
	if err := b.recurrence(r.Recurrence); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return scheduleBody{}, err
	}
	if r.PreRegistration {
		b.EnablePreRegistration = intp(1)
	}
	if b.DefaultRecordingStorage == "" {
		b.DefaultRecordingStorage = "Dropbox"
	}
	b.duration(r.Duration)
	return b, nil
}

// Person is a meeting's host.
type Person struct {
	ID          int64  `json:"id"`
	Email       string `json:"email"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Phone       string `json:"phone,omitempty"`
	CountryCode string `json:"country_code,omitempty"`
}

// Attendee is one of a meeting's attendees (meeting_attendees).
type Attendee struct {
	ID        int64  `json:"meeting_attendee_id"`
	ContactID int64  `json:"contact_id"`
	Email     string `json:"email"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	IsHost    Flag   `json:"is_host"`
}

// Organizer is who scheduled a meeting, the account owner.
type Organizer struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// MeetingDetails is a meeting as viewmeeting describes it.
type MeetingDetails struct {
	Meeting
	// Topic is the meeting's name.
	Topic string
	// Hosts are its hosts; Attendees its invited attendees (hosts among
	// them have IsHost set).
	Hosts     []Person
	Attendees []Attendee
	// Organizer is who scheduled it.
	Organizer Organizer
	// Settings are its flags as Meet Hour sends them, such as
	// {"allow_guest": 1, "join_anytime": 0}.
	Settings json.RawMessage
}

// HasContact reports whether the contact is among the meeting's attendees.
func (d MeetingDetails) HasContact(id int64) bool {
	for _, a := range d.Attendees {
		if a.ContactID == id {
			return true
		}
	}
	return false
}

// IsHostEmail reports whether email (without regard to case) is the
// organizer's, a host's or a host attendee's.
func (d MeetingDetails) IsHostEmail(email string) bool {
	eq := func(s string) bool { return s != "" && strings.EqualFold(s, email) }
	if eq(d.Organizer.Email) {
		return true
	}
	for _, h := range d.Hosts {
		if eq(h.Email) {
			return true
		}
	}
	for _, a := range d.Attendees {
		if bool(a.IsHost) && eq(a.Email) {
			return true
		}
	}
	return false
}

// ViewMeeting returns a scheduled meeting with its pcode, hosts, attendees
// and organizer.
func (c *Client) ViewMeeting(ctx context.Context, meetingID string) (MeetingDetails, error) {
	if meetingID == "" {
		return MeetingDetails{}, fmt.Errorf("meethour: %s: meeting id is required", opView)
	}
	var resp struct {
		Meeting *struct {
			meetingData
			Hosts    []Person        `json:"hosts"`
			Settings json.RawMessage `json:"settings"`
		} `json:"meeting"`
		Attendees []Attendee `json:"meeting_attendees"`
		Organizer Organizer  `json:"organizer"`
	}
	err := c.call(ctx, opView, "/api/v1.2/meeting/viewmeeting", struct {
		MeetingID string `json:"meeting_id"`
	}{meetingID}, &resp)
	if err != nil {
		return MeetingDetails{}, err
	}
	if resp.Meeting == nil {
		return MeetingDetails{}, fmt.Errorf("meethour: %s: %w: no meeting", opView, ErrMalformedResponse)
	}
	m := resp.Meeting
	return MeetingDetails{
		Meeting: m.meeting(meetingID), Topic: m.Topic, Hosts: m.Hosts,
		Attendees: resp.Attendees, Organizer: resp.Organizer, Settings: m.Settings,
	}, nil
}

// MeetingChange is what EditMeeting changes; zero fields stay as they are.
type MeetingChange struct {
	Name, Passcode, Agenda, Instructions string
	// Start moves the meeting, in its location as for ScheduleRequest.
	Start    time.Time
	Duration time.Duration
	Options  []string
	// Attendees are invited anew (attend); KeepAttendees are those
	// already invited who stay invited (old_attend).
	Attendees, KeepAttendees []Invitee
	Hosts                    []Invitee
}

// EditMeeting changes a scheduled meeting.
func (c *Client) EditMeeting(ctx context.Context, meetingID string, ch MeetingChange) error {
	if meetingID == "" {
		return fmt.Errorf("meethour: %s: meeting id is required", opEdit)
	}
	b := scheduleBody{
		MeetingID: meetingID, MeetingName: ch.Name, Passcode: ch.Passcode, Agenda: ch.Agenda,
		Instructions: ch.Instructions, Options: ch.Options, Attend: ch.Attendees, OldAttend: ch.KeepAttendees, HostUsers: ch.Hosts,
	}
	if !ch.Start.IsZero() {
		if err := b.when(ch.Start); err != nil {
			return fmt.Errorf("meethour: %s: %w", opEdit, err)
		}
	}
	if ch.Duration < 0 {
		return fmt.Errorf("meethour: %s: negative Duration %s", opEdit, ch.Duration)
	}
	b.duration(ch.Duration)
	return c.call(ctx, opEdit, "/api/v1.2/meeting/editmeeting", b, &struct{}{})
}

// meetingIDBody is the body of the calls that take only a meeting id.
type meetingIDBody struct {
	MeetingID string `json:"meeting_id"`
}

// ArchiveMeeting archives a meeting. The SDKs disagree on the body: Python
// and TypeScript send {id}, PHP sends {meeting_id}. The PHP SDK is the
// newest and the one Meet Hour's own WordPress plugin uses, and every other
// meeting call names the field meeting_id, so this sends {meeting_id}.
func (c *Client) ArchiveMeeting(ctx context.Context, meetingID string) error {
	if meetingID == "" {
		return fmt.Errorf("meethour: %s: meeting id is required", opArchive)
	}
	return c.call(ctx, opArchive, "/api/v1.2/meeting/archivemeeting", meetingIDBody{meetingID}, &struct{}{})
}

// DeleteMeeting deletes a meeting (deletemeeting, which only the PHP SDK
// knows).
func (c *Client) DeleteMeeting(ctx context.Context, meetingID string) error {
	if meetingID == "" {
		return fmt.Errorf("meethour: %s: meeting id is required", opDelete)
	}
	return c.call(ctx, opDelete, "/api/v1.2/meeting/deletemeeting", meetingIDBody{meetingID}, &struct{}{})
}
