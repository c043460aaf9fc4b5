package meethourtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
)

// maxRequestBytes bounds request bodies.
const maxRequestBytes = 64 << 10

// handler routes requests after the checks every endpoint shares.
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/oauth/token", s.oauthToken)
	for path, h := range map[string]http.HandlerFunc{
		"/api/v1.2/customer/user_details":       s.userDetails,
		"/api/v1.2/getTimezone":                 s.timezones,
		"/api/v1.2/customer/addcontact":         s.addContact,
		"/api/v1.2/customer/contacts":           s.listContacts,
		"/api/v1.2/customer/editcontact":        s.editContact,
		"/api/v1.2/customer/deletecontact":      s.deleteContact,
		"/api/v1.2/meeting/schedulemeeting":     s.scheduleMeeting,
		"/api/v1.2/meeting/viewmeeting":         s.viewMeeting,
		"/api/v1.2/meeting/editmeeting":         s.editMeeting,
		"/api/v1.2/meeting/archivemeeting":      s.archiveMeeting,
		"/api/v1.2/meeting/deletemeeting":       s.deleteMeeting,
		"/api/v1.2/meeting/upcomingmeetings":    s.listMeetings(upcoming),
		"/api/v1.2/meeting/missedmeetings":      s.listMeetings(missed),
		"/api/v1.2/meeting/completedmeetings":   s.listMeetings(completed),
		"/api/v1.2/customer/videorecordinglist": s.listRecordings,
		"/api/v1.2/customer/getsinglerecording": s.getRecording,
		"/api/v1.2/customer/deleterecording":    s.deleteRecording,
		"/api/v1.2/getjwt":                      s.getJWT,
	} {
		mux.HandleFunc(path, s.authed(h))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.failed(w, r) {
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeJSON(w, http.StatusMethodNotAllowed, map[string]any{
				"message": fmt.Sprintf("The %s method is not supported for this route. Supported methods: POST.", r.Method),
			})
			return
		}
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			writeJSON(w, http.StatusUnsupportedMediaType, envelope(false, http.StatusUnsupportedMediaType, "Content-Type must be application/json."))
			return
		}
		if _, pattern := mux.Handler(r); pattern == "" {
			writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxRequestBytes)
		mux.ServeHTTP(w, r)
	})
}

// failed answers r as the current Failure says, and reports whether it did.
func (s *Server) failed(w http.ResponseWriter, r *http.Request) bool {
	s.mu.Lock()
	f := s.failure
	s.mu.Unlock()
	api := strings.HasPrefix(r.URL.Path, "/api/")
	switch f {
	case InternalError:
		writeJSON(w, http.StatusInternalServerError, envelope(false, http.StatusInternalServerError, "Server Error"))
	case Hang:
		s.mu.Lock()
		s.hangs++
		close(s.hung)
		s.hung = make(chan struct{})
		release := s.release
		s.mu.Unlock()
		select {
		case <-r.Context().Done():
		case <-s.closed:
		case <-release:
			return false
		}
	case MalformedJSON:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"success": tru`))
	case Oversized:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = fmt.Fprintf(w, `{"success":true,"jwt":"%s"}`, strings.Repeat("a", 2<<20))
	case Unauthorized:
		if !api {
			return false
		}
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Unauthenticated."})
	case SuccessFalse:
		if !api {
			return false
		}
		writeJSON(w, http.StatusOK, envelope(false, http.StatusBadRequest, SuccessFalseMessage))
	default:
		return false
	}
	return true
}

// authed lets only requests with a valid, unexpired Bearer token through,
// as Laravel's auth:api middleware does, and counts them.
func (s *Server) authed(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		s.mu.Lock()
		expiry, known := s.access[tok]
		valid := ok && known && s.cfg.Now().Before(expiry)
		if valid {
			s.calls[r.URL.Path]++
		}
		s.mu.Unlock()
		if !valid {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Unauthenticated."})
			return
		}
		next(w, r)
	}
}

// decode reads a JSON body into v, refusing unknown fields and trailing
// data; on failure it answers and returns false.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	d := json.NewDecoder(r.Body)
	d.DisallowUnknownFields()
	err := d.Decode(v)
	if err == nil && d.More() {
		err = errors.New("trailing data")
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, envelope(false, http.StatusBadRequest, "Invalid JSON body: "+err.Error()))
		return false
	}
	return true
}

// invalid answers a validation failure the way Laravel does.
func invalid(w http.ResponseWriter, message string) {
	writeJSON(w, http.StatusUnprocessableEntity, envelope(false, http.StatusUnprocessableEntity, message))
}

// notFound answers HTTP 200 with success false and code 404, as the fake
// chooses for unknown meetings, contacts and recordings.
func notFound(w http.ResponseWriter, what string) {
	writeJSON(w, http.StatusOK, envelope(false, http.StatusNotFound, what+" not found."))
}

// ok answers a bare success.
func ok(w http.ResponseWriter, message string) {
	writeJSON(w, http.StatusOK, envelope(true, http.StatusOK, message))
}

// envelope is Meet Hour's answer envelope.
func envelope(success bool, code int, message string) map[string]any {
	return map[string]any{"success": success, "code": code, "message": message}
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// paging is the limit and page of a list request.
type paging struct {
	Limit *int `json:"limit"`
	Page  *int `json:"page"`
}

// window returns the slice bounds of the requested page of n items and the
// page count, or a message when the paging is invalid.
func (p paging) window(n int) (from, to, pages int, msg string) {
	limit, page := DefaultPageSize, 1
	if p.Limit != nil {
		limit = *p.Limit
	}
	if p.Page != nil {
		page = *p.Page
	}
	if limit < 1 || limit > 100 || page < 1 {
		return 0, 0, 0, "The limit must be 1 to 100 and the page at least 1."
	}
	pages = (n + limit - 1) / limit
	from = min((page-1)*limit, n)
	to = min(from+limit, n)
	return from, to, pages, ""
}

// listAnswer is the envelope of a list answer with its paging.
func listAnswer(key string, items any, n, pages int) map[string]any {
	return map[string]any{
		"success": true, "code": 200, "message": "Success.",
		"total_pages": pages, "total_records": n, key: items,
	}
}
