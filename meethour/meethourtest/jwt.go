package meethourtest

import (
	"crypto/rand"
	"net/http"

	"github.com/golang-jwt/jwt/v5"
)

// getJWT serves /api/v1.2/getjwt with a made-up HS256 token. A contact id
// must be a contact of the account.
func (s *Server) getJWT(w http.ResponseWriter, r *http.Request) {
	var b struct {
		MeetingID string         `json:"meeting_id"`
		ContactID *int64         `json:"contact_id"`
		Config    map[string]any `json:"config"`
		UIConfig  map[string]any `json:"ui_config"`
	}
	if !decode(w, r, &b) {
		return
	}
	if b.MeetingID == "" {
		invalid(w, "The meeting id field is required.")
		return
	}
	if b.ContactID != nil && *b.ContactID <= 0 {
		invalid(w, "The contact id is invalid.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, found := s.meetings[b.MeetingID]; !found {
		notFound(w, "Meeting")
		return
	}
	if b.ContactID != nil && s.contactByIDLocked(*b.ContactID) == nil {
		notFound(w, "Contact")
		return
	}
	now := s.cfg.Now()
	claims := jwt.MapClaims{
		"iss": "meethour-fake", "aud": "meethour", "sub": b.MeetingID, "jti": rand.Text(),
		"iat": now.Unix(), "exp": now.Add(s.cfg.JWTTTL).Unix(),
		"context": map[string]any{"moderator": b.ContactID == nil, "contact_id": b.ContactID},
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.jwtKey)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, envelope(false, http.StatusInternalServerError, "Server Error"))
		return
	}
	s.issued = append(s.issued, tok)
	s.jwts = append(s.jwts, IssuedJWT{MeetingID: b.MeetingID, ContactID: b.ContactID, Config: b.Config, UIConfig: b.UIConfig, JWT: tok})
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "jwt": tok})
}
