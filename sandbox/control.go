package sandbox

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	// maxControlBody bounds a control request's body.
	maxControlBody = 64 << 10
	// maxBurst bounds the count of a burst action.
	maxBurst = 100000
	// maxField bounds ids, names, types and links, in bytes; text and
	// message may fill the body.
	maxField = 1024
	// subscriberBuffer is how many actions a slow page may lag behind
	// before its stream is dropped.
	subscriberBuffer = 256
	// heartbeatEvery is how often an idle stream sends a comment, so that
	// dead clients are noticed.
	heartbeatEvery = 20 * time.Second
)

// action is a control request's body, as validated and as forwarded to the
// pages.
type action struct {
	Action    string   `json:"action"`
	ID        string   `json:"id,omitempty"`
	Name      string   `json:"name,omitempty"`
	Email     string   `json:"email,omitempty"`
	From      string   `json:"from,omitempty"`
	Text      string   `json:"text,omitempty"`
	Private   *bool    `json:"private,omitempty"`
	MediaType string   `json:"mediaType,omitempty"`
	Muted     *bool    `json:"muted,omitempty"`
	Link      string   `json:"link,omitempty"`
	TTL       *float64 `json:"ttl,omitempty"`
	Count     *int     `json:"count,omitempty"`
	Type      string   `json:"type,omitempty"`
	Message   string   `json:"message,omitempty"`
}

// actionFields lists, per action, its required and optional fields
// (besides "action").
var actionFields = map[string]struct{ required, optional []string }{
	"join":            {[]string{"name"}, []string{"id", "email"}},
	"leave":           {[]string{"id"}, nil},
	"speak":           {[]string{"id"}, nil},
	"knock":           {[]string{"name"}, []string{"id"}},
	"raiseHand":       {[]string{"id"}, nil},
	"lowerHand":       {[]string{"id"}, nil},
	"message":         {[]string{"from", "text"}, []string{"private"}},
	"endpointMessage": {[]string{"from", "text"}, nil},
	"mute":            {[]string{"id", "mediaType", "muted"}, nil},
	"rename":          {[]string{"id", "name"}, nil},
	"recordingLink":   {[]string{"link", "ttl"}, nil},
	"burst":           {[]string{"count"}, nil},
	"fail":            {[]string{"type", "message"}, []string{"mediaType"}},
}

// actionNames lists the actions, for error messages.
func actionNames() string {
	names := make([]string, 0, len(actionFields))
	for n := range actionFields {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// parseAction decodes and validates a control body. It fills in a missing
// id of join and knock.
func parseAction(body []byte) (*action, error) {
	var fields map[string]json.RawMessage
	if err := decodeOne(body, &fields); err != nil {
		return nil, err
	}
	if fields == nil {
		return nil, errors.New("the body must be a JSON object")
	}
	var name string
	if raw, ok := fields["action"]; !ok {
		return nil, errors.New(`missing "action"`)
	} else if err := json.Unmarshal(raw, &name); err != nil {
		return nil, errors.New(`"action" must be a string`)
	}
	spec, ok := actionFields[name]
	if !ok {
		return nil, fmt.Errorf("unknown action %q (known: %s)", name, actionNames())
	}
	for key := range fields {
		if key != "action" && !slices.Contains(spec.required, key) && !slices.Contains(spec.optional, key) {
			return nil, fmt.Errorf("action %q has no field %q", name, key)
		}
	}
	for _, key := range spec.required {
		if _, ok := fields[key]; !ok {
			return nil, fmt.Errorf("action %q needs the field %q", name, key)
		}
	}
	var a action
	if err := decodeOne(body, &a); err != nil {
		return nil, fmt.Errorf("action %q: %w", name, err)
	}
	if err := a.validate(); err != nil {
		return nil, fmt.Errorf("action %q: %w", name, err)
	}
	if (a.Action == "join" || a.Action == "knock") && a.ID == "" {
		a.ID = newParticipantID()
	}
	return &a, nil
}

// decodeOne decodes exactly one JSON value with no unknown fields.
func decodeOne(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return fmt.Errorf("field %q must be a JSON %s", typeErr.Field, jsonKind(typeErr.Type.Kind().String()))
		}
		return fmt.Errorf("malformed JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("malformed JSON: data after the object")
	}
	return nil
}

// jsonKind names a Go kind the way JSON does.
func jsonKind(kind string) string {
	switch kind {
	case "bool":
		return "boolean"
	case "int", "float64":
		return "number"
	case "ptr":
		return "value of the right type"
	}
	return kind
}

// validate checks the values of the fields a has.
func (a *action) validate() error {
	for field, v := range map[string]string{"id": a.ID, "name": a.Name, "email": a.Email, "from": a.From,
		"mediaType": a.MediaType, "link": a.Link, "type": a.Type} {
		if len(v) > maxField {
			return fmt.Errorf("%q is longer than %d bytes", field, maxField)
		}
	}
	for field, v := range map[string]string{"id": a.ID, "name": a.Name, "from": a.From, "text": a.Text,
		"link": a.Link, "type": a.Type, "message": a.Message} {
		if !utf8.ValidString(v) {
			return fmt.Errorf("%q is not valid UTF-8", field)
		}
	}
	required := actionFields[a.Action].required
	for field, v := range map[string]string{"id": a.ID, "name": a.Name, "from": a.From, "text": a.Text,
		"link": a.Link, "type": a.Type, "mediaType": a.MediaType} {
		if v == "" && slices.Contains(required, field) {
			return fmt.Errorf("%q must not be empty", field)
		}
	}
	for field, set := range map[string]bool{"muted": a.Muted != nil, "ttl": a.TTL != nil, "count": a.Count != nil} {
		if !set && slices.Contains(required, field) {
			return fmt.Errorf("%q must not be null", field)
		}
	}
	if a.MediaType != "" && a.MediaType != "audio" && a.MediaType != "video" {
		return fmt.Errorf(`"mediaType" must be "audio" or "video", not %q`, a.MediaType)
	}
	if a.Count != nil && (*a.Count < 1 || *a.Count > maxBurst) {
		return fmt.Errorf(`"count" must be 1..%d`, maxBurst)
	}
	if a.TTL != nil && *a.TTL < 0 {
		return errors.New(`"ttl" must not be negative`)
	}
	return nil
}

// newParticipantID returns 8 hex digits, the shape of a Jitsi endpoint id.
func newParticipantID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// authorized reports whether r carries the control token, comparing in
// constant time (hashes first, so the length does not leak either).
func (s *server) authorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(s.cfg.ControlToken))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

func (s *server) serveControl(w http.ResponseWriter, r *http.Request) {
	if s.cfg.ControlToken == "" {
		httpError(w, http.StatusNotFound, "sandbox: the control is disabled (Config.ControlToken is empty)")
		return
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sandbox control"`)
		httpError(w, http.StatusUnauthorized, "sandbox: the control needs Authorization: Bearer <control token>")
		return
	}
	tenant, room, ok := roomOf(w, r)
	if !ok {
		return
	}
	body, ok := readBody(w, r, "the control body must be application/json", "application/json")
	if !ok {
		return
	}
	a, err := parseAction(body)
	if err != nil {
		httpError(w, http.StatusBadRequest, "sandbox: "+err.Error())
		return
	}
	msg, err := json.Marshal(a)
	if err != nil {
		httpError(w, http.StatusInternalServerError, "sandbox: "+err.Error())
		return
	}
	reply := struct {
		Delivered int    `json:"delivered"`
		ID        string `json:"id,omitempty"`
	}{Delivered: s.hub.publishAction(joinRoom(tenant, room), msg, a)}
	if a.Action == "join" || a.Action == "knock" {
		reply.ID = a.ID
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(reply)
}

// readBody reads a request body of at most maxControlBody bytes whose
// content type (when given) is one of types, or answers the error (415
// with why, 413, 400) and returns false.
func readBody(w http.ResponseWriter, r *http.Request, why string, types ...string) ([]byte, bool) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || !slices.Contains(types, mt) {
			httpError(w, http.StatusUnsupportedMediaType, "sandbox: "+why)
			return nil, false
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxControlBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("sandbox: the body is larger than %d bytes", maxControlBody))
			return nil, false
		}
		httpError(w, http.StatusBadRequest, "sandbox: reading the body: "+err.Error())
		return nil, false
	}
	return body, true
}

func (s *server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if s.cfg.ControlToken == "" {
		httpError(w, http.StatusNotFound, "sandbox: the control is disabled (Config.ControlToken is empty)")
		return
	}
	tenant, room, ok := roomOf(w, r)
	if !ok {
		return
	}
	key := joinRoom(tenant, room)
	s.stream(w, r, key, s.hub.subscribe(key))
}

// stream writes the events of sub as Server-Sent Events until the client
// goes, the request ends or sub is dropped.
func (s *server) stream(w http.ResponseWriter, r *http.Request, key string, sub *subscriber) {
	defer s.hub.unsubscribe(key, sub)
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's WriteTimeout
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	// Pages in a sandboxed iframe have an opaque origin; the stream holds
	// nothing secret.
	h.Set("Access-Control-Allow-Origin", "*")
	if _, err := io.WriteString(w, "retry: 1000\n: connected\n\n"); err != nil || rc.Flush() != nil {
		return
	}
	heartbeat := time.NewTicker(heartbeatEvery)
	defer heartbeat.Stop()
	for {
		var chunk string
		select {
		case <-r.Context().Done():
			return
		case <-sub.dropped:
			return
		case <-heartbeat.C:
			chunk = ": heartbeat\n\n"
		case msg := <-sub.ch:
			chunk = "data: " + string(msg) + "\n\n" // msg is one line of JSON
		}
		if _, err := io.WriteString(w, chunk); err != nil || rc.Flush() != nil {
			return
		}
	}
}
