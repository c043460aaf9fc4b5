package upstreamtext

import (
	"fmt"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	for _, c := range []struct {
		name, in string
		max      int
		want     string
	}{
		{"plain", "The meeting id field is required.", 300, "The meeting id field is required."},
		{"control characters become spaces", "bad\ntoken\x1b[31m\x00!", 300, "bad token [31m !"},
		{"trimmed", "\r\n  spaced  \t", 300, "spaced"},
		{"cut on a rune, marked", "héllo wörld", 4, "héll…"},
		{"no limit", strings.Repeat("é", 500), 0, strings.Repeat("é", 500)},
		{"exactly the limit is kept whole", "abcd", 4, "abcd"},
	} {
		if got := Clean(c.in, c.max); got != c.want {
			t.Errorf("%s: Clean(%q, %d) = %q, want %q", c.name, c.in, c.max, got, c.want)
		}
	}
}

func ExampleClean() {
	fmt.Println(Clean("line one\nlevel=ERROR forged=line", 300))
	fmt.Println(Clean("a long upstream message", 6))
	// Output:
	// line one level=ERROR forged=line
	// a long…
}
