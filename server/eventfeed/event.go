package eventfeed

import (
	"encoding/json"
	"time"
)

// Event is one thing a provider told the server, as the console shows it.
type Event struct {
	// Source names who sent it: "meethour", "vonage".
	Source string `json:"source"`
	// Type is the provider's own event name, such as "join_meeting" or
	// "session:started".
	Type string `json:"type"`
	// Time is when the server received it.
	Time time.Time `json:"time"`
	// Payload is the decoded event as JSON, shown to the moderator as is.
	Payload json.RawMessage `json:"payload,omitempty"`
}

// NewEvent builds an event received now, with payload marshalled to JSON.
// A payload that cannot be marshalled is reported as an error.
func NewEvent(source, typ string, payload any) (Event, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return Event{}, err
	}
	return Event{Source: source, Type: typ, Time: time.Now().UTC(), Payload: raw}, nil
}
