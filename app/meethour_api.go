package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// The server's Meet Hour routes, for the signed-in moderator; with another
// provider they answer 404.
const (
	MeetHourTimezonesPath  = "/api/meethour/timezones"
	MeetHourMeetingsPath   = "/api/meethour/meetings"
	MeetHourRecordingsPath = "/api/meethour/recordings"
)

// MeetHourTimezone is a timezone Meet Hour schedules in.
type MeetHourTimezone struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// MeetHourSchedule is the body of POST /api/meethour/meetings.
type MeetHourSchedule struct {
	Name string `json:"name"`
	// Date is "YYYY-MM-DD" and Time "HH:MM" (24-hour), in Timezone.
	Date            string   `json:"date"`
	Time            string   `json:"time"`
	Timezone        string   `json:"timezone"`
	Passcode        string   `json:"passcode"`
	Options         []string `json:"options,omitempty"`
	DurationMinutes int      `json:"durationMinutes,omitempty"`
}

// MeetHourMeeting is a meeting as the server lists it.
type MeetHourMeeting struct {
	MeetingID string `json:"meetingId"`
	// Room opens the meeting through POST /api/token.
	Room      string `json:"room"`
	Topic     string `json:"topic"`
	StartTime string `json:"startTime"`
	Duration  string `json:"duration"`
	Timezone  string `json:"timezone"`
	JoinURL   string `json:"joinURL"`
}

// MeetHourRecording is a recording with its link.
type MeetHourRecording struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Topic    string `json:"topic"`
	Date     string `json:"date"`
	Size     string `json:"size"`
	Duration string `json:"duration"`
	Link     string `json:"link"`
	Storage  string `json:"storage"`
	Expiry   string `json:"expiry"`
}

// MeetHourPage is the paging of a list.
type MeetHourPage struct {
	Page         int `json:"page"`
	TotalPages   int `json:"totalPages"`
	TotalRecords int `json:"totalRecords"`
}

// MeetHourMeetingPage is one page of a meeting list.
type MeetHourMeetingPage struct {
	MeetHourPage
	Meetings []MeetHourMeeting `json:"meetings"`
}

// MeetHourRecordingPage is one page of recordings.
type MeetHourRecordingPage struct {
	MeetHourPage
	Recordings []MeetHourRecording `json:"recordings"`
}

// The meeting lists.
const (
	MeetHourUpcoming  = "upcoming"
	MeetHourMissed    = "missed"
	MeetHourCompleted = "completed"
)

// IsNotFound reports whether err is a 404 answer: for the Meet Hour
// routes, that the server's provider is not Meet Hour.
func IsNotFound(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Status == http.StatusNotFound
}

// IsWebLink reports whether s is an absolute http or https URL: the only
// links from Meet Hour (recording paths, join URLs) that the server passes
// on and the panel makes clickable.
func IsWebLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Host != "" && (u.Scheme == "https" || u.Scheme == "http")
}

// MeetHourTimezones lists the timezones to schedule in.
func (c *Client) MeetHourTimezones(ctx context.Context) ([]MeetHourTimezone, error) {
	var out struct {
		Timezones []MeetHourTimezone `json:"timezones"`
	}
	if err := c.do(ctx, http.MethodGet, MeetHourTimezonesPath, nil, &out); err != nil {
		return nil, err
	}
	return out.Timezones, nil
}

// MeetHourSchedule schedules a meeting.
func (c *Client) MeetHourSchedule(ctx context.Context, s MeetHourSchedule) (MeetHourMeeting, error) {
	var m MeetHourMeeting
	if err := c.do(ctx, http.MethodPost, MeetHourMeetingsPath, s, &m); err != nil {
		return MeetHourMeeting{}, err
	}
	if m.MeetingID == "" || m.Room == "" {
		return MeetHourMeeting{}, fmt.Errorf("%w: no meeting id or room", ErrMalformedResponse)
	}
	return m, nil
}

// MeetHourMeetings returns one page (from 1) of a list: MeetHourUpcoming,
// MeetHourMissed or MeetHourCompleted.
func (c *Client) MeetHourMeetings(ctx context.Context, list string, page int) (MeetHourMeetingPage, error) {
	var p MeetHourMeetingPage
	q := url.Values{"list": {list}, "page": {strconv.Itoa(page)}}
	err := c.do(ctx, http.MethodGet, MeetHourMeetingsPath+"?"+q.Encode(), nil, &p)
	return p, err
}

// MeetHourRecordings returns one page (from 1) of recordings.
func (c *Client) MeetHourRecordings(ctx context.Context, page int) (MeetHourRecordingPage, error) {
	var p MeetHourRecordingPage
	err := c.do(ctx, http.MethodGet, MeetHourRecordingsPath+"?page="+strconv.Itoa(page), nil, &p)
	return p, err
}
