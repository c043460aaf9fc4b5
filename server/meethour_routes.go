package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/meetbridge/meetbridge/app"
	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/server/eventfeed"
	"github.com/meetbridge/meetbridge/token"
)

// MeetHourWebhookPath is where Meet Hour posts its webhooks when
// MeetHourSettings.WebhookSecret is set: set the portal's webhook URL to
// https://<public host>/webhooks/meethour.
const MeetHourWebhookPath = "/webhooks/meethour"

// meetHourIssuer returns the Meet Hour issuer, or nil with another
// provider.
func (s *Server) meetHourIssuer() *token.MeetHour {
	mh, _ := s.api.issuer.(*token.MeetHour)
	return mh
}

// routeMeetHourWebhook mounts the webhook handler when a secret is
// configured; each verified event is published to the console's feed. A
// weak secret is refused.
func (s *Server) routeMeetHourWebhook(mux *http.ServeMux) error {
	secret := s.cfg.MeetHour.WebhookSecret
	if s.meetHourIssuer() == nil || secret == "" {
		return nil
	}
	h, err := meethour.NewWebhookHandler(meethour.WebhookConfig{
		Secret: []byte(secret),
		Cache:  s.cfg.MeetHour.Cache,
		Handle: func(_ context.Context, e meethour.WebhookEvent) error {
			ev, err := eventfeed.NewEvent(token.ProviderMeetHour, e.Type, e)
			if err != nil {
				return err
			}
			s.events.Publish(ev)
			s.log.Info("meethour webhook", "type", e.Type, "event_id", e.ID)
			return nil
		},
	})
	if err != nil {
		return fmt.Errorf("server: meethour: %w (MEETBRIDGE_MEETHOUR_WEBHOOK_SECRET)", err)
	}
	mux.Handle(MeetHourWebhookPath, h)
	return nil
}

// routeMeetHourConsole adds the moderator's Meet Hour routes to the API
// when the provider is Meet Hour. Their paths and bodies are package app's,
// whose client calls them.
func (s *Server) routeMeetHourConsole(api *http.ServeMux) {
	mh := s.meetHourIssuer()
	if mh == nil {
		return
	}
	c := &meetHourConsole{s: s, mh: mh}
	api.HandleFunc("GET "+app.MeetHourTimezonesPath, s.moderatorOnly(c.timezones))
	api.HandleFunc("GET "+app.MeetHourMeetingsPath, s.moderatorOnly(c.meetings))
	api.HandleFunc("POST "+app.MeetHourMeetingsPath, s.moderatorOnly(c.schedule))
	api.HandleFunc("GET "+app.MeetHourRecordingsPath, s.moderatorOnly(c.recordings))
}

// moderatorOnly answers 401 to anyone but the signed-in moderator.
func (s *Server) moderatorOnly(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user := s.api.sessions.GetString(r.Context(), sessionUserKey)
		if user == "" || user != s.cfg.ModeratorUser {
			writeError(w, http.StatusUnauthorized, "unauthorized", "sign in as the moderator")
			return
		}
		next(w, r)
	}
}

// meetHourConsole serves the console's Meet Hour panel.
type meetHourConsole struct {
	s  *Server
	mh *token.MeetHour
}

// upstreamError answers a failed Meet Hour call: Meet Hour's refusal of the
// request (4xx, success false) as 400 with its message, anything else as
// 502.
func (c *meetHourConsole) upstreamError(w http.ResponseWriter, op string, err error) {
	var ae *meethour.APIError
	switch {
	case errors.As(err, &ae) && !errors.Is(err, meethour.ErrUnavailable) && !errors.Is(err, meethour.ErrAuth):
		writeError(w, http.StatusBadRequest, "meethour_refused", "Meet Hour refused: "+ae.Message)
	default:
		c.s.log.Warn("meethour console call failed", "op", op, "err", err)
		writeError(w, http.StatusBadGateway, "upstream_error", "Meet Hour is not answering: try again shortly")
	}
}

// timezones lists the timezones Meet Hour accepts.
func (c *meetHourConsole) timezones(w http.ResponseWriter, r *http.Request) {
	zones, err := c.mh.Client().Timezones(r.Context())
	if err != nil {
		c.upstreamError(w, "timezones", err)
		return
	}
	out := make([]app.MeetHourTimezone, len(zones))
	for i, z := range zones {
		out[i] = app.MeetHourTimezone(z)
	}
	writeJSON(w, http.StatusOK, map[string]any{"timezones": out})
}

// schedule schedules a meeting for the moderator and lets its room open
// it.
func (c *meetHourConsole) schedule(w http.ResponseWriter, r *http.Request) {
	var req app.MeetHourSchedule
	if !decodeJSON(w, r, &req) {
		return
	}
	var problems []string
	name := strings.TrimSpace(req.Name)
	if name == "" || len(name) > 200 {
		problems = append(problems, "a name of 1 to 200 characters")
	}
	if len(req.Passcode) < 4 || len(req.Passcode) > 64 {
		problems = append(problems, "a passcode of 4 to 64 characters")
	}
	loc, err := time.LoadLocation(req.Timezone)
	if err != nil || req.Timezone == "" || req.Timezone == "Local" {
		problems = append(problems, "a timezone from the list")
		loc = time.UTC
	}
	start, err := time.ParseInLocation("2006-01-02 15:04", req.Date+" "+req.Time, loc)
	if err != nil {
		problems = append(problems, "a date (YYYY-MM-DD) and a time (HH:MM)")
	}
	for _, o := range req.Options {
		if !slices.Contains(meethour.MeetingOptions, o) {
			problems = append(problems, "known options only ("+o+" is not one)")
		}
	}
	if req.DurationMinutes < 0 || req.DurationMinutes > 24*60 {
		problems = append(problems, "a duration of at most 24 hours")
	}
	if len(problems) > 0 {
		writeError(w, http.StatusBadRequest, "invalid_meeting", "give "+strings.Join(problems, ", "))
		return
	}
	m, err := c.mh.Client().ScheduleMeeting(r.Context(), meethour.ScheduleRequest{
		Name: name, Passcode: req.Passcode, Start: start, Options: req.Options,
		Duration: time.Duration(req.DurationMinutes) * time.Minute,
	})
	if err != nil {
		c.upstreamError(w, "schedule", err)
		return
	}
	room := token.RoomOf(m.ID)
	if err := c.mh.RegisterMeeting(r.Context(), room, m); err != nil {
		c.s.log.Warn("meethour: remembering the scheduled meeting", "meeting", m.ID, "err", err)
	}
	c.s.log.Info("meethour meeting scheduled", "meeting", m.ID)
	writeJSON(w, http.StatusCreated, app.MeetHourMeeting{MeetingID: m.ID, Room: room, Topic: name, JoinURL: webLink(m.JoinURL),
		StartTime: start.Format("2006-01-02 15:04"), Timezone: req.Timezone})
}

// page reads the page query parameter, 1 by default.
func page(r *http.Request) (int, bool) {
	p := r.URL.Query().Get("page")
	if p == "" {
		return 1, true
	}
	n, err := strconv.Atoi(p)
	return n, err == nil && n >= 1 && n <= 10000
}

// consolePageSize is the page size of the console's lists.
const consolePageSize = 10

// meetings lists one page of upcoming, missed or completed meetings.
func (c *meetHourConsole) meetings(w http.ResponseWriter, r *http.Request) {
	lists := map[string]meethour.MeetingList{"upcoming": meethour.Upcoming, "missed": meethour.Missed, "completed": meethour.Completed}
	list, known := lists[r.URL.Query().Get("list")]
	n, okPage := page(r)
	if !known || !okPage {
		writeError(w, http.StatusBadRequest, "invalid_query", "give list=upcoming, missed or completed and a page from 1")
		return
	}
	p, err := c.mh.Client().Meetings(r.Context(), list, meethour.MeetingQuery{ListOptions: meethour.ListOptions{Limit: consolePageSize, Page: n}})
	if err != nil {
		c.upstreamError(w, string(list), err)
		return
	}
	out := make([]app.MeetHourMeeting, len(p.Meetings))
	for i, m := range p.Meetings {
		out[i] = app.MeetHourMeeting{MeetingID: m.MeetingID, Room: token.RoomOf(m.MeetingID), Topic: m.Topic,
			StartTime: m.StartTime, Duration: m.Duration, Timezone: m.Timezone, JoinURL: webLink(m.JoinURL)}
	}
	writeJSON(w, http.StatusOK, app.MeetHourMeetingPage{MeetHourPage: app.MeetHourPage{Page: n, TotalPages: p.TotalPages, TotalRecords: p.TotalRecords}, Meetings: out})
}

// recordings lists one page of recordings with their links.
func (c *meetHourConsole) recordings(w http.ResponseWriter, r *http.Request) {
	n, okPage := page(r)
	if !okPage {
		writeError(w, http.StatusBadRequest, "invalid_query", "give a page from 1")
		return
	}
	p, err := c.mh.Client().Recordings(r.Context(), meethour.RecordingQuery{ListOptions: meethour.ListOptions{Limit: consolePageSize, Page: n}})
	if err != nil {
		c.upstreamError(w, "recordings", err)
		return
	}
	out := []app.MeetHourRecording{}
	for _, rec := range p.All() {
		out = append(out, app.MeetHourRecording{ID: rec.ID, Name: rec.Name, Topic: rec.Topic, Date: rec.Date, Size: string(rec.Size),
			Duration: string(rec.Duration), Link: webLink(rec.Path), Storage: rec.Storage, Expiry: rec.Expiry})
	}
	writeJSON(w, http.StatusOK, app.MeetHourRecordingPage{MeetHourPage: app.MeetHourPage{Page: n, TotalPages: p.TotalPages, TotalRecords: p.TotalRecords}, Recordings: out})
}

// webLink returns s when it is an absolute http or https URL
// (app.IsWebLink), and "" for anything else (javascript:, data:,
// scheme-relative): the links Meet Hour returns become links in the
// console, and a custom storage's recording path is whatever its owner set.
func webLink(s string) string {
	if !app.IsWebLink(s) {
		return ""
	}
	return s
}
