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

	"github.com/golang-jwt/jwt/v5"
	"github.com/meetbridge/meetbridge/meethour"
)

var (
	// meetingTime is "hh:mm" on a 12-hour clock.
	meetingTime = regexp.MustCompile(`^(0[1-9]|1[0-2]):[0-5][0-9]$`)
	// meetingOptions are the options the SDKs send.
	meetingOptions = []string{"ALLOW_GUEST", "JOIN_ANYTIME", "ENABLE_LOBBY", "LIVEPAD", "WHITE_BOARD",
		"ENABLE_RECORDING", "ENABLE_BREAKOUT_ROOMS", "ENABLE_LIVESTREAM", "ENABLE_EMBEED_MEETING", "DONOR_BOX"}
)

// invalid answers a validation failure the way Laravel does.
func invalid(w http.ResponseWriter, message string) {
	writeJSON(w, http.StatusUnprocessableEntity, envelope(false, http.StatusUnprocessableEntity, message))
}

// scheduleMeeting serves /api/v1.2/meeting/schedulemeeting.
func (s *Server) scheduleMeeting(w http.ResponseWriter, r *http.Request) {
	var b ScheduleBody
	if !decode(w, r, &b) {
		return
	}
	for _, f := range []struct{ name, v string }{
		{"meeting name", b.MeetingName}, {"passcode", b.Passcode}, {"meeting time", b.MeetingTime},
		{"meeting meridiem", b.MeetingMeridiem}, {"meeting date", b.MeetingDate}, {"timezone", b.Timezone},
	} {
		if strings.TrimSpace(f.v) == "" {
			invalid(w, fmt.Sprintf("The %s field is required.", f.name))
			return
		}
	}
	switch {
	case !meetingTime.MatchString(b.MeetingTime):
		invalid(w, "The meeting time must be hh:mm on a 12-hour clock.")
		return
	case b.MeetingMeridiem != "AM" && b.MeetingMeridiem != "PM":
		invalid(w, "The meeting meridiem must be AM or PM.")
		return
	case (b.DurationHr != nil && *b.DurationHr < 0) || (b.DurationMin != nil && (*b.DurationMin < 0 || *b.DurationMin > 59)):
		invalid(w, "The duration is invalid.")
		return
	}
	if _, err := time.Parse("02-01-2006", b.MeetingDate); err != nil {
		invalid(w, "The meeting date does not match the format d-m-Y.")
		return
	}
	for _, o := range b.Options {
		if !slices.Contains(meetingOptions, o) {
			invalid(w, fmt.Sprintf("The option %q is invalid.", o))
			return
		}
	}
	s.mu.Lock()
	m := s.addMeetingLocked(b.MeetingName, b.Passcode)
	s.scheduled = append(s.scheduled, b)
	s.mu.Unlock()
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
			"meeting_attendees": []any{},
		},
	})
}

// addMeetingLocked creates a meeting; s.mu is held.
func (s *Server) addMeetingLocked(name, passcode string) meethour.Meeting {
	s.nextID++
	id := fmt.Sprintf("MHR%s%03d", s.cfg.Now().Format("060102"), s.nextID)
	pcode := strings.ToLower(rand.Text())
	m := &meeting{name: name, Meeting: meethour.Meeting{
		ID:       id,
		Passcode: passcode,
		PCode:    pcode,
		JoinURL:  "https://meethour.io/" + id + "?pcode=" + url.QueryEscape(pcode),
	}}
	s.meetings[id] = m
	return m.Meeting
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
	if b.MeetingID == "" {
		invalid(w, "The meeting id field is required.")
		return
	}
	s.mu.Lock()
	m, ok := s.meetings[b.MeetingID]
	s.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusOK, envelope(false, http.StatusNotFound, "Meeting not found."))
		return
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
			"hosts":      []any{},
			"settings":   map[string]any{"allow_guest": 0, "join_anytime": 1, "enable_lobby": 0},
		},
		"occurrences":       []any{},
		"meeting_attendees": []any{},
		"meeting_groups":    []any{},
		"organizer":         map[string]any{"name": "Owner", "email": s.cfg.Username},
	})
}

// getJWT serves /api/v1.2/getjwt with a made-up HS256 token.
func (s *Server) getJWT(w http.ResponseWriter, r *http.Request) {
	var b struct {
		MeetingID string         `json:"meeting_id"`
		ContactID *int64         `json:"contact_id"`
		Config    map[string]any `json:"config"`
		UIConfig  map[string]any `json:"ui_config"`
	}
	if !decode(w, r, &b) {
		return
	}
	if b.MeetingID == "" {
		invalid(w, "The meeting id field is required.")
		return
	}
	if b.ContactID != nil && *b.ContactID <= 0 {
		invalid(w, "The contact id is invalid.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.meetings[b.MeetingID]; !ok {
		writeJSON(w, http.StatusOK, envelope(false, http.StatusNotFound, "Meeting not found."))
		return
	}
	now := s.cfg.Now()
	claims := jwt.MapClaims{
		"iss": "meethour-fake", "aud": "meethour", "sub": b.MeetingID, "jti": rand.Text(),
		"iat": now.Unix(), "exp": now.Add(s.cfg.JWTTTL).Unix(),
		"context": map[string]any{"moderator": b.ContactID == nil, "contact_id": b.ContactID},
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.jwtKey)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, envelope(false, http.StatusInternalServerError, "Server Error"))
		return
	}
	s.issued = append(s.issued, tok)
	s.jwts = append(s.jwts, IssuedJWT{MeetingID: b.MeetingID, ContactID: b.ContactID, Config: b.Config, UIConfig: b.UIConfig, JWT: tok})
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "jwt": tok})
}
