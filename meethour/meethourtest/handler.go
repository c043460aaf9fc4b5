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
	mux.HandleFunc("/api/v1.2/meeting/schedulemeeting", s.authed(s.scheduleMeeting))
	mux.HandleFunc("/api/v1.2/meeting/viewmeeting", s.authed(s.viewMeeting))
	mux.HandleFunc("/api/v1.2/getjwt", s.authed(s.getJWT))
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
	switch f {
	case InternalError:
		writeJSON(w, http.StatusInternalServerError, envelope(false, http.StatusInternalServerError, "Server Error"))
	case Hang:
		s.mu.Lock()
		s.hangs++
		close(s.hung)
		s.hung = make(chan struct{})
		s.mu.Unlock()
		select {
		case <-r.Context().Done():
		case <-s.closed:
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
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			return false
		}
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Unauthenticated."})
	default:
		return false
	}
	return true
}

// authed lets only requests with a valid, unexpired Bearer token through,
// as Laravel's auth:api middleware does.
func (s *Server) authed(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		s.mu.Lock()
		expiry, known := s.access[tok]
		valid := ok && known && s.cfg.Now().Before(expiry)
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
