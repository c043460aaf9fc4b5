package meethourtest

// Failure is a way the fake fails every request until told otherwise.
type Failure int

const (
	// None serves requests normally.
	None Failure = iota
	// InternalError answers HTTP 500 with a Meet Hour error envelope.
	InternalError
	// Hang answers nothing until the request's context ends, the server
	// closes or ReleaseHangs lets the request through.
	Hang
	// MalformedJSON answers HTTP 200 with a truncated JSON body.
	MalformedJSON
	// Oversized answers HTTP 200 with a valid JSON body of 2 MiB.
	Oversized
	// Unauthorized answers HTTP 401 to every /api/ request, whatever its
	// token, as to an expired one; /oauth/token still works. (To expire
	// the tokens once, see ExpireAccessTokens.)
	Unauthorized
	// SuccessFalse answers every /api/ request HTTP 200 with
	// {"success": false, "code": 400, "message": ...}, as Meet Hour
	// reports refusals; /oauth/token still works.
	SuccessFalse
)

// SuccessFalseMessage is the message of the SuccessFalse failure.
const SuccessFalseMessage = "Something went wrong, please try again."

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
	case SuccessFalse:
		return "success-false"
	}
	return "unknown"
}

// Fail makes every following request fail as f; Fail(None) recovers.
func (s *Server) Fail(f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failure = f
}

// ReleaseHangs stops the Hang failure and lets every hanging request
// through, to be served normally: a slow answer rather than none.
func (s *Server) ReleaseHangs() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failure = None
	close(s.release)
	s.release = make(chan struct{})
}
