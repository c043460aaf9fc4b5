package token

import (
	"fmt"

	"github.com/meetbridge/meetbridge/internal/roomname"
)

// Room name length limits.
const (
	MinRoomLen = roomname.MinLen
	MaxRoomLen = roomname.MaxLen
)

// ValidateRoom reports whether name may appear in a token's room claim: 3 to
// 64 characters of lowercase ASCII letters, digits, '-' and '_', starting
// with a letter or digit (^[a-z0-9][a-z0-9_-]{2,63}$). It never accepts the
// "*" wildcard, dots, slashes, percent-escapes or uppercase.
//
// Prosody compares rooms case-insensitively, so ValidateRoom refuses rather
// than folds uppercase: a caller that accepts mixed case lower-cases the name
// first (strings.ToLower) and uses the result both in the token and as the
// page's room name. The returned error wraps ErrInvalidRequest.
func ValidateRoom(name string) error {
	if n := len(name); n < MinRoomLen || n > MaxRoomLen {
		return fmt.Errorf("%w: room %s must be %d to %d characters long", ErrInvalidRequest, quoteShort(name), MinRoomLen, MaxRoomLen)
	}
	if !roomname.Valid(name) {
		return fmt.Errorf("%w: room %s: only a-z, 0-9, '-' and '_' are allowed, and it must start with a letter or digit", ErrInvalidRequest, quoteShort(name))
	}
	return nil
}

// quoteShort quotes s for an error, cut to a length that keeps logs tidy.
func quoteShort(s string) string {
	const max = 80
	if len(s) > max {
		return fmt.Sprintf("%q…", s[:max])
	}
	return fmt.Sprintf("%q", s)
}
