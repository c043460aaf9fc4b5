package meethourtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/meetbridge/meetbridge/meethour"
)

// Webhook is an event as Meet Hour posts it to a webhook URL.
type Webhook struct {
	Type      string    `json:"event_type"`
	ID        string    `json:"event_id"`
	Timestamp time.Time `json:"timestamp"`
	Data      any       `json:"data"`
}

// Body encodes w as Meet Hour sends it, with an ISO 8601 timestamp.
func (w Webhook) Body() []byte {
	b, err := json.Marshal(w)
	if err != nil {
		panic(err) // only for a Data that cannot be encoded: a test's bug
	}
	return b
}

// Request returns a POST of w to url signed with secret in the
// X-Signature header, as pymeethour reads it.
func (w Webhook) Request(url string, secret []byte) *http.Request {
	body := w.Body()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		panic(err) // only for a malformed url: a test's bug
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(meethour.SignatureHeader, meethour.SignWebhook(secret, body))
	return req
}

// JoinData is the data of a join_meeting event of an attendee.
func JoinData(meetingID, name, email string) map[string]any {
	return map[string]any{
		"meeting_id": meetingID, "attendee": map[string]any{"name": name, "email": email},
		"login_datetime": "2026-03-14 15:04:05", "user_agent": "Mozilla/5.0", "access_type": "web", "ip": "192.0.2.7",
		"location": map[string]any{"country_name": "India", "country_code": "IN", "city": "Pune", "postal": 411001, "latitude": 18.5, "longitude": 73.8, "state": "MH"},
	}
}

// RecordingData is the data of a save_meeting_recording event.
func RecordingData(meetingID, name, path string) map[string]any {
	return map[string]any{
		"meeting_id": meetingID, "customer": map[string]any{"name": "Owner", "email": Username},
		"recording_type": "Local", "recording_name": name, "recording_path": path, "recording_date": "2026-03-14",
		"status": "completed", "duration": "0:12:30", "duration_format": "H:MM:SS", "recording_size": 12.5,
		"recording_size_unit": "MB", "recording_expiry": "2026-03-21", "time_zone": "UTC",
	}
}
