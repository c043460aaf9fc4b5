package externalapi

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Size is the width or height of the meeting iframe: a number of pixels or a
// number with a CSS unit. The zero Size means the default, 100%.
type Size struct {
	value float64
	unit  string
}

// sizeUnits are the units the External API accepts after a number. (A
// regular expression would do, but package regexp adds half a megabyte to
// the bundle.)
var sizeUnits = []string{"px", "em", "pt", "%", "vh", "vw", "dvh", "lvh", "svh", "dvw", "lvw", "svw"}

// splitSize splits s into a plain decimal number (digits with an optional
// fraction, no sign or exponent) and a known unit.
func splitSize(s string) (number, unit string, ok bool) {
	end := strings.LastIndexAny(s, "0123456789") + 1
	number, unit = s[:end], s[end:]
	known := false
	for _, u := range sizeUnits {
		known = known || u == unit
	}
	whole, frac, hasDot := strings.Cut(number, ".")
	digits := func(d string) bool {
		return d != "" && strings.Trim(d, "0123456789") == ""
	}
	return number, unit, known && digits(whole) && (!hasDot || digits(frac))
}

// Px returns a size of n pixels.
func Px(n int) Size { return Size{value: float64(n), unit: "px"} }

// Percent returns a size of n percent of the parent.
func Percent(n float64) Size { return Size{value: n, unit: "%"} }

// ParseSize parses a size such as "640px", "100%", "80vh" or "12.5em". The
// units are px, em, pt, %, vh, vw and their d, l and s variants.
func ParseSize(s string) (Size, error) {
	number, unit, ok := splitSize(s)
	if !ok {
		return Size{}, fmt.Errorf("externalapi: invalid size %q (want a number followed by px, em, pt, %%, vh, vw, dvh, lvh, svh, dvw, lvw or svw)", s)
	}
	v, err := strconv.ParseFloat(number, 64)
	if err != nil {
		return Size{}, fmt.Errorf("externalapi: invalid size %q: %w", s, err)
	}
	return Size{value: v, unit: unit}, nil
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
	// What ParseSize(s.String()) would check, without parsing a float (which
	// would link strconv's float parser into the module).
	if math.IsNaN(s.value) || math.IsInf(s.value, 0) || !slices.Contains(sizeUnits, s.unit) {
		return fmt.Errorf("externalapi: invalid size %q", s.String())
	}
	return nil
}

// plain gives the JavaScript form of a Size, as MarshalJSON writes it.
func (s Size) plain() (any, error) {
	if s.unit == "px" && s.value == float64(int64(s.value)) {
		return s.value, nil
	}
	return s.String(), nil
}

// MarshalJSON encodes pixels as a number, which the External API needs for
// resizeLargeVideo's bounds check, and any other unit as a string.
func (s Size) MarshalJSON() ([]byte, error) {
	if s.unit == "px" && s.value == float64(int64(s.value)) {
		return json.Marshal(int64(s.value))
	}
	return json.Marshal(s.String())
}
