//go:build js && wasm

package app

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeServer is the server's JSON API, in process, recording the requests.
type fakeServer struct {
	mux      *http.ServeMux
	requests []string
	bodies   []string
	session  Session
	tokenErr string // a JSON error body to answer /api/token with once
}

// newFakeServer serves the session, login, logout and token endpoints.
func newFakeServer() *fakeServer {
	s := &fakeServer{mux: http.NewServeMux()}
	writeJSON := func(w http.ResponseWriter, status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	s.mux.HandleFunc("GET /api/session", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, s.session) })
	s.mux.HandleFunc("POST /api/login", func(w http.ResponseWriter, r *http.Request) {
		var req LoginRequest
		_ = json.Unmarshal([]byte(s.bodies[len(s.bodies)-1]), &req)
		if req.Password != "right" {
			writeJSON(w, 401, map[string]any{"error": map[string]string{"code": "invalid_credentials", "message": "wrong user name or password"}})
			return
		}
		s.session = Session{SignedIn: true, User: req.Username, Moderator: true}
		writeJSON(w, 200, map[string]any{"user": req.Username, "moderator": true})
	})
	s.mux.HandleFunc("POST /api/logout", func(w http.ResponseWriter, _ *http.Request) {
		s.session = Session{}
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("POST /api/token", func(w http.ResponseWriter, r *http.Request) {
		if s.tokenErr != "" {
			w.Header().Set("Retry-After", "30")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, s.tokenErr)
			s.tokenErr = ""
			return
		}
		var req TokenRequest
		_ = json.Unmarshal([]byte(s.bodies[len(s.bodies)-1]), &req)
		writeJSON(w, 200, Grant{Provider: "sandbox", Domain: "app.test", RoomName: req.Room, JWT: "token-for-" + req.DisplayName,
			ScriptURL: "/external_api.js", Moderator: s.session.Moderator})
	})
	return s
}

// ServeHTTP records the request and serves it.
func (s *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var b []byte
	if r.Body != nil { // a client-side request without a body has none
		b, _ = io.ReadAll(r.Body)
	}
	s.requests = append(s.requests, r.Method+" "+r.URL.Path+" "+r.Header.Get("Content-Type"))
	s.bodies = append(s.bodies, string(b))
	s.mux.ServeHTTP(w, r)
}

func TestJoinPageValidatesAsksForATokenAndEmbeds(t *testing.T) {
	mountPoint(t)
	srv := newFakeServer()
	srv.session = Session{SignedIn: true, User: "ada"}
	p := &JoinPage{Client: inProcessClient(srv), ProviderFor: fakeProviderFor}
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(p))
	unmountAtEnd(t, e)
	e.ConsumeAll()
	assert.Equal(t, []string{"GET /api/session application/json"}, srv.requests)
	assert.Contains(t, textOf(t, ".join-page .status-line"), "Signed in as ada")
	href, _ := mustQuery(t, ".join-page .status-link").Get("href")
	h, _ := href.String()
	assert.Contains(t, h, "/console")

	// Invalid fields are refused before any request.
	setValue(t, "#join-room", "no", "input")
	click(t, ".join-page button.join-submit")
	e.ConsumeAll()
	assert.Len(t, srv.requests, 1)
	assert.Contains(t, textOf(t, ".join-page .field:nth-child(2) .error"), "3 to 64 lowercase letters")
	assert.Equal(t, "enter the name others will see", textOf(t, ".join-page .field:nth-child(3) .error"))

	// The server's error is shown.
	srv.tokenErr = `{"error":{"code":"rate_limited","message":"too many requests"}}`
	setValue(t, "#join-room", " Daily-Standup ", "input")
	setValue(t, "#join-name", "Ada", "input")
	click(t, ".join-page button.join-submit")
	e.ConsumeAll()
	assert.Equal(t, "too many requests (try again in 30s)", textOf(t, ".join-page .join-form > .error"))
	assert.Equal(t, 0, count(t, ".join-page .field .error"))

	// Then it grants, and the meeting is embedded with the grant.
	click(t, ".join-page button.join-submit")
	e.ConsumeAll()
	assert.Equal(t, "POST /api/token application/json", srv.requests[len(srv.requests)-1])
	assert.JSONEq(t, `{"room":"daily-standup","displayName":"Ada"}`, srv.bodies[len(srv.bodies)-1])
	require.False(t, iframeIn(t, JoinMeetingElementID).IsNull(), "the meeting is embedded")
	d := lastDouble(t)
	assert.Equal(t, `"daily-standup"`, d.option("roomName"))
	assert.Equal(t, `"token-for-Ada"`, d.option("jwt"))
	assert.JSONEq(t, `{"displayName":"Ada"}`, d.option("userInfo"))
	assert.Equal(t, "Room daily-standup as Ada", textOf(t, ".join-page .meeting-info span"))

	click(t, ".join-page .meeting-info button.leave")
	e.ConsumeAll()
	disposed, _ := d.obj.Get("disposed")
	gone, _ := disposed.Bool()
	assert.True(t, gone)
	assert.Equal(t, 1, count(t, ".join-page .join-form"))
}

func TestConsoleSignsInJoinsAndSignsOut(t *testing.T) {
	mountPoint(t)
	srv := newFakeServer()
	c := &Console{Client: inProcessClient(srv), ProviderFor: fakeProviderFor}
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(c))
	unmountAtEnd(t, e)
	e.ConsumeAll()
	assert.Contains(t, textOf(t, ".console .status-line"), "Not signed in")
	require.Equal(t, 1, count(t, ".console .sign-in"))

	setValue(t, "#sign-in-user", "mod", "input")
	setValue(t, "#sign-in-password", "wrong", "input")
	click(t, ".console button.sign-in-submit")
	e.ConsumeAll()
	assert.Equal(t, "wrong user name or password", textOf(t, ".console .sign-in > .error"))
	assert.JSONEq(t, `{"username":"mod","password":"wrong"}`, srv.bodies[len(srv.bodies)-1])

	setValue(t, "#sign-in-password", "right", "input")
	click(t, ".console button.sign-in-submit")
	e.ConsumeAll()
	assert.Contains(t, textOf(t, ".console .status-line"), "Signed in as mod (moderator)")
	v, _ := mustQuery(t, "#join-name").Get("value")
	name, _ := v.String()
	assert.Equal(t, "mod", name, "the join form is prefilled with the user")

	setValue(t, "#join-room", "retro", "input")
	click(t, ".console button.join-submit")
	e.ConsumeAll()
	require.NotNil(t, c.api)
	d := lastDouble(t)
	assert.Equal(t, `"token-for-mod"`, d.option("jwt"))
	assert.Contains(t, textOf(t, ".console .meeting-info"), "Room retro as mod (moderator)")

	click(t, ".console button.sign-out")
	e.ConsumeAll()
	assert.Equal(t, "POST /api/logout application/json", srv.requests[len(srv.requests)-1])
	disposed, _ := d.obj.Get("disposed")
	gone, _ := disposed.Bool()
	assert.True(t, gone, "signing out leaves the meeting")
	assert.Equal(t, 1, count(t, ".console .sign-in"))
	assert.Contains(t, textOf(t, ".console .status-line"), "Not signed in")
}
