package app

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/meetbridge/meetbridge/internal/roomname"
)

// MaxDisplayNameLen bounds a display name, in characters.
const MaxDisplayNameLen = 64

// ValidateRoom reports whether name is a room name the server accepts: 3 to
// 64 lowercase letters, digits, '-' and '_', starting with a letter or
// digit, and none of the server's own routes (ReservedRooms).
func ValidateRoom(name string) error {
	if name == "" {
		return fmt.Errorf("enter a room name")
	}
	if !roomname.Valid(name) {
		return fmt.Errorf("use 3 to 64 lowercase letters, digits, - and _, starting with a letter or digit")
	}
	return ReservedRoom(name)
}

// JoinErrors are the problems of a join form, one message per field.
type JoinErrors struct {
	Room, DisplayName, Email string
}

// OK reports whether there is no problem.
func (e JoinErrors) OK() bool { return e == JoinErrors{} }

// Normalize trims the fields and lower-cases the room, as the server
// compares rooms without case.
func (r TokenRequest) Normalize() TokenRequest {
	return TokenRequest{
		Room:        strings.ToLower(strings.TrimSpace(r.Room)),
		DisplayName: strings.TrimSpace(r.DisplayName),
		Email:       strings.TrimSpace(r.Email),
		Role:        r.Role,
	}
}

// Validate checks a normalised request.
func (r TokenRequest) Validate() JoinErrors {
	var e JoinErrors
	if err := ValidateRoom(r.Room); err != nil {
		e.Room = err.Error()
	}
	switch n := utf8.RuneCountInString(r.DisplayName); {
	case n == 0:
		e.DisplayName = "enter the name others will see"
	case n > MaxDisplayNameLen:
		e.DisplayName = fmt.Sprintf("use at most %d characters", MaxDisplayNameLen)
	case !utf8.ValidString(r.DisplayName) || strings.ContainsFunc(r.DisplayName, unicode.IsControl):
		e.DisplayName = "use printable characters only"
	}
	if r.Email != "" {
		if a, err := mail.ParseAddress(r.Email); err != nil || a.Address != r.Email {
			e.Email = "enter an address such as ada@example.com, or nothing"
		}
	}
	return e
}
