package meethourtest

import (
	"crypto/rand"
	"net/http"
)

// tokenRequest holds the fields of both grants.
type tokenRequest struct {
	GrantType    string  `json:"grant_type"`
	ClientID     string  `json:"client_id"`
	ClientSecret string  `json:"client_secret"`
	Username     *string `json:"username"`
	Password     *string `json:"password"`
	RefreshToken *string `json:"refresh_token"`
	Scope        string  `json:"scope"`
}

// oauthError answers like Laravel Passport (league/oauth2-server).
func oauthError(w http.ResponseWriter, status int, code, description string) {
	writeJSON(w, status, map[string]any{"error": code, "error_description": description, "message": description})
}

// oauthToken serves the password and refresh_token grants.
func (s *Server) oauthToken(w http.ResponseWriter, r *http.Request) {
	var req tokenRequest
	if !decode(w, r, &req) {
		return
	}
	switch req.GrantType {
	case "password":
		if req.ClientID == "" || req.ClientSecret == "" || req.Username == nil || req.Password == nil || req.RefreshToken != nil {
			oauthError(w, http.StatusBadRequest, "invalid_request", "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.")
			return
		}
	case "refresh_token":
		if req.ClientID == "" || req.ClientSecret == "" || req.RefreshToken == nil || req.Username != nil || req.Password != nil {
			oauthError(w, http.StatusBadRequest, "invalid_request", "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.")
			return
		}
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.")
		return
	}
	if req.ClientID != s.cfg.ClientID || req.ClientSecret != s.cfg.ClientSecret {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.GrantType == "password" {
		if *req.Username != s.cfg.Username || *req.Password != s.cfg.Password {
			oauthError(w, http.StatusBadRequest, "invalid_grant", "The user credentials were incorrect.")
			return
		}
		s.logins++
	} else {
		if !s.refresh[*req.RefreshToken] {
			oauthError(w, http.StatusBadRequest, "invalid_grant", "The refresh token is invalid.")
			return
		}
		// Passport rotates: the old refresh token and its access token go.
		s.refresh[*req.RefreshToken] = false
		if old := s.pairs[*req.RefreshToken]; s.access[old].After(s.cfg.Now()) {
			s.access[old] = s.cfg.Now()
		}
		s.refreshes++
	}
	access, refresh := "at-"+rand.Text(), "rt-"+rand.Text()
	s.access[access] = s.cfg.Now().Add(s.cfg.TokenTTL)
	s.refresh[refresh] = true
	s.pairs[refresh] = access
	s.issued = append(s.issued, access, refresh)
	writeJSON(w, http.StatusOK, map[string]any{
		"token_type":    "Bearer",
		"expires_in":    int64(s.cfg.TokenTTL.Seconds()),
		"access_token":  access,
		"refresh_token": refresh,
	})
}
