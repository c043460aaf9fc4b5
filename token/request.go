package token

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"unicode"
	"unicode/utf8"
)

// Request is what the server asks a token for.
type Request struct {
	// Room is the bare room name; see ValidateRoom. For Meet Hour it names
	// the room whose meeting the issuer schedules or looks up.
	Room string
	// DisplayName is the user's name; optional.
	DisplayName string
	// Email is the user's bare email address; optional.
	Email string
	// UserID identifies the signed-in user; it is required.
	UserID string
	// Moderator grants moderator rights. Only the server sets it, from its
	// own knowledge of the signed-in user; never copy it from a client.
	Moderator bool
	// Avatar is an https URL of the user's picture; optional.
	Avatar string
}

// ErrInvalidRequest is wrapped by every error about a Request, including
// those of ValidateRoom: the server may answer 400 to them.
var ErrInvalidRequest = errors.New("token: invalid request")

// Length limits of the user fields.
const (
	maxUserField = 256
	maxAvatarURL = 2048
)

// validateRequest checks r before anything is signed or sent.
func validateRequest(r Request) error {
	if err := ValidateRoom(r.Room); err != nil {
		return err
	}
	var errs []error
	if r.UserID == "" {
		errs = append(errs, errors.New("user id is required"))
	}
	for _, f := range []struct{ name, v string }{
		{"user id", r.UserID}, {"display name", r.DisplayName}, {"email", r.Email},
	} {
		if err := checkText(f.name, f.v, maxUserField); err != nil {
			errs = append(errs, err)
		}
	}
	if r.Email != "" {
		if a, err := mail.ParseAddress(r.Email); err != nil || a.Address != r.Email {
			errs = append(errs, errors.New("email is not a bare address"))
		}
	}
	if r.Avatar != "" {
		u, err := url.Parse(r.Avatar)
		if len(r.Avatar) > maxAvatarURL || err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
			errs = append(errs, errors.New("avatar must be an https URL"))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidRequest, err)
	}
	return nil
}

// checkText refuses invalid UTF-8, control characters and long values:
// Prosody needs every context.user field to be a plain string.
func checkText(name, v string, max int) error {
	switch {
	case len(v) > max:
		return fmt.Errorf("%s is longer than %d bytes", name, max)
	case !utf8.ValidString(v):
		return fmt.Errorf("%s is not valid UTF-8", name)
	}
	for _, r := range v {
		if unicode.IsControl(r) {
			return fmt.Errorf("%s contains a control character", name)
		}
	}
	return nil
}
