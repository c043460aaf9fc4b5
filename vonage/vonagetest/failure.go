package vonagetest

import (
	"net/http"
)

// Failure is how the fake answers a request instead of serving it.
type Failure int

const (
	// InternalError answers 500 with the documented error body.
	InternalError Failure = iota + 1
	// Unavailable answers 503 with an HTML page, as a gateway does.
	Unavailable
	// MalformedJSON answers 200 with a truncated JSON body.
	MalformedJSON
)

// failure is a pending injected failure.
type failure struct {
	kind   Failure
	status int
	left   int
}

// FailNext makes the next n API requests fail as f (the token is not even
// checked); the storage endpoint is not affected.
func (s *Server) FailNext(n int, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	status := http.StatusOK
	switch f {
	case InternalError:
		status = http.StatusInternalServerError
	case Unavailable:
		status = http.StatusServiceUnavailable
	}
	s.failure = &failure{kind: f, status: status, left: n}
}

// takeFailure returns the failure to serve now, if any.
func (s *Server) takeFailure() *failure {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.failure
	if f == nil || f.left <= 0 {
		return nil
	}
	f.left--
	return &failure{kind: f.kind, status: f.status}
}

// serve answers as the failure says.
func (f *failure) serve(w http.ResponseWriter, _ *http.Request) {
	switch f.kind {
	case InternalError:
		writeError(w, fail(http.StatusInternalServerError, "something went wrong"))
	case Unavailable:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("<html><body>503 Service Temporarily Unavailable</body></html>"))
	case MalformedJSON:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"id": "trunc`))
	}
}
