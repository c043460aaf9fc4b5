package roomname

import (
	"regexp"
	"strings"
	"testing"
)

// documented is the rule as the package documents it.
var documented = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{2,63}$`)

func TestValid(t *testing.T) {
	for _, ok := range []string{"abc", "daily-standup", "team_1", "0zero", "a--", strings.Repeat("a", MaxLen)} {
		if !Valid(ok) {
			t.Errorf("Valid(%q) = false, want true", ok)
		}
	}
	for _, bad := range []string{"", "ab", "-abc", "_abc", "Abc", "a.b.c", "a/bc", "ab c", "ümlaut", "abc\n", "ab*", "%61bc", strings.Repeat("a", MaxLen+1)} {
		if Valid(bad) {
			t.Errorf("Valid(%q) = true, want false", bad)
		}
	}
}

// FuzzValidMatchesTheDocumentedPattern checks Valid against the regular
// expression in its doc comment, for any input.
func FuzzValidMatchesTheDocumentedPattern(f *testing.F) {
	for _, s := range []string{"abc", "-ab", "a_b-c", "ABC", "ab", strings.Repeat("z", 64), strings.Repeat("z", 65), "\xffab"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Valid(s), documented.MatchString(s); got != want {
			t.Fatalf("Valid(%q) = %v, the pattern says %v", s, got, want)
		}
	})
}
