// Package sandbox is an offline stand-in for a Jitsi Meet deployment. Its
// conference page speaks the postMessage protocol of the iframe External API
// (framing, readiness handshake, commands, requests and events, as described
// in the project's spec), so that both the real Jitsi external_api.js and
// meetbridge's own parent library can drive it without a network, and it
// shows what happens in the simulated meeting so a person can follow it.
//
// The real external_api.js always builds https://<domain>/<room> and accepts
// messages only from that origin: serve the handler over TLS for it, with
// [SelfSignedCertificate] when there is no real certificate.
package sandbox

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

//go:embed assets
var assets embed.FS

// Identity is who a verified jwt says the local participant is.
type Identity struct {
	// Name is the display name; Email may be empty.
	Name, Email string
	// Moderator makes the local participant a moderator.
	Moderator bool
	// AvatarURL is the avatar (a jwt's context.user.avatar); may be empty.
	AvatarURL string
	// Room is the room the token is for (its room claim); the page refuses
	// a token for another room, as Prosody does. Empty means any room.
	Room string
}

// Config configures Handler.
type Config struct {
	// ControlToken enables the control endpoint: requests must carry
	// "Authorization: Bearer <ControlToken>". Empty disables the control
	// (its routes answer 404) and conference pages open no event stream.
	ControlToken string
	// Verify checks the jwt query parameter of a conference page and
	// returns the identity it carries. An error makes the page show it and
	// emit errorOccurred instead of joining. Nil ignores jwt parameters, as
	// a deployment without token authentication does, and makes every page
	// a moderator. Set, a page opened without a jwt is a plain participant,
	// so that whoever knows a room's name cannot kick, mute or end the
	// meeting of those who signed in.
	Verify func(jwt string) (Identity, error)
}

// maxNameLen bounds room and tenant names, in bytes.
const maxNameLen = 200

// pageData is what the conference template embeds as JSON for
// conference.js.
type pageData struct {
	Room      string    `json:"room"`
	Tenant    string    `json:"tenant,omitempty"`
	RoomPath  string    `json:"roomPath"`
	Control   bool      `json:"control"`
	Identity  *identity `json:"identity,omitempty"`
	AuthError string    `json:"authError,omitempty"`
	// ParticipantID, PageToken and MainRoom join the page to the room's
	// shared meeting (see meeting.go).
	ParticipantID string `json:"participantId,omitempty"`
	PageToken     string `json:"pageToken,omitempty"`
	MainRoom      string `json:"mainRoom"`
	// Role is the page participant's role in the shared meeting, the one
	// its page token carries.
	Role string `json:"role,omitempty"`
	// Lobby is true when the page must knock and wait in the lobby.
	Lobby bool `json:"lobby,omitempty"`
	// Locked is true when the meeting has a password the page must give
	// (the password command) to join.
	Locked bool `json:"locked,omitempty"`
}

// identity is Identity as the page reads it.
type identity struct {
	Name      string `json:"name"`
	Email     string `json:"email,omitempty"`
	Moderator bool   `json:"moderator"`
	AvatarURL string `json:"avatarURL,omitempty"`
}

// staticAsset is a file under /_sandbox/ or /external_api.js.
type staticAsset struct {
	body        []byte
	contentType string
	etag        string
}

// conferenceCSP lets the conference page load only its own scripts and
// styles. It sets no frame-ancestors: the page is meant to be embedded.
const conferenceCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'"

// Handler serves the sandbox:
//
//	GET /external_api.js                        the parent library (assets/external_api.js)
//	GET /{room}, GET /{tenant}/{room}           the conference page
//	GET /_sandbox/conference.js, conference.css its assets (Cache-Control: no-cache)
//	POST /_sandbox/control/{room}               a simulated action (see below)
//	GET /_sandbox/control/{room}/events         the control's actions as Server-Sent Events
//	GET /_sandbox/meeting/{room}/events         a page's stream of the room's shared meeting
//	POST /_sandbox/meeting/{room}/ops           a page's ops in the shared meeting
//
// Every page open on a room is a participant of one meeting that the
// handler keeps (see meeting.go and the README): what a page does reaches
// the others, checked against the role its jwt gave.
//
// Room and tenant names are letters, digits and - _ . ~ @ (at most 200
// bytes); anything else answers 404. The conference page reads the query
// parameter jwt (checked with Config.Verify) and the hash that the External
// API puts in the iframe URL; without a jwt the local participant is a
// moderator, as the first person in a fresh Jitsi room is.
//
// # Control
//
// The control simulates the other people of a meeting, for tests and demos.
// It is enabled by a non-empty Config.ControlToken. A request
//
//	POST /_sandbox/control/{room}  (or /_sandbox/control/{tenant}/{room})
//	Authorization: Bearer <ControlToken>
//	Content-Type: application/json
//
//	{"action": "join", "name": "Bob"}
//
// is fanned out to every conference page open on that room, which plays it
// and emits the events Jitsi would. The reply is {"delivered": <pages>}, plus
// "id" for join and knock (generated when the body has none). The actions and
// their fields (? marks optional ones):
//
//	join            id?, name, email?      a participant joins (participantJoined)
//	leave           id                     a participant leaves (participantLeft)
//	speak           id                     dominant speaker (dominantSpeakerChanged)
//	knock           id?, name              someone knocks in the lobby (knockingParticipant)
//	raiseHand       id                     raiseHandUpdated with a timestamp
//	lowerHand       id                     raiseHandUpdated with 0
//	message         from, text, private?   a chat message (incomingMessage)
//	endpointMessage from, text             endpointTextMessageReceived
//	mute            id, mediaType, muted   participantMuted ("audio" or "video")
//	rename          id, name               displayNameChange
//	recordingLink   link, ttl              recordingLinkAvailable
//	burst           count                  count dominantSpeakerChanged events, at once (1..100000)
//	fail            type, message, mediaType?  cameraError ("video", the default) or micError ("audio")
//
// The body is at most 64 KiB and must be one JSON object with exactly the
// fields of its action; anything else answers 400 with the reason, a wrong
// or missing token 401. The event stream needs no token: it carries only the
// simulated actions. It ends when the client goes or the request's context
// ends; set http.Server.BaseContext to a context you cancel to end the
// streams on shutdown.
func Handler(cfg Config) (http.Handler, error) {
	tmpl, err := template.ParseFS(assets, "assets/conference.html")
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	static := map[string]*staticAsset{}
	for name, ctype := range map[string]string{
		"conference.js":   "text/javascript; charset=utf-8",
		"conference.css":  "text/css; charset=utf-8",
		"external_api.js": "text/javascript; charset=utf-8",
	} {
		body, err := fs.ReadFile(assets, "assets/"+name)
		if err != nil {
			if name == "external_api.js" {
				continue // not written yet: /external_api.js answers 404
			}
			return nil, fmt.Errorf("sandbox: %w", err)
		}
		sum := sha256.Sum256(body)
		static[name] = &staticAsset{body: body, contentType: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	s := &server{cfg: cfg, tmpl: tmpl, static: static, hub: newHub(), pages: newPageSigner()}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /external_api.js", s.serveExternalAPI)
	mux.HandleFunc("GET /_sandbox/{file}", s.serveAsset)
	mux.HandleFunc("GET /{room}", s.serveConference)
	mux.HandleFunc("GET /{tenant}/{room}", s.serveConference)
	mux.HandleFunc("POST /_sandbox/control/{room}", s.serveControl)
	mux.HandleFunc("POST /_sandbox/control/{tenant}/{room}", s.serveControl)
	mux.HandleFunc("GET /_sandbox/control/{room}/events", s.serveEvents)
	mux.HandleFunc("GET /_sandbox/control/{tenant}/{room}/events", s.serveEvents)
	mux.HandleFunc("GET /_sandbox/meeting/{room}/events", s.serveMeetingEvents)
	mux.HandleFunc("GET /_sandbox/meeting/{tenant}/{room}/events", s.serveMeetingEvents)
	mux.HandleFunc("POST /_sandbox/meeting/{room}/ops", s.serveMeetingOps)
	mux.HandleFunc("POST /_sandbox/meeting/{tenant}/{room}/ops", s.serveMeetingOps)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		httpError(w, http.StatusNotFound, "sandbox: no such page; conference pages are /<room> and /<tenant>/<room>")
	})
	return withCommonHeaders(mux), nil
}

// server holds the handler's state.
type server struct {
	cfg    Config
	tmpl   *template.Template
	static map[string]*staticAsset
	hub    *hub
	pages  pageSigner
}

// withCommonHeaders sets the headers every response carries.
func withCommonHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// httpError answers with a plain-text message.
func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = fmt.Fprintln(w, msg)
}

// validName reports whether s can be a room or tenant name: letters, digits
// and - _ . ~ @, not "." or "..", at most maxNameLen bytes.
func validName(s string) bool {
	if s == "" || len(s) > maxNameLen || s == "." || s == ".." || !utf8.ValidString(s) {
		return false
	}
	for _, c := range s {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune("-_.~@", c) {
			return false
		}
	}
	return true
}

// roomOf returns the room path ("room" or "tenant/room") of a request whose
// pattern has {room} and maybe {tenant}, or writes a 404 and returns false.
func roomOf(w http.ResponseWriter, r *http.Request) (tenant, room string, ok bool) {
	tenant, room = r.PathValue("tenant"), r.PathValue("room")
	bad := room
	switch {
	case tenant != "" && !validName(tenant):
		bad = tenant
	case validName(room):
		return tenant, room, true
	}
	httpError(w, http.StatusNotFound, fmt.Sprintf(
		"sandbox: %q is not a valid room or tenant name: use letters, digits and - _ . ~ @ (at most %d bytes)", bad, maxNameLen))
	return "", "", false
}

// joinRoom returns the room path of tenant and room, the key of their
// shared meeting. It is lower case: Prosody compares room and tenant names
// without case, so /Standup and /standup are one conference, as on a
// Jitsi deployment.
func joinRoom(tenant, room string) string {
	if tenant == "" {
		return strings.ToLower(room)
	}
	return strings.ToLower(tenant + "/" + room)
}

// pageRole is the role of a conference page's participant in the shared
// meeting: the verified jwt's when there is one; without one a moderator
// only where tokens are not verified (see Config.Verify).
func pageRole(verified bool, id *identity) string {
	if id != nil && id.Moderator || id == nil && !verified {
		return "moderator"
	}
	return "participant"
}

func (s *server) serveConference(w http.ResponseWriter, r *http.Request) {
	tenant, room, ok := roomOf(w, r)
	if !ok {
		return
	}
	data := pageData{Room: room, Tenant: tenant, RoomPath: joinRoom(tenant, room), Control: s.cfg.ControlToken != ""}
	if jwt := r.URL.Query().Get("jwt"); jwt != "" && s.cfg.Verify != nil {
		id, err := s.cfg.Verify(jwt)
		switch {
		case err != nil:
			data.AuthError = err.Error()
		case id.Room != "" && !strings.EqualFold(id.Room, room):
			data.AuthError = fmt.Sprintf("the token is for room %q, not %q", id.Room, room)
		default:
			data.Identity = &identity{Name: id.Name, Email: id.Email, Moderator: id.Moderator, AvatarURL: id.AvatarURL}
		}
	}
	data.MainRoom = s.pages.mainRoomID(data.RoomPath)
	if data.AuthError == "" {
		c := pageClaims{Room: data.RoomPath, ID: newParticipantID(), Role: pageRole(s.cfg.Verify != nil, data.Identity)}
		if id := data.Identity; id != nil {
			c.Name, c.Email, c.Named = id.Name, id.Email, true
		}
		data.ParticipantID, data.PageToken, data.Role = c.ID, s.pages.sign(c), c.Role
		data.Lobby = s.hub.lobbyHolds(data.RoomPath, c.Role)
		data.Locked = s.hub.passwordHolds(data.RoomPath, c.Role)
	}
	var buf bytes.Buffer
	if err := s.tmpl.Execute(&buf, data); err != nil {
		httpError(w, http.StatusInternalServerError, "sandbox: rendering the conference page failed")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", conferenceCSP)
	_, _ = w.Write(buf.Bytes())
}

func (s *server) serveAsset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	a := s.static[name]
	if a == nil || name == "external_api.js" {
		httpError(w, http.StatusNotFound, fmt.Sprintf("sandbox: no asset %q", name))
		return
	}
	a.serve(w, r)
}

func (s *server) serveExternalAPI(w http.ResponseWriter, r *http.Request) {
	a := s.static["external_api.js"]
	if a == nil {
		httpError(w, http.StatusNotFound, "sandbox: external_api.js is not part of this build")
		return
	}
	// Pages of other origins load it with <script> or import().
	w.Header().Set("Access-Control-Allow-Origin", "*")
	a.serve(w, r)
}

// serve writes the asset, answering If-None-Match with 304.
func (a *staticAsset) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", a.etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}
