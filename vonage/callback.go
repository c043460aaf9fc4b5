package vonage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"
)

// The callback event names. Vonage's docs table also says
// "recording:uploaded" and "participant:joined"/"participant:left"; the
// decoder takes those as aliases.
const (
	EventRoomExpired       = "room:expired"
	EventSessionStarted    = "session:started"
	EventSessionEnded      = "session:ended"
	EventRecordingStarted  = "recording:started"
	EventRecordingEnded    = "recording:ended"
	EventRecordingReady    = "recording:ready"
	EventParticipantJoined = "session:participant:joined"
	EventParticipantLeft   = "session:participant:left"
)

// eventAliases maps the docs table's names to the payloads' own.
var eventAliases = map[string]string{
	"recording:uploaded": EventRecordingReady,
	"participant:joined": EventParticipantJoined,
	"participant:left":   EventParticipantLeft,
}

// MaxCallbackBytes bounds a callback's body.
const MaxCallbackBytes = 64 << 10

// CallbackEvent is one decoded callback: *RoomExpired, *SessionStarted,
// *SessionEnded, *RecordingStarted, *RecordingEnded, *RecordingReady,
// *ParticipantJoined or *ParticipantLeft.
type CallbackEvent interface {
	// EventName is the event's name, such as "session:started".
	EventName() string
	// check reports a missing required field.
	check() error
}

// RoomExpired says a room expired.
type RoomExpired struct {
	// The fields are the payload's, by their JSON names.
	Event     string    `json:"event"`
	RoomID    string    `json:"room_id"`
	RoomType  RoomType  `json:"room_type"`
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	CreatedAt time.Time `json:"created_at,omitzero"`
}

// SessionStarted says a room's session started.
type SessionStarted struct {
	// The fields are the payload's, by their JSON names.
	Event     string    `json:"event"`
	SessionID string    `json:"session_id"`
	RoomID    string    `json:"room_id"`
	StartedAt time.Time `json:"started_at,omitzero"`
}

// SessionEnded says a room's session ended.
type SessionEnded struct {
	// The fields are the payload's, by their JSON names.
	Event     string    `json:"event"`
	SessionID string    `json:"session_id"`
	RoomID    string    `json:"room_id"`
	StartedAt time.Time `json:"started_at,omitzero"`
	EndedAt   time.Time `json:"ended_at,omitzero"`
}

// RecordingStarted says a session's recording started.
type RecordingStarted struct {
	// The fields are the payload's, by their JSON names.
	Event       string `json:"event"`
	RecordingID string `json:"recording_id"`
	SessionID   string `json:"session_id"`
}

// RecordingEnded says a recording ended; Duration is in seconds.
type RecordingEnded struct {
	// The fields are the payload's, by their JSON names.
	Event       string    `json:"event"`
	RecordingID string    `json:"recording_id"`
	SessionID   string    `json:"session_id"`
	StartedAt   time.Time `json:"started_at,omitzero"`
	EndedAt     time.Time `json:"ended_at,omitzero"`
	Duration    float64   `json:"duration"`
}

// RecordingReady says a recording was uploaded and can be downloaded at
// URL; Duration is in seconds.
type RecordingReady struct {
	// The fields are the payload's, by their JSON names.
	Event       string    `json:"event"`
	RecordingID string    `json:"recording_id"`
	SessionID   string    `json:"session_id"`
	RoomID      string    `json:"room_id"`
	StartedAt   time.Time `json:"started_at,omitzero"`
	EndedAt     time.Time `json:"ended_at,omitzero"`
	Duration    float64   `json:"duration"`
	URL         string    `json:"url"`
}

// Participant is who joined or left a session.
type Participant struct {
	// The fields are the payload's, by their JSON names.
	Event         string `json:"event"`
	ParticipantID string `json:"participant_id"`
	SessionID     string `json:"session_id"`
	RoomID        string `json:"room_id"`
	Name          string `json:"name"`
	// Type is the participant's kind, such as "Guest".
	Type   string `json:"type"`
	IsHost bool   `json:"is_host"`
}

// ParticipantJoined says a participant joined a session.
type ParticipantJoined struct{ Participant }

// ParticipantLeft says a participant left a session.
type ParticipantLeft struct{ Participant }

// EventName implements CallbackEvent.
func (*RoomExpired) EventName() string { return EventRoomExpired }

// EventName implements CallbackEvent.
func (*SessionStarted) EventName() string { return EventSessionStarted }

// EventName implements CallbackEvent.
func (*SessionEnded) EventName() string { return EventSessionEnded }

// EventName implements CallbackEvent.
func (*RecordingStarted) EventName() string { return EventRecordingStarted }

// EventName implements CallbackEvent.
func (*RecordingEnded) EventName() string { return EventRecordingEnded }

// EventName implements CallbackEvent.
func (*RecordingReady) EventName() string { return EventRecordingReady }

// EventName implements CallbackEvent.
func (*ParticipantJoined) EventName() string { return EventParticipantJoined }

// EventName implements CallbackEvent.
func (*ParticipantLeft) EventName() string { return EventParticipantLeft }

func (e *RoomExpired) check() error { return required("room_id", e.RoomID) }
func (e *SessionStarted) check() error {
	return required("session_id", e.SessionID, "room_id", e.RoomID)
}
func (e *SessionEnded) check() error { return required("session_id", e.SessionID, "room_id", e.RoomID) }
func (e *RecordingStarted) check() error {
	return required("recording_id", e.RecordingID, "session_id", e.SessionID)
}
func (e *RecordingEnded) check() error {
	return required("recording_id", e.RecordingID, "session_id", e.SessionID)
}
func (e *RecordingReady) check() error {
	return required("recording_id", e.RecordingID, "session_id", e.SessionID, "url", e.URL)
}
func (e *Participant) check() error {
	return required("participant_id", e.ParticipantID, "session_id", e.SessionID)
}

// required names the first empty field of name/value pairs.
func required(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			return fmt.Errorf("%s is required", pairs[i])
		}
	}
	return nil
}

// ErrMalformedCallback is wrapped by every error of DecodeCallback.
var ErrMalformedCallback = errors.New("vonage: malformed callback")

// DecodeCallback decodes one callback body by its event field. Unknown
// fields are ignored (Vonage may add some); an unknown event, a field of
// the wrong type or a missing id is an error wrapping
// ErrMalformedCallback.
func DecodeCallback(body []byte) (CallbackEvent, error) {
	var head struct {
		Event *string `json:"event"`
	}
	if err := json.Unmarshal(body, &head); err != nil {
		return nil, fmt.Errorf("%w: the body is not a JSON object: %w", ErrMalformedCallback, err)
	}
	if head.Event == nil || *head.Event == "" {
		return nil, fmt.Errorf("%w: no event field", ErrMalformedCallback)
	}
	name := *head.Event
	if alias, ok := eventAliases[name]; ok {
		name = alias
	}
	var e CallbackEvent
	switch name {
	case EventRoomExpired:
		e = &RoomExpired{}
	case EventSessionStarted:
		e = &SessionStarted{}
	case EventSessionEnded:
		e = &SessionEnded{}
	case EventRecordingStarted:
		e = &RecordingStarted{}
	case EventRecordingEnded:
		e = &RecordingEnded{}
	case EventRecordingReady:
		e = &RecordingReady{}
	case EventParticipantJoined:
		e = &ParticipantJoined{}
	case EventParticipantLeft:
		e = &ParticipantLeft{}
	default:
		return nil, fmt.Errorf("%w: unknown event %q", ErrMalformedCallback, clean(*head.Event))
	}
	if err := json.Unmarshal(body, e); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrMalformedCallback, name, err)
	}
	if err := e.check(); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrMalformedCallback, name, err)
	}
	return e, nil
}

// CallbackHandler receives Vonage's callbacks: it answers 204 to a
// well-formed one after passing it to its function, and a plain-text 4xx
// saying what is wrong otherwise (400 malformed, 405 not POST, 413 too
// large, 415 not JSON). Vonage documents no signature for callbacks: mount
// it at a path that holds a secret, and put that path in the rooms'
// callback_urls.
type CallbackHandler struct {
	// OnEvent receives each decoded event, on the request's goroutine.
	OnEvent func(ctx context.Context, e CallbackEvent)
}

// ServeHTTP implements http.Handler.
func (h CallbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "vonage callbacks are POSTed", http.StatusMethodNotAllowed)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			http.Error(w, "a vonage callback is application/json", http.StatusUnsupportedMediaType)
			return
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxCallbackBytes))
	if err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			http.Error(w, fmt.Sprintf("a vonage callback is at most %d bytes", MaxCallbackBytes), http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "the body could not be read", http.StatusBadRequest)
		return
	}
	e, err := DecodeCallback(bytes.TrimSpace(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if h.OnEvent != nil {
		h.OnEvent(r.Context(), e)
	}
	w.WriteHeader(http.StatusNoContent)
}
