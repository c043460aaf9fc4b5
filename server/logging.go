package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/meetbridge/meetbridge/server/metrics"
)

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the status.
func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200.
func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Flush passes flushes on, for the sandbox's event streams.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the real writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// routeKey is the context key of the *string that receives the pattern of
// the route that served a request.
type routeKey struct{}

// recordRoute notes the ServeMux pattern that served the request (the
// innermost mux notes it first), for the metrics' route label, whose values
// stay few whatever the paths requested.
func recordRoute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		if p, ok := r.Context().Value(routeKey{}).(*string); ok && *p == "" {
			*p = r.Pattern
		}
	})
}

// logRequests logs one line per request (method, path but never the query,
// which could carry a token, status, duration and client address) and
// records its metrics. Rate-limited requests are only counted, into
// limitedLog's periodic summary: an attacker must not fill the disk.
func logRequests(log *slog.Logger, m *metrics.Metrics, limited *limitedLog, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		route := new(string)
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), routeKey{}, route)))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		took := time.Since(start)
		if *route == "" {
			*route = "unmatched"
		}
		m.Request(*route, rec.status, took)
		if rec.status == http.StatusTooManyRequests {
			limited.note(*route)
			return
		}
		log.Info("request", "method", r.Method, "path", loggedPath(r.URL.Path), "status", rec.status,
			"duration", took.Round(time.Microsecond), "remote", clientIP(r))
	})
}

// maxLoggedPath bounds the path in a request's log line. The path is the
// client's to choose, as long as the header limit allows (16 KB in
// cmd/server): logged whole, a flood of long paths to a 404 wrote 686 MB in
// 20 s from one address.
const maxLoggedPath = 256

// loggedPath is path for the log, cut to maxLoggedPath bytes (on a rune
// boundary) with its full length noted when longer.
func loggedPath(path string) string {
	if len(path) <= maxLoggedPath {
		return path
	}
	n := maxLoggedPath
	for n > 0 && !utf8.RuneStart(path[n]) {
		n--
	}
	return fmt.Sprintf("%s...(%d bytes)", path[:n], len(path))
}
