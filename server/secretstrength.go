package server

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/trustelem/zxcvbn"
)

// How many bits of guessing a secret must take, estimated by
// secretStrength.
const (
	// minKeyBits is for secrets the operator generates: JWT keys, control
	// and metrics tokens. `openssl rand -base64 32` gives about 250.
	minKeyBits = 100
	// minCredentialBits is for credentials a provider issues or a person
	// chose (an account's password): they are what they are, but a
	// placeholder such as "changeme" or "password1" is refused.
	minCredentialBits = 50
)

// makeSecretHint says how to make a good secret.
const makeSecretHint = "make one with: openssl rand -base64 32"

// maxCheckedRunes bounds the estimate's work; a longer secret is judged on
// its first runes.
const maxCheckedRunes = 128

// checkSecret refuses value when guessing it takes fewer than minBits bits,
// saying what makes it weak and how to make a good one. name says which
// secret it is (never its value).
func checkSecret(name, value string, minBits float64) error {
	bits, why := secretStrength(value)
	if bits >= minBits {
		return nil
	}
	return fmt.Errorf("%s is weak (about %.0f bits of guessing, want at least %.0f: %s): %s", name, bits, minBits, why, makeSecretHint)
}

// secretStrength estimates in bits how many guesses value takes, the
// lesser of two estimates: zxcvbn's (which knows common passwords and
// words, repeats, sequences and keyboard patterns) and the length times the
// bits of the alphabet actually used (which catches short alphabets such as
// binary digits). why names what lowered the estimate.
func secretStrength(value string) (bits float64, why string) {
	r := []rune(value)
	if len(r) > maxCheckedRunes {
		r = r[:maxCheckedRunes]
	}
	s := string(r)
	if s == "" {
		return 0, "it is empty"
	}
	distinct := map[rune]bool{}
	for _, c := range r {
		distinct[c] = true
	}
	alphabet := float64(len(r)) * math.Log2(float64(max(len(distinct), 1)))
	res := zxcvbn.PasswordStrength(s, nil)
	guessed := math.Log2(max(res.Guesses, 1))
	if alphabet < guessed {
		return alphabet, fmt.Sprintf("%d characters from an alphabet of only %d", len(r), len(distinct))
	}
	var patterns []string
	for _, m := range res.Sequence {
		var p string
		switch m.Pattern {
		case "dictionary":
			p = "well-known words or passwords"
		case "repeat":
			p = "repeats"
		case "sequence":
			p = "sequences such as abcd or 1234"
		case "spatial":
			p = "keyboard patterns"
		case "date":
			p = "dates"
		case "regex":
			p = "years"
		default:
			continue
		}
		if !slices.Contains(patterns, p) {
			patterns = append(patterns, p)
		}
	}
	if len(patterns) == 0 {
		return guessed, "too short"
	}
	return guessed, "it contains " + strings.Join(patterns, ", ")
}

// CheckPassword refuses a weak password for a person (the moderator's),
// saying why and how to make a good one.
func CheckPassword(password string) error {
	return checkSecret("the password", password, minCredentialBits)
}
