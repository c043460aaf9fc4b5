package meethour

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

var (
	// ErrUnavailable means Meet Hour could not be reached or failed: a
	// network error, a timeout or an HTTP 5xx answer. Retrying later may
	// help.
	ErrUnavailable = errors.New("meethour: service unavailable")
	// ErrAuth means Meet Hour refused the credentials or the access token,
	// even after logging in again.
	ErrAuth = errors.New("meethour: authentication failed")
	// ErrMalformedResponse means an answer was not the JSON the endpoint
	// promises, or was larger than MaxResponseBytes.
	ErrMalformedResponse = errors.New("meethour: malformed response")
)

// APIError is an answer from Meet Hour that reports an error: an HTTP status
// outside 2xx, or the envelope's success false. errors.Is matches it against
// ErrUnavailable for a 5xx status and against ErrAuth for a refused login or
// token.
type APIError struct {
	// Op is the operation, such as "login" or "getjwt".
	Op string
	// Status is the HTTP status.
	Status int
	// Code is the envelope's code, 0 when absent.
	Code int
	// Message is Meet Hour's message (or the HTTP status text), shortened
	// and with any credential or token removed.
	Message string
}

// Error describes the failure, such as
// "meethour: getjwt: HTTP 422: The meeting id field is required.".
func (e *APIError) Error() string {
	code := ""
	if e.Code != 0 && e.Code != e.Status {
		code = fmt.Sprintf(" (code %d)", e.Code)
	}
	return fmt.Sprintf("meethour: %s: HTTP %d%s: %s", e.Op, e.Status, code, e.Message)
}

// Is reports whether e is an instance of ErrUnavailable, ErrAuth or
// ErrContactExists.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrContactExists:
		return e.Op == opAddContact && strings.Contains(strings.ToLower(e.Message), duplicateContactMessage)
	case ErrUnavailable:
		return e.Status >= 500 || e.Code >= 500
	case ErrAuth:
		return e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden ||
			e.Code == http.StatusUnauthorized ||
			(isOAuth(e.Op) && e.Status >= 400 && e.Status < 500)
	}
	return false
}

// isOAuth reports whether op is one of the /oauth/token grants, whose 4xx
// answers all mean refused credentials.
func isOAuth(op string) bool { return op == opLogin || op == opRefresh }
