package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/alexedwards/scs/v2"
	"golang.org/x/crypto/bcrypt"

	"github.com/meetbridge/meetbridge/app"
	"github.com/meetbridge/meetbridge/internal/sharedcache"
	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/server/metrics"
	"github.com/meetbridge/meetbridge/token"
)

// sessionUserKey holds the signed-in moderator's name in the session.
const sessionUserKey = "user"

// failureMemory is how long an address that failed to sign in pays the
// user-wide limit.
const failureMemory = time.Hour

// userWideFactor is how much looser the user-wide limit is than the
// per-address ones.
const userWideFactor = 4

// api holds what the JSON API needs.
type api struct {
	cfg      Config
	log      *slog.Logger
	storeLog *sampledLog // Redis down: one line a minute
	issuer   token.Issuer
	sessions *scs.SessionManager
	metrics  *metrics.Metrics
	tokens   rateLimiter // per client address
	logins   rateLimiter // per client address
	users    rateLimiter // per user name tried from one client address
	// userWide limits a user name from every address that has failed to
	// sign in before (failed): the spread-out guesser pays it, the
	// moderator at a clean address does not.
	userWide rateLimiter
	failed   sharedcache.Cache
	devices  sharedcache.Cache // browsers the moderator signed in from (logindevice.go)
	dummy    []byte            // a bcrypt hash compared against for unknown users
}

// tokenRequest is the body of POST /api/token.
type tokenRequest struct {
	Room        string `json:"room"`
	DisplayName string `json:"displayName"`
	Email       string `json:"email"`
	// Role "moderator" insists on a moderator token: without a signed-in
	// moderator the answer is 401 rather than a member token.
	Role string `json:"role"`
}

// tokenResponse is the grant plus whether it is a moderator token.
type tokenResponse struct {
	token.Grant
	Moderator bool `json:"moderator"`
}

// maxNameRunes bounds display names.
const maxNameRunes = 64

// handleToken issues a join token: a moderator token for the signed-in
// moderator, a member token for exactly one room for everyone else.
func (a *api) handleToken(w http.ResponseWriter, r *http.Request) {
	if !a.limited(w, r, "token", a.tokens, clientIP(r)) {
		return
	}
	var req tokenRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	if err := token.ValidateRoom(req.Room); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_room", "invalid room name: use 3 to 64 lowercase letters, digits, - and _, starting with a letter or digit")
		return
	}
	if err := app.ReservedRoom(req.Room); err != nil {
		writeError(w, http.StatusBadRequest, "reserved_room", err.Error())
		return
	}
	if msg := checkDisplayName(req.DisplayName); msg != "" {
		writeError(w, http.StatusBadRequest, "invalid_display_name", msg)
		return
	}
	if req.Email != "" {
		if addr, err := mail.ParseAddress(req.Email); err != nil || addr.Address != req.Email || len(req.Email) > 254 {
			writeError(w, http.StatusBadRequest, "invalid_email", "invalid email address")
			return
		}
	}
	user := a.sessions.GetString(r.Context(), sessionUserKey)
	moderator := user != "" && user == a.cfg.ModeratorUser
	switch {
	case req.Role == "moderator" && !moderator:
		writeError(w, http.StatusUnauthorized, "not_signed_in", "sign in as a moderator to get a moderator token")
		return
	case req.Role != "" && req.Role != "moderator" && req.Role != "member":
		writeError(w, http.StatusBadRequest, "invalid_role", `role is "moderator", "member" or empty`)
		return
	case req.Role == "member":
		moderator = false
	}
	id := user
	if id == "" {
		id = guestID()
	}
	grant, err := a.issuer.Issue(r.Context(), token.Request{
		Room: req.Room, DisplayName: req.DisplayName, Email: req.Email, UserID: id, Moderator: moderator,
	})
	if err != nil {
		a.tokenError(w, r, req.Room, err)
		return
	}
	if r.TLS != nil && a.cfg.Provider == ProviderSandbox && a.cfg.TLSHost != "" {
		// A page served over https gets the sandbox over https.
		grant.Domain = a.cfg.TLSHost
		grant.ScriptURL = "https://" + a.cfg.TLSHost + "/external_api.js"
	}
	a.metrics.TokenIssued(grant.Provider, moderator)
	a.log.Info("token issued", "provider", grant.Provider, "room", req.Room, "moderator", moderator, "expires", grant.ExpiresAt)
	writeJSON(w, http.StatusOK, tokenResponse{Grant: grant, Moderator: moderator})
}

// tokenError answers a failed Issue.
func (a *api) tokenError(w http.ResponseWriter, r *http.Request, room string, err error) {
	if status, code, msg, ok := vonageTokenError(err); ok {
		a.log.Warn("token: vonage refused", "room", room, "status", status, "err", err)
		writeError(w, status, code, msg)
		return
	}
	switch {
	case errors.Is(err, meethour.ErrUnavailable):
		a.metrics.UpstreamError(a.cfg.Provider, "unavailable")
		a.log.Warn("token: provider unavailable", "provider", a.cfg.Provider, "room", room, "err", err)
		writeError(w, http.StatusBadGateway, "upstream_unavailable", "the meeting provider is not answering: try again shortly")
	case errors.Is(err, meethour.ErrAuth), errors.Is(err, meethour.ErrMalformedResponse), errors.As(err, new(*meethour.APIError)):
		a.metrics.UpstreamError(a.cfg.Provider, upstreamKind(err))
		a.log.Error("token: provider refused or garbled the request", "provider", a.cfg.Provider, "room", room, "err", err)
		writeError(w, http.StatusBadGateway, "upstream_error", "the meeting provider could not issue a token")
	case errors.Is(err, token.ErrNoMemberContact):
		writeError(w, http.StatusForbidden, "host_email", "this email belongs to a host of the meeting: sign in as the moderator")
	case errors.Is(err, token.ErrMemberEmailRequired):
		writeError(w, http.StatusBadRequest, "email_required", "give your email address to join this meeting")
	case errors.Is(err, token.ErrUnknownRoom):
		writeError(w, http.StatusNotFound, "unknown_meeting", "this room has no meeting: ask the moderator to open it first")
	case errors.Is(err, token.ErrInvalidRequest):
		writeError(w, http.StatusBadRequest, "invalid_request", "the request cannot be served: "+strings.TrimPrefix(err.Error(), "token: "))
	case r.Context().Err() != nil:
		writeError(w, http.StatusServiceUnavailable, "canceled", "the request was canceled")
	default:
		a.log.Error("token: issue failed", "provider", a.cfg.Provider, "room", room, "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "the token could not be issued")
	}
}

// upstreamKind names a provider's failure for the metrics.
func upstreamKind(err error) string {
	switch {
	case errors.Is(err, meethour.ErrAuth):
		return "auth"
	case errors.Is(err, meethour.ErrMalformedResponse):
		return "malformed"
	}
	return "api"
}

// guestID names a guest in a token without revealing anything about them
// (a client address would end up in every participant's hands).
func guestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "guest-" + hex.EncodeToString(b)
}

// checkDisplayName returns why a display name is refused, or "".
func checkDisplayName(name string) string {
	switch {
	case !utf8.ValidString(name):
		return "the display name is not valid UTF-8"
	case utf8.RuneCountInString(name) > maxNameRunes:
		return "the display name is longer than 64 characters"
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "the display name contains control characters"
	}
	return ""
}

// loginRequest is the body of POST /api/login.
type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// sessionResponse says who is signed in.
type sessionResponse struct {
	SignedIn  bool   `json:"signedIn"`
	User      string `json:"user,omitempty"`
	Moderator bool   `json:"moderator"`
}

// handleLogin signs the moderator in. Guessing is slowed by three limits:
// per address, per (user, address), and per user across every address
// that has failed before. A clean address does not pay the last one, so an
// attacker failing from many addresses cannot lock the moderator out; nor
// does a browser the moderator signed in from before (a device cookie), so
// that the moderator's own typo does not either.
func (a *api) handleLogin(w http.ResponseWriter, r *http.Request) {
	addr := clientIP(r)
	if !a.limited(w, r, "login", a.logins, addr) {
		return
	}
	var req loginRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	if req.Username == "" || req.Password == "" || len(req.Username) > 128 || len(req.Password) > 72 {
		writeError(w, http.StatusBadRequest, "invalid_credentials", "give a user name and a password of at most 72 bytes")
		return
	}
	name := strings.ToLower(req.Username)
	if !a.limited(w, r, "login-user-address", a.users, name+"|"+addr) {
		return
	}
	// The address is marked as failed before its password is checked, in
	// one step with the check that it was clean (Add): of concurrent
	// guesses from a clean address, one goes free of the user-wide limit,
	// not all. A right password lifts the mark.
	clean, err := a.failed.Add(r.Context(), addr, []byte{1}, failureMemory)
	if err != nil {
		a.storeDown(w, "sign-in failures", err)
		return
	}
	if !clean && !a.knownDevice(r, name) && !a.limited(w, r, "login-user", a.userWide, name) {
		return
	}
	if !a.checkPassword(req.Username, req.Password) {
		if err := a.failed.Set(r.Context(), addr, []byte{1}, failureMemory); err != nil {
			a.storeDown(w, "sign-in failures", err)
			return
		}
		a.log.Warn("login refused", "remote", addr)
		writeError(w, http.StatusUnauthorized, "unauthorized", "wrong user name or password")
		return
	}
	_ = a.failed.Delete(r.Context(), addr) // the moderator's own typo is forgiven
	if err := a.sessions.RenewToken(r.Context()); err != nil {
		a.storeDown(w, "sessions", err)
		return
	}
	a.sessions.Put(r.Context(), sessionUserKey, req.Username)
	a.rememberDevice(w, r, name)
	a.log.Info("moderator signed in", "user", req.Username)
	writeJSON(w, http.StatusOK, sessionResponse{SignedIn: true, User: req.Username, Moderator: true})
}

// checkPassword compares in constant time with respect to the user name and
// always runs bcrypt, so timing does not tell whether the user exists.
func (a *api) checkPassword(user, password string) bool {
	hash, known := a.dummy, false
	if a.cfg.ModeratorUser != "" && subtle.ConstantTimeCompare([]byte(user), []byte(a.cfg.ModeratorUser)) == 1 {
		hash, known = a.cfg.ModeratorPasswordHash, true
	}
	ok := bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil
	return ok && known
}

// handleLogout ends the session.
func (a *api) handleLogout(w http.ResponseWriter, r *http.Request) {
	if err := a.sessions.Destroy(r.Context()); err != nil {
		a.storeDown(w, "sessions", err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
}

// handleSession says who is signed in.
func (a *api) handleSession(w http.ResponseWriter, r *http.Request) {
	user := a.sessions.GetString(r.Context(), sessionUserKey)
	writeJSON(w, http.StatusOK, sessionResponse{SignedIn: user != "", User: user, Moderator: user != "" && user == a.cfg.ModeratorUser})
}
