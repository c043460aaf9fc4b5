package meethourtest

// Failure is a way the fake fails every request until told otherwise.
type Failure int

const (
	// None serves requests normally.
	None Failure = iota
	// InternalError answers HTTP 500 with a Meet Hour error envelope.
	InternalError
	// Hang answers nothing until the request's context ends or the server
	// closes.
	Hang
	// MalformedJSON answers HTTP 200 with a truncated JSON body.
	MalformedJSON
	// Oversized answers HTTP 200 with a valid JSON body of 2 MiB.
	Oversized
	// Unauthorized answers HTTP 401 to every /api/ request, whatever its
	// token; /oauth/token still works.
	Unauthorized
)

// String names f.
func (f Failure) String() string {
	switch f {
	case None:
		return "none"
	case InternalError:
		return "internal-error"
	case Hang:
		return "hang"
	case MalformedJSON:
		return "malformed-json"
	case Oversized:
		return "oversized"
	case Unauthorized:
		return "unauthorized"
	}
	return "unknown"
}

// Fail makes every following request fail as f; Fail(None) recovers.
func (s *Server) Fail(f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failure = f
}
