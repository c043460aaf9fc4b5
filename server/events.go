package server

import (
	"net/http"

	"github.com/meetbridge/meetbridge/server/eventfeed"
)

// Events is the feed of provider events (webhooks, callbacks) that the
// moderator console shows live; provider handlers publish to it.
func (s *Server) Events() *eventfeed.Hub { return s.events }

// handleEvents streams the provider events to the signed-in moderator as
// server-sent events; anyone else gets 401.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	user := s.api.sessions.GetString(r.Context(), sessionUserKey)
	if user == "" || user != s.cfg.ModeratorUser {
		writeError(w, http.StatusUnauthorized, "unauthorized", "sign in as the moderator to follow provider events")
		return
	}
	s.events.ServeHTTP(w, r)
}
