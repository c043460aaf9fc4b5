package externalapi

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
)

// Size is the width or height of the meeting iframe: a number of pixels or a
// number with a CSS unit. The zero Size means the default, 100%.
type Size struct {
	value float64
	unit  string
}

// sizePattern is what the External API accepts as a string size.
var sizePattern = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)(px|em|pt|%|[dls]?v[hw])$`)

// Px returns a size of n pixels.
func Px(n int) Size { return Size{value: float64(n), unit: "px"} }

// Percent returns a size of n percent of the parent.
func Percent(n float64) Size { return Size{value: n, unit: "%"} }

// ParseSize parses a size such as "640px", "100%", "80vh" or "12.5em". The
// units are px, em, pt, %, vh, vw and their d, l and s variants.
func ParseSize(s string) (Size, error) {
	m := sizePattern.FindStringSubmatch(s)
	if m == nil {
		return Size{}, fmt.Errorf("externalapi: invalid size %q (want a number followed by px, em, pt, %%, vh, vw, dvh, lvh, svh, dvw, lvw or svw)", s)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return Size{}, fmt.Errorf("externalapi: invalid size %q: %w", s, err)
	}
	return Size{value: v, unit: m[2]}, nil
}

// MustParseSize is ParseSize for constants; it panics on an invalid size.
func MustParseSize(s string) Size {
	sz, err := ParseSize(s)
	if err != nil {
		panic(err)
	}
	return sz
}

// IsZero reports whether s is the default size.
func (s Size) IsZero() bool { return s.unit == "" }

// String returns the CSS form, such as "640px".
func (s Size) String() string {
	if s.IsZero() {
		return "100%"
	}
	return strconv.FormatFloat(s.value, 'f', -1, 64) + s.unit
}

// Validate reports whether s is a usable size.
func (s Size) Validate() error {
	if s.IsZero() {
		return nil
	}
	if s.value < 0 {
		return fmt.Errorf("externalapi: negative size %s", s)
	}
	_, err := ParseSize(s.String())
	return err
}

// MarshalJSON encodes pixels as a number, which the External API needs for
// resizeLargeVideo's bounds check, and any other unit as a string.
func (s Size) MarshalJSON() ([]byte, error) {
	if s.unit == "px" && s.value == float64(int64(s.value)) {
		return json.Marshal(int64(s.value))
	}
	return json.Marshal(s.String())
}
