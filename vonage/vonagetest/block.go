package vonagetest

import (
	"context"
	"net/http"
)

// Block holds every following API request until the returned function is
// called (or the request gives up): a test can then start concurrent calls
// and know they are in flight. WaitBlocked tells when they have arrived.
func (s *Server) Block() (release func()) {
	gate := make(chan struct{})
	s.mu.Lock()
	s.gate = gate
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.gate == gate {
			s.gate = nil
			close(gate)
		}
	}
}

// WaitBlocked waits until n requests in all have been held by Block, or ctx
// ends.
func (s *Server) WaitBlocked(ctx context.Context, n int) error {
	for {
		s.mu.Lock()
		count, arrived := s.blocked, s.arrived
		s.mu.Unlock()
		if count >= n {
			return nil
		}
		select {
		case <-arrived:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// hold waits at the gate, if one is up.
func (s *Server) hold(r *http.Request) {
	s.mu.Lock()
	gate := s.gate
	if gate != nil {
		s.blocked++
		close(s.arrived)
		s.arrived = make(chan struct{})
	}
	s.mu.Unlock()
	if gate == nil {
		return
	}
	select {
	case <-gate:
	case <-r.Context().Done():
	}
}
