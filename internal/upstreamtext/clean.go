// Package upstreamtext makes text from another service safe to keep in an
// error or a log line: the provider clients (meethour, vonage) put the
// messages of their upstream APIs through it.
package upstreamtext

import (
	"strings"
	"unicode"
)

// Clean turns every control character of s (newlines, escapes, NUL) into a
// space, so that an upstream message cannot forge log lines or terminal
// output, shortens it to maxRunes runes (marking the cut with "…") and
// trims surrounding spaces. A maxRunes of zero or less does not shorten.
func Clean(s string, maxRunes int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); maxRunes > 0 && len(r) > maxRunes {
		s = string(r[:maxRunes]) + "…"
	}
	return strings.TrimSpace(s)
}
