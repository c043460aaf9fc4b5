package vonage

import (
	"context"
	"net/http"
	"time"
)

// RecordingStatus is where a recording is.
type RecordingStatus string

// The recording states; only an uploaded recording can be deleted.
const (
	StatusStarted  RecordingStatus = "started"
	StatusStopped  RecordingStatus = "stopped"
	StatusPaused   RecordingStatus = "paused"
	StatusUploaded RecordingStatus = "uploaded"
)

// Recording is a session's recording.
type Recording struct {
	// ID and SessionID identify it.
	ID        string `json:"id"`
	SessionID string `json:"session_id"`
	// StartedAt and EndedAt bound it.
	StartedAt time.Time `json:"started_at,omitzero"`
	EndedAt   time.Time `json:"ended_at,omitzero"`
	// Status is where it is.
	Status RecordingStatus `json:"status"`
	// Links holds the download URL once uploaded.
	Links RecordingLinks `json:"_links"`
}

// RecordingLinks are a recording's URLs.
type RecordingLinks struct {
	// URL is where it can be downloaded.
	URL Link `json:"url"`
}

// Recording returns a recording (GET /recordings/{id}).
func (c *Client) Recording(ctx context.Context, id string) (Recording, error) {
	const op = "get recording"
	p, err := pathID(op, "recording_id", id)
	if err != nil {
		return Recording{}, err
	}
	var r Recording
	err = c.do(ctx, call{op: op, method: http.MethodGet, path: "/recordings" + p, out: &r})
	return r, err
}

// DeleteRecording deletes an uploaded recording (DELETE /recordings/{id});
// any other is refused with an APIError of status 403.
func (c *Client) DeleteRecording(ctx context.Context, id string) error {
	const op = "delete recording"
	p, err := pathID(op, "recording_id", id)
	if err != nil {
		return err
	}
	return c.do(ctx, call{op: op, method: http.MethodDelete, path: "/recordings" + p})
}

// SessionRecordings returns a session's recordings
// (GET /sessions/{id}/recordings, as the reference and the Python SDK
// have it; the Node SDK drops /recordings).
func (c *Client) SessionRecordings(ctx context.Context, sessionID string) ([]Recording, error) {
	const op = "list session recordings"
	p, err := pathID(op, "session_id", sessionID)
	if err != nil {
		return nil, err
	}
	var body struct {
		Embedded struct {
			Recordings []Recording `json:"recordings"`
		} `json:"_embedded"`
	}
	err = c.do(ctx, call{op: op, method: http.MethodGet, path: "/sessions" + p + "/recordings", out: &body})
	return body.Embedded.Recordings, err
}

// DialInNumber is a number participants can call into rooms with.
type DialInNumber struct {
	// Number, Locale and DisplayName are as Vonage lists them.
	Number      string `json:"number"`
	Locale      string `json:"locale"`
	DisplayName string `json:"display_name"`
}

// DialInNumbers lists the dial-in numbers (GET /dial-in-numbers).
func (c *Client) DialInNumbers(ctx context.Context) ([]DialInNumber, error) {
	var ns []DialInNumber
	err := c.do(ctx, call{op: "list dial-in numbers", method: http.MethodGet, path: "/dial-in-numbers", out: &ns})
	return ns, err
}
