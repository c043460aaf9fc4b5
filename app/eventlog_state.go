package app

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// LogEntry is one event as it arrived: from the meeting's bridge, or from
// the server's provider feed (Meet Hour webhooks, Vonage callbacks).
type LogEntry struct {
	// Seq numbers the entries of a log, from 1.
	Seq  int
	Time time.Time
	// Source is "meeting" for the bridge's events, else the provider's
	// name as the feed gives it.
	Source string
	// Name is the event's name (the External API's public name, or the
	// provider's event type).
	Name string
	// Payload is the event's JSON, indented.
	Payload string
}

// EventLog is the console's event log, oldest first, bounded.
type EventLog struct {
	Entries []LogEntry
	next    int
}

// MaxLogEntries bounds the log; older entries are dropped.
const MaxLogEntries = 500

// Add returns the log with an entry for the event; payload is its JSON
// (shown indented, or as it is when it is not JSON).
func (l EventLog) Add(at time.Time, source, name string, payload []byte) EventLog {
	l.next++
	pretty := string(payload)
	var buf bytes.Buffer
	if len(payload) > 0 && json.Indent(&buf, payload, "", "  ") == nil {
		pretty = buf.String()
	}
	entries := append(slices.Clip(l.Entries), LogEntry{Seq: l.next, Time: at, Source: source, Name: name, Payload: pretty})
	if len(entries) > MaxLogEntries {
		entries = entries[len(entries)-MaxLogEntries:]
	}
	return EventLog{Entries: entries, next: l.next}
}

// Filter returns the entries whose source, name or payload contains text
// (case-insensitively), newest first.
func (l EventLog) Filter(text string) []LogEntry {
	text = strings.ToLower(strings.TrimSpace(text))
	out := make([]LogEntry, 0, len(l.Entries))
	for i := len(l.Entries) - 1; i >= 0; i-- {
		e := l.Entries[i]
		if text == "" || strings.Contains(strings.ToLower(e.Source+" "+e.Name+" "+e.Payload), text) {
			out = append(out, e)
		}
	}
	return out
}

// ProviderEvent is one event of the server's provider feed (GET
// /api/events, event "provider").
type ProviderEvent struct {
	Source  string          `json:"source"`
	Type    string          `json:"type"`
	Time    time.Time       `json:"time"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// ParseProviderEvent decodes the data of a provider feed event.
func ParseProviderEvent(data string) (ProviderEvent, error) {
	var e ProviderEvent
	if err := json.Unmarshal([]byte(data), &e); err != nil {
		return ProviderEvent{}, err
	}
	if e.Source == "" {
		e.Source = "provider"
	}
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	return e, nil
}
