package sandbox

import (
	"errors"
	"net/http"
)

// serveMeetingEvents is a page's stream of the shared meeting: the ops of
// the other pages and the control's actions. The query parameter token is
// the page token the page was served with.
func (s *server) serveMeetingEvents(w http.ResponseWriter, r *http.Request) {
	tenant, room, ok := roomOf(w, r)
	if !ok {
		return
	}
	key := joinRoom(tenant, room)
	c, err := s.pages.verify(r.URL.Query().Get("token"), key)
	if err != nil {
		httpError(w, http.StatusForbidden, "sandbox: "+err.Error())
		return
	}
	s.stream(w, r, key, s.hub.subscribePage(key, c.ID))
}

// serveMeetingOps takes a page's ops, {"token": ..., "ops": [...]}. The
// body may be sent as text/plain, so that pages in sandboxed iframes (an
// opaque origin) post it without a CORS preflight.
func (s *server) serveMeetingOps(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	tenant, room, ok := roomOf(w, r)
	if !ok {
		return
	}
	body, ok := readBody(w, r, "meeting ops must be JSON (application/json or text/plain)", "application/json", "text/plain")
	if !ok {
		return
	}
	token, ops, err := parseOps(body)
	if err != nil {
		httpError(w, http.StatusBadRequest, "sandbox: "+err.Error())
		return
	}
	key := joinRoom(tenant, room)
	c, err := s.pages.verify(token, key)
	if err != nil {
		httpError(w, http.StatusForbidden, "sandbox: "+err.Error())
		return
	}
	switch err := s.hub.pageOps(key, c, ops); {
	case errors.Is(err, errForbidden):
		httpError(w, http.StatusForbidden, "sandbox: "+err.Error())
	case errors.Is(err, errNotJoined):
		httpError(w, http.StatusConflict, "sandbox: "+err.Error())
	case err != nil:
		httpError(w, http.StatusBadRequest, "sandbox: "+err.Error())
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}
