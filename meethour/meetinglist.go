package meethour

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"
)

// MeetingList names one of the meeting lists.
type MeetingList string

// The meeting lists. Completed uses the path "completedmeetings", as the
// Python, PHP, .NET and React web SDKs do; the Angular example and the
// React Native SDK's "completedmeeting" (no s) is the odd one out.
const (
	Upcoming  MeetingList = "upcomingmeetings"
	Missed    MeetingList = "missedmeetings"
	Completed MeetingList = "completedmeetings"
)

// MeetingQuery pages a meeting list.
type MeetingQuery struct {
	ListOptions
	// ShowAll lists every host's meetings, not only the owner's.
	ShowAll bool
}

// MeetingSummary is a meeting as the lists describe it.
type MeetingSummary struct {
	MeetingID string `json:"meeting_id"`
	Topic     string `json:"topic"`
	Agenda    string `json:"agenda"`
	// StartTime is "YYYY-MM-DD HH:MM:SS" in Timezone; see Start.
	StartTime string `json:"start_time"`
	// Duration is "HH:MM".
	Duration     string          `json:"duration"`
	Timezone     string          `json:"timezone"`
	JoinURL      string          `json:"joinURL"`
	Passcode     string          `json:"passcode"`
	Instructions string          `json:"instructions"`
	Settings     json.RawMessage `json:"settings,omitempty"`
}

// Start parses StartTime in Timezone.
func (m MeetingSummary) Start() (time.Time, error) {
	loc, err := time.LoadLocation(m.Timezone)
	if err != nil {
		return time.Time{}, fmt.Errorf("meethour: meeting %s: timezone: %w", m.MeetingID, err)
	}
	for _, layout := range []string{time.DateTime, "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, m.StartTime, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("meethour: meeting %s: start_time %q is not YYYY-MM-DD HH:MM[:SS]", m.MeetingID, m.StartTime)
}

// MeetingPage is one page of a meeting list.
type MeetingPage struct {
	Paging
	Meetings []MeetingSummary
}

// Meetings returns one page of a meeting list.
func (c *Client) Meetings(ctx context.Context, list MeetingList, q MeetingQuery) (MeetingPage, error) {
	op := string(list)
	switch list {
	case Upcoming, Missed, Completed:
	default:
		return MeetingPage{}, fmt.Errorf("meethour: unknown meeting list %q", list)
	}
	if err := q.check(); err != nil {
		return MeetingPage{}, fmt.Errorf("meethour: %s: %w", op, err)
	}
	body := struct {
		Limit   int `json:"limit,omitempty"`
		Page    int `json:"page,omitempty"`
		ShowAll int `json:"show_all"`
	}{q.Limit, q.Page, boolInt(q.ShowAll)}
	var resp struct {
		pagingWire
		Meetings *[]MeetingSummary `json:"meetings"`
	}
	if err := c.call(ctx, op, "/api/v1.2/meeting/"+op, body, &resp); err != nil {
		return MeetingPage{}, err
	}
	if resp.Meetings == nil {
		return MeetingPage{}, fmt.Errorf("meethour: %s: %w: no meetings", op, ErrMalformedResponse)
	}
	return MeetingPage{Paging: resp.paging(), Meetings: *resp.Meetings}, nil
}

// AllMeetings yields every meeting of a list, one page at a time from
// q.Page on; it stops at the first error, which it yields.
func (c *Client) AllMeetings(ctx context.Context, list MeetingList, q MeetingQuery) iter.Seq2[MeetingSummary, error] {
	return allPages(ctx, q.Page, func(ctx context.Context, page int) ([]MeetingSummary, Paging, error) {
		q.Page = page
		p, err := c.Meetings(ctx, list, q)
		return p.Meetings, p.Paging, err
	})
}
