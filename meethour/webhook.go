package meethour

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
)

// The headers that carry a webhook's signature. The SDKs disagree:
// pymeethour reads X-Signature, the .NET SDK reads HTTP_MEETHOUR_SIGNATURE,
// PHP's name for a Meethour-Signature header. Both are accepted.
const (
	SignatureHeader          = "X-Signature"
	SignatureHeaderAlternate = "Meethour-Signature"
)

// Webhook event types.
const (
	EventJoinMeeting          = "join_meeting"
	EventExitMeeting          = "exit_meeting"
	EventSaveMeetingRecording = "save_meeting_recording"
)

// Webhook limits and defaults.
const (
	// MinWebhookSecretBytes is the shortest signing secret accepted.
	MinWebhookSecretBytes = 16
	// DefaultWebhookTolerance is how far a webhook's timestamp may be from
	// now when WebhookConfig.Tolerance is zero.
	DefaultWebhookTolerance = 5 * time.Minute
	// MaxWebhookBytes bounds a webhook's body.
	MaxWebhookBytes = 256 << 10
	// defaultReplayEntries bounds the replay memory made when
	// WebhookConfig.Cache is nil.
	defaultReplayEntries = 10000
)

// SignWebhook returns the signature of a webhook body: the lowercase hex of
// HMAC-SHA256(secret, body), as Meet Hour sends it.
func SignWebhook(secret, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// WebhookConfig configures a WebhookHandler.
type WebhookConfig struct {
	// Secret is the signing secret of portal.meethour.io's webhook
	// settings, at least MinWebhookSecretBytes long.
	Secret []byte
	// Tolerance is how far an event's timestamp may be from now, either
	// way; DefaultWebhookTolerance when zero.
	Tolerance time.Duration
	// Cache remembers the event ids seen within the tolerance, to refuse
	// replays; server instances sharing a cache share that memory, and
	// the check and the mark are one step of the cache (Add), so that of
	// two instances given the same event at the same moment only one
	// accepts it. A bounded in-process cache when nil.
	Cache sharedcache.Cache
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Handle is called with each verified, new event. An error answers
	// HTTP 500, so that Meet Hour sends the event again, and forgets the
	// event id so that the retry is accepted.
	Handle func(ctx context.Context, e WebhookEvent) error
}

// WebhookEvent is a verified webhook.
type WebhookEvent struct {
	// Type is event_type, such as EventJoinMeeting.
	Type string `json:"event_type"`
	// ID is event_id, unique per event.
	ID string `json:"event_id"`
	// Timestamp is when Meet Hour sent it.
	Timestamp time.Time `json:"timestamp"`
	// Join is set for EventJoinMeeting, Exit for EventExitMeeting and
	// Recording for EventSaveMeetingRecording.
	Join      *AttendeeEvent  `json:"join,omitempty"`
	Exit      *AttendeeEvent  `json:"exit,omitempty"`
	Recording *RecordingEvent `json:"recording,omitempty"`
	// Data is the event's data as sent, for other event types.
	Data json.RawMessage `json:"data,omitempty"`
}

// AttendeeEvent is the data of join_meeting and exit_meeting.
type AttendeeEvent struct {
	MeetingID string `json:"meeting_id"`
	Attendee  struct {
		Name  string `json:"name"`
		Email string `json:"email"`
	} `json:"attendee"`
	// LoginDatetime is set on join, LogoutDatetime on exit.
	LoginDatetime  string `json:"login_datetime,omitempty"`
	LogoutDatetime string `json:"logout_datetime,omitempty"`
	UserAgent      string `json:"user_agent,omitempty"`
	AccessType     string `json:"access_type,omitempty"`
	IP             string `json:"ip,omitempty"`
	Location       struct {
		CountryName string `json:"country_name,omitempty"`
		CountryCode string `json:"country_code,omitempty"`
		City        string `json:"city,omitempty"`
		Postal      Text   `json:"postal,omitempty"`
		Latitude    Text   `json:"latitude,omitempty"`
		Longitude   Text   `json:"longitude,omitempty"`
		State       string `json:"state,omitempty"`
	} `json:"location"`
}

// RecordingEvent is the data of save_meeting_recording.
type RecordingEvent struct {
	MeetingID string `json:"meeting_id"`
	Customer  struct {
		Name  string `json:"name"`
		Email string `json:"email"`
	} `json:"customer"`
	RecordingType string `json:"recording_type"`
	RecordingName string `json:"recording_name"`
	// RecordingPath is a link valid for seven days (an S3 presigned URL).
	RecordingPath     string `json:"recording_path"`
	RecordingDate     string `json:"recording_date"`
	Status            string `json:"status"`
	Duration          string `json:"duration"`
	DurationFormat    string `json:"duration_format,omitempty"`
	RecordingSize     Text   `json:"recording_size"`
	RecordingSizeUnit string `json:"recording_size_unit,omitempty"`
	RecordingExpiry   string `json:"recording_expiry,omitempty"`
	TimeZone          string `json:"time_zone,omitempty"`
}

// WebhookHandler verifies and decodes Meet Hour's webhooks. It is an
// http.Handler for POST requests; every refusal is a 4xx with Meet Hour's
// envelope {success:false, code, message}.
type WebhookHandler struct {
	cfg WebhookConfig
}

// NewWebhookHandler checks cfg, refusing a missing or short secret.
func NewWebhookHandler(cfg WebhookConfig) (*WebhookHandler, error) {
	switch {
	case len(cfg.Secret) < MinWebhookSecretBytes:
		return nil, fmt.Errorf("meethour: webhook secret: %d bytes is too short (want at least %d)", len(cfg.Secret), MinWebhookSecretBytes)
	case cfg.Tolerance < 0:
		return nil, fmt.Errorf("meethour: webhook: negative Tolerance %s", cfg.Tolerance)
	case cfg.Handle == nil:
		return nil, errors.New("meethour: webhook: Handle is required")
	}
	if cfg.Tolerance == 0 {
		cfg.Tolerance = DefaultWebhookTolerance
	}
	if cfg.Cache == nil {
		cfg.Cache = sharedcache.NewMemory(defaultReplayEntries)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.Secret = append([]byte(nil), cfg.Secret...)
	return &WebhookHandler{cfg: cfg}, nil
}

// webhookError is a refusal: an HTTP status and a message.
type webhookError struct {
	status  int
	message string
}

// ServeHTTP verifies the signature, the timestamp and the event id, decodes
// the event and hands it to Handle.
func (h *WebhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		replyWebhook(w, http.StatusMethodNotAllowed, "webhooks are POSTed")
		return
	}
	e, werr := h.verify(r)
	if werr != nil {
		replyWebhook(w, werr.status, werr.message)
		return
	}
	key := "meethour/webhook/" + hex.EncodeToString(sha256Sum(e.ID))
	if werr := h.markNew(r.Context(), key); werr != nil {
		replyWebhook(w, werr.status, werr.message)
		return
	}
	if err := h.cfg.Handle(r.Context(), e); err != nil {
		_ = h.cfg.Cache.Delete(context.WithoutCancel(r.Context()), key)
		replyWebhook(w, http.StatusInternalServerError, "the event could not be handled")
		return
	}
	replyWebhook(w, http.StatusOK, "event received")
}

// sha256Sum hashes s.
func sha256Sum(s string) []byte {
	sum := sha256.Sum256([]byte(s))
	return sum[:]
}

// verify reads, authenticates and decodes the request.
func (h *WebhookHandler) verify(r *http.Request) (WebhookEvent, *webhookError) {
	sig := r.Header.Get(SignatureHeader)
	if sig == "" {
		sig = r.Header.Get(SignatureHeaderAlternate)
	}
	if sig == "" {
		return WebhookEvent{}, &webhookError{http.StatusUnauthorized, "missing signature: send " + SignatureHeader + " or " + SignatureHeaderAlternate}
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, MaxWebhookBytes))
	if err != nil {
		return WebhookEvent{}, &webhookError{http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes or unreadable", MaxWebhookBytes)}
	}
	got, err := hex.DecodeString(strings.TrimSpace(sig))
	mac := hmac.New(sha256.New, h.cfg.Secret)
	mac.Write(body)
	if err != nil || !hmac.Equal(got, mac.Sum(nil)) {
		return WebhookEvent{}, &webhookError{http.StatusUnauthorized, "bad signature"}
	}
	var raw struct {
		Type      string          `json:"event_type"`
		ID        string          `json:"event_id"`
		Timestamp string          `json:"timestamp"`
		Data      json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return WebhookEvent{}, &webhookError{http.StatusBadRequest, "the body is not a JSON event"}
	}
	if raw.Type == "" || raw.ID == "" || len(raw.ID) > 256 {
		return WebhookEvent{}, &webhookError{http.StatusBadRequest, "event_type and event_id (at most 256 bytes) are required"}
	}
	ts, ok := parseWebhookTime(raw.Timestamp)
	if !ok {
		return WebhookEvent{}, &webhookError{http.StatusBadRequest, "timestamp is not an ISO 8601 time"}
	}
	if d := h.cfg.Now().Sub(ts); d > h.cfg.Tolerance || d < -h.cfg.Tolerance {
		return WebhookEvent{}, &webhookError{http.StatusBadRequest, fmt.Sprintf("stale event: timestamp is more than %s from now", h.cfg.Tolerance)}
	}
	e := WebhookEvent{Type: raw.Type, ID: raw.ID, Timestamp: ts.UTC()}
	// A typed event's data must be an object naming its meeting: null or
	// {} would decode into an empty event that looks like a real one.
	var target any
	var meetingID *string
	switch raw.Type {
	case EventJoinMeeting:
		e.Join = &AttendeeEvent{}
		target, meetingID = e.Join, &e.Join.MeetingID
	case EventExitMeeting:
		e.Exit = &AttendeeEvent{}
		target, meetingID = e.Exit, &e.Exit.MeetingID
	case EventSaveMeetingRecording:
		e.Recording = &RecordingEvent{}
		target, meetingID = e.Recording, &e.Recording.MeetingID
	default:
		e.Data = raw.Data
		return e, nil
	}
	if err := json.Unmarshal(raw.Data, target); err != nil || *meetingID == "" {
		return WebhookEvent{}, &webhookError{http.StatusBadRequest, "the data of " + raw.Type + " is not the documented object (with its meeting_id)"}
	}
	return e, nil
}

// markNew remembers the event id for twice the tolerance (the window of
// timestamps accepted), refusing one seen already. The check and the mark
// are one step of the cache (Add), so that of two deliveries of one event
// at once, to this instance or to another sharing the cache, one is
// handled and the other refused.
func (h *WebhookHandler) markNew(ctx context.Context, key string) *webhookError {
	added, err := h.cfg.Cache.Add(ctx, key, []byte{1}, 2*h.cfg.Tolerance)
	switch {
	case err != nil:
		return &webhookError{http.StatusServiceUnavailable, "the replay check is unavailable: send the event again later"}
	case !added:
		return &webhookError{http.StatusConflict, "replayed event: this event_id was received already"}
	}
	return nil
}

// parseWebhookTime reads an ISO 8601 timestamp; one without a zone is UTC.
func parseWebhookTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", time.DateTime} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// replyWebhook answers with Meet Hour's envelope.
func replyWebhook(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"success": status < 300, "code": status, "message": message})
}
