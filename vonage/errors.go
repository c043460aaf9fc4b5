package vonage

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

var (
	// ErrUnavailable means Vonage could not be reached or failed: a
	// network error, a timeout or an HTTP 5xx answer.
	ErrUnavailable = errors.New("vonage: service unavailable")
	// ErrMalformedResponse means an answer was not the JSON the endpoint
	// promises, or was larger than MaxResponseBytes.
	ErrMalformedResponse = errors.New("vonage: malformed response")
	// ErrNotFound matches an APIError with status 404.
	ErrNotFound = errors.New("vonage: not found")
	// ErrAuth matches an APIError with status 401: the application id or
	// key was refused.
	ErrAuth = errors.New("vonage: authentication failed")
	// ErrInvalidRequest is wrapped by every ValidationError: the request
	// was refused before it was sent.
	ErrInvalidRequest = errors.New("vonage: invalid request")
)

// APIError is an answer from Vonage that reports an error, decoded from its
// {status, name, message, errors} body. errors.Is matches it against
// ErrUnavailable (5xx), ErrNotFound (404) and ErrAuth (401).
type APIError struct {
	// Op is the operation, such as "create room".
	Op string
	// Status is the HTTP status.
	Status int
	// Name is the error's name, such as "BadRequestError"; the HTTP
	// status text when the body has none.
	Name string
	// Message is Vonage's message.
	Message string
	// Errors are the details, such as why finalizing a logo failed.
	Errors []ErrorDetail
}

// ErrorDetail is one entry of an error body's errors. Logo errors fill
// LogoKey, Code and InvalidProperty; a detail that is a plain string lands
// in Message.
type ErrorDetail struct {
	// LogoKey is the upload key of the logo at fault.
	LogoKey string `json:"logoKey,omitempty"`
	// Code is "invalid_logo_properties" or "key_not_found" for logos.
	Code string `json:"code,omitempty"`
	// InvalidProperty is "exceeds_size", "type", "dimensions" or
	// "transparent_bg".
	InvalidProperty string `json:"invalidProperty,omitempty"`
	// Message is a free-text detail.
	Message string `json:"message,omitempty"`
}

// Error describes the failure, such as
// "vonage: get room: HTTP 404 NotFoundError: room not found".
func (e *APIError) Error() string {
	s := fmt.Sprintf("vonage: %s: HTTP %d %s: %s", e.Op, e.Status, e.Name, e.Message)
	for _, d := range e.Errors {
		switch {
		case d.LogoKey != "" || d.Code != "":
			s += fmt.Sprintf("; logo %s: %s %s", d.LogoKey, d.Code, d.InvalidProperty)
		case d.Message != "":
			s += "; " + d.Message
		}
	}
	return s
}

// Is reports whether e is an instance of ErrUnavailable, ErrNotFound or
// ErrAuth.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnavailable:
		return e.Status >= 500
	case ErrNotFound:
		return e.Status == http.StatusNotFound
	case ErrAuth:
		return e.Status == http.StatusUnauthorized
	}
	return false
}

// errorBody is Vonage's error shape; the 401 of the gateway has error
// instead of name.
type errorBody struct {
	Status  json.Number       `json:"status"`
	Name    string            `json:"name"`
	Error   string            `json:"error"`
	Message string            `json:"message"`
	Errors  []json.RawMessage `json:"errors"`
}

// newAPIError decodes an error answer; a body that is not the error shape
// still gives an APIError with the status text. Every text taken from the
// body has the secrets the request carried replaced by "[redacted]".
func newAPIError(op string, status int, raw []byte, secrets []string) *APIError {
	text := func(s string) string { return clean(redact(s, secrets)) }
	e := &APIError{Op: op, Status: status}
	var b errorBody
	if json.Unmarshal(raw, &b) == nil {
		e.Name, e.Message = text(b.Name), text(b.Message)
		if e.Name == "" {
			e.Name = text(b.Error)
		}
		for _, r := range b.Errors {
			var d ErrorDetail
			var s string
			switch {
			case json.Unmarshal(r, &d) == nil:
			case json.Unmarshal(r, &s) == nil:
				d.Message = s
			default:
				continue
			}
			d.LogoKey, d.Code, d.InvalidProperty, d.Message = text(d.LogoKey), text(d.Code), text(d.InvalidProperty), text(d.Message)
			e.Errors = append(e.Errors, d)
		}
	}
	if e.Name == "" {
		e.Name = http.StatusText(status)
	}
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

// ValidationError is a request refused before it was sent. It wraps
// ErrInvalidRequest.
type ValidationError struct {
	// Op is the operation, such as "create room".
	Op string
	// Field is the JSON field at fault, such as "display_name".
	Field string
	// Reason says what is wrong.
	Reason string
}

// Error describes the problem, such as
// "vonage: create room: display_name: is required".
func (e *ValidationError) Error() string {
	return fmt.Sprintf("vonage: %s: %s: %s", e.Op, e.Field, e.Reason)
}

// Unwrap returns ErrInvalidRequest.
func (e *ValidationError) Unwrap() error { return ErrInvalidRequest }
