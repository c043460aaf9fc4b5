package meethourtest

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/meetbridge/meetbridge/meethour"
)

// meetingTime is "hh:mm" on a 12-hour clock.
var meetingTime = regexp.MustCompile(`^(0[1-9]|1[0-2]):[0-5][0-9]$`)

// checkSchedule answers the first invalid field of b and returns false;
// with partial (editmeeting) the fields are optional, but the date, time,
// meridiem and timezone go together.
func checkSchedule(w http.ResponseWriter, b ScheduleBody, partial bool) bool {
	for _, f := range []struct{ name, v string }{
		{"meeting name", b.MeetingName}, {"passcode", b.Passcode}, {"meeting time", b.MeetingTime},
		{"meeting meridiem", b.MeetingMeridiem}, {"meeting date", b.MeetingDate}, {"timezone", b.Timezone},
	} {
		if !partial && strings.TrimSpace(f.v) == "" {
			invalid(w, fmt.Sprintf("The %s field is required.", f.name))
			return false
		}
	}
	when := b.MeetingTime != "" || b.MeetingMeridiem != "" || b.MeetingDate != "" || b.Timezone != ""
	switch {
	case when && !meetingTime.MatchString(b.MeetingTime):
		invalid(w, "The meeting time must be hh:mm on a 12-hour clock.")
		return false
	case when && b.MeetingMeridiem != "AM" && b.MeetingMeridiem != "PM":
		invalid(w, "The meeting meridiem must be AM or PM.")
		return false
	case when && !knownTimezone(b.Timezone):
		invalid(w, "The selected timezone is invalid.")
		return false
	case (b.DurationHr != nil && *b.DurationHr < 0) || (b.DurationMin != nil && (*b.DurationMin < 0 || *b.DurationMin > 59)):
		invalid(w, "The duration is invalid.")
		return false
	case b.IsRecurring != nil && *b.IsRecurring == 1 && !slices.Contains([]string{"daily", "weekly", "monthly"}, b.RecurringType):
		invalid(w, "The recurring type must be daily, weekly or monthly.")
		return false
	}
	if when {
		if _, err := time.Parse("02-01-2006", b.MeetingDate); err != nil {
			invalid(w, "The meeting date does not match the format d-m-Y.")
			return false
		}
	}
	for _, o := range b.Options {
		if !slices.Contains(meethour.MeetingOptions, o) {
			invalid(w, fmt.Sprintf("The option %q is invalid.", o))
			return false
		}
	}
	return true
}

// start reads the start time of b.
func (b ScheduleBody) start() time.Time {
	loc, err := time.LoadLocation(b.Timezone)
	if err != nil {
		loc = time.UTC
	}
	t, _ := time.ParseInLocation("02-01-2006 03:04 PM", b.MeetingDate+" "+b.MeetingTime+" "+b.MeetingMeridiem, loc)
	return t
}

// duration reads the planned length of b.
func (b ScheduleBody) duration() time.Duration {
	var d time.Duration
	if b.DurationHr != nil {
		d += time.Duration(*b.DurationHr) * time.Hour
	}
	if b.DurationMin != nil {
		d += time.Duration(*b.DurationMin) * time.Minute
	}
	return d
}

// inviteesLocked resolves attend or hostusers entries, contact ids or
// {email, first_name, last_name} objects (added as contacts), to contact
// ids; s.mu is held. It returns a message for an invalid entry.
func (s *Server) inviteesLocked(raw []json.RawMessage) ([]int64, string) {
	var ids []int64
	for _, r := range raw {
		var id int64
		if json.Unmarshal(r, &id) == nil {
			if s.contactByIDLocked(id) == nil {
				return nil, fmt.Sprintf("The contact %d does not exist.", id)
			}
			ids = append(ids, id)
			continue
		}
		var p struct {
			Email     string `json:"email"`
			FirstName string `json:"first_name"`
			LastName  string `json:"last_name"`
		}
		d := json.NewDecoder(strings.NewReader(string(r)))
		d.DisallowUnknownFields()
		if d.Decode(&p) != nil || p.Email == "" {
			return nil, "Each attendee must be a contact id or {email, first_name, last_name}."
		}
		c := s.contactByEmailLocked(p.Email)
		if c == nil {
			c = s.addContactLocked(meethour.Contact{Email: p.Email, FirstName: p.FirstName, LastName: p.LastName})
		}
		ids = append(ids, c.ID)
	}
	return ids, ""
}

// scheduleMeeting serves /api/v1.2/meeting/schedulemeeting.
func (s *Server) scheduleMeeting(w http.ResponseWriter, r *http.Request) {
	var b ScheduleBody
	if !decode(w, r, &b) || !checkSchedule(w, b, false) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	attendees, msg := s.inviteesLocked(b.Attend)
	hosts, msg2 := s.inviteesLocked(b.HostUsers)
	if msg += msg2; msg != "" {
		invalid(w, msg)
		return
	}
	m := s.addMeetingLocked(b.MeetingName, b.Passcode, b.start(), b.Timezone)
	m.agenda, m.duration, m.options, m.attendees, m.hosts = b.Agenda, b.duration(), b.Options, attendees, hosts
	s.scheduled = append(s.scheduled, b)
	writeJSON(w, http.StatusOK, map[string]any{
		"success": true,
		"code":    200,
		"message": "Meeting has been scheduled successfully.",
		"data": map[string]any{
			"meeting_id":        m.ID,
			"topic":             b.MeetingName,
			"passcode":          m.Passcode,
			"joinURL":           m.JoinURL,
			"pcode":             m.PCode,
			"meeting_attendees": s.attendeesLocked(m),
		},
	})
}

// addMeetingLocked creates a meeting; s.mu is held.
func (s *Server) addMeetingLocked(name, passcode string, start time.Time, tz string) *meeting {
	s.nextID++
	id := fmt.Sprintf("MHR%s%03d", s.cfg.Now().Format("060102"), s.nextID)
	pcode := strings.ToLower(rand.Text())
	m := &meeting{name: name, start: start, timezone: tz, duration: time.Hour, Meeting: meethour.Meeting{
		ID:       id,
		Passcode: passcode,
		PCode:    pcode,
		JoinURL:  "https://meethour.io/" + id + "?pcode=" + url.QueryEscape(pcode),
	}}
	s.meetings[id] = m
	s.order = append(s.order, id)
	return m
}

// attendeesLocked describes the attendees of m as viewmeeting does; s.mu
// is held.
func (s *Server) attendeesLocked(m *meeting) []map[string]any {
	out := []map[string]any{}
	for i, id := range m.attendees {
		c := s.contactByIDLocked(id)
		if c == nil {
			continue
		}
		out = append(out, map[string]any{
			"meeting_attendee_id": i + 1, "contact_id": c.ID, "email": c.Email,
			"first_name": c.FirstName, "last_name": c.LastName, "is_host": 0,
		})
	}
	return out
}

// meetingBody reads a request of just a meeting id and finds the meeting;
// on failure it answers and returns nil. s.mu is held on success.
func (s *Server) meetingBody(w http.ResponseWriter, r *http.Request) *meeting {
	var b struct {
		MeetingID string `json:"meeting_id"`
	}
	if !decode(w, r, &b) {
		return nil
	}
	return s.lockMeeting(w, b.MeetingID)
}

// lockMeeting locks s.mu and finds the meeting with id; when id is empty or
// unknown it answers, unlocks and returns nil.
func (s *Server) lockMeeting(w http.ResponseWriter, id string) *meeting {
	if id == "" {
		invalid(w, "The meeting id field is required.")
		return nil
	}
	s.mu.Lock()
	m, found := s.meetings[id]
	if !found {
		s.mu.Unlock()
		notFound(w, "Meeting")
		return nil
	}
	return m
}

// viewMeeting serves /api/v1.2/meeting/viewmeeting.
func (s *Server) viewMeeting(w http.ResponseWriter, r *http.Request) {
	var b struct {
		MeetingID        string          `json:"meeting_id"`
		Occurrences      json.RawMessage `json:"occurrences"`
		MeetingAttendees json.RawMessage `json:"meeting_attendees"`
		Organizer        json.RawMessage `json:"organizer"`
	}
	if !decode(w, r, &b) {
		return
	}
	m := s.lockMeeting(w, b.MeetingID)
	if m == nil {
		return
	}
	defer s.mu.Unlock()
	hosts := []map[string]any{}
	for _, id := range m.hosts {
		if c := s.contactByIDLocked(id); c != nil {
			hosts = append(hosts, map[string]any{"id": c.ID, "email": c.Email, "first_name": c.FirstName,
				"last_name": c.LastName, "phone": c.Phone, "country_code": c.CountryCode})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"success": true,
		"message": "Meeting details.",
		"meeting": map[string]any{
			"meeting_id": m.ID,
			"topic":      m.name,
			"passcode":   m.Passcode,
			"pcode":      m.PCode,
			"joinURL":    m.JoinURL,
			"hosts":      hosts,
			"settings":   settings(m.options),
		},
		"occurrences":       []any{},
		"meeting_attendees": s.attendeesLocked(m),
		"meeting_groups":    []any{},
		"organizer":         map[string]any{"name": "Owner", "email": s.cfg.Username},
	})
}

// settings are a meeting's flags as viewmeeting shows them.
func settings(options []string) map[string]int {
	flags := map[string]int{}
	for _, o := range []string{meethour.OptionAllowGuest, meethour.OptionJoinAnytime, meethour.OptionEnableLobby,
		meethour.OptionEnableRecording, meethour.OptionEnableLivestream, meethour.OptionEnableEmbedMeeting, meethour.OptionDonorBox} {
		k := strings.ToLower(o)
		flags[k] = 0
		if slices.Contains(options, o) {
			flags[k] = 1
		}
	}
	return flags
}

// editMeeting serves /api/v1.2/meeting/editmeeting: the fields sent
// replace the meeting's; the attendees become old_attend plus attend.
func (s *Server) editMeeting(w http.ResponseWriter, r *http.Request) {
	var b EditBody
	if !decode(w, r, &b) {
		return
	}
	if !checkSchedule(w, b.ScheduleBody, true) {
		return
	}
	m := s.lockMeeting(w, b.MeetingID)
	if m == nil {
		return
	}
	defer s.mu.Unlock()
	kept, msg := s.inviteesLocked(b.OldAttend)
	added, msg2 := s.inviteesLocked(b.Attend)
	hosts, msg3 := s.inviteesLocked(b.HostUsers)
	if msg += msg2 + msg3; msg != "" {
		invalid(w, msg)
		return
	}
	if b.MeetingName != "" {
		m.name = b.MeetingName
	}
	if b.Passcode != "" {
		m.Passcode = b.Passcode
	}
	if b.MeetingDate != "" {
		m.start, m.timezone = b.start(), b.Timezone
	}
	if b.Options != nil {
		m.options = b.Options
	}
	if b.Attend != nil || b.OldAttend != nil {
		m.attendees = kept
		for _, id := range added {
			if !slices.Contains(m.attendees, id) {
				m.attendees = append(m.attendees, id)
			}
		}
	}
	if b.HostUsers != nil {
		m.hosts = hosts
	}
	s.edits = append(s.edits, b)
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "message": "Meeting updated successfully.", "data": map[string]any{"meeting_id": m.ID}})
}

// archiveMeeting serves /api/v1.2/meeting/archivemeeting. It takes
// {meeting_id}, as the PHP SDK sends; {id} is refused as an unknown field.
func (s *Server) archiveMeeting(w http.ResponseWriter, r *http.Request) {
	m := s.meetingBody(w, r)
	if m == nil {
		return
	}
	defer s.mu.Unlock()
	m.archived = true
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "message": "Meeting archived successfully."})
}

// deleteMeeting serves /api/v1.2/meeting/deletemeeting.
func (s *Server) deleteMeeting(w http.ResponseWriter, r *http.Request) {
	m := s.meetingBody(w, r)
	if m == nil {
		return
	}
	defer s.mu.Unlock()
	delete(s.meetings, m.ID)
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "message": "Meeting deleted successfully."})
}

// meetingState is which list a meeting is in.
type meetingState int

const (
	upcoming meetingState = iota
	missed
	completed
)

// stateLocked says which list m is in; s.mu is held.
func (s *Server) stateLocked(m *meeting) meetingState {
	switch {
	case m.completed:
		return completed
	case m.start.After(s.cfg.Now()):
		return upcoming
	}
	return missed
}

// listMeetings serves one of the meeting lists, oldest first; archived
// meetings are in none.
func (s *Server) listMeetings(state meetingState) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var b struct {
			paging
			ShowAll *int `json:"show_all"`
		}
		if !decode(w, r, &b) {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		var all []map[string]any
		for _, id := range s.order {
			m, found := s.meetings[id]
			if !found || m.archived || s.stateLocked(m) != state {
				continue
			}
			d := m.duration
			all = append(all, map[string]any{
				"id": len(all) + 1, "meeting_id": m.ID, "topic": m.name, "agenda": m.agenda,
				"start_time": m.start.Format(time.DateTime), "duration": fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60),
				"timezone": m.timezone, "joinURL": m.JoinURL, "passcode": m.Passcode,
				"settings": settings(m.options), "instructions": "",
			})
		}
		from, to, pages, msg := b.window(len(all))
		if msg != "" {
			invalid(w, msg)
			return
		}
		page := all[from:to]
		if page == nil {
			page = []map[string]any{}
		}
		writeJSON(w, http.StatusOK, listAnswer("meetings", page, len(all), pages))
	}
}
