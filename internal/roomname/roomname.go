// Package roomname holds the server's rule for room names, shared by the
// token issuer (token.ValidateRoom) and the browser's join form
// (app.ValidateRoom), so that the two cannot drift apart. It has no
// dependencies: the browser bundle links it without a regular expression
// engine.
package roomname

// Length limits of a room name, in bytes (every allowed character is one
// byte).
const (
	MinLen = 3
	MaxLen = 64
)

// Valid reports whether name is a room name the server accepts: MinLen to
// MaxLen lowercase ASCII letters, digits, '-' and '_', starting with a
// letter or digit; in other words ^[a-z0-9][a-z0-9_-]{2,63}$. It does not
// know about reserved names.
func Valid(name string) bool {
	if len(name) < MinLen || len(name) > MaxLen {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !allowed(name[i], i == 0) {
			return false
		}
	}
	return true
}

// allowed reports whether c may appear in a room name, at its start when
// first is true.
func allowed(c byte, first bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		return true
	case c == '-', c == '_':
		return !first
	}
	return false
}
