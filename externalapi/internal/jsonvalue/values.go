//go:build !externalapi_stdjson

package jsonvalue

import (
	"strconv"
	"strings"

	"github.com/valyala/fastjson"
)

// FieldError is an error in the value of a struct field, array element or
// map entry; Path names it, from the outermost value in.
type FieldError struct {
	// Path is the JSON key, [index] or map key of the value, outermost first.
	Path []string
	// Err is the error in the value.
	Err error
}

// Error implements error.
func (e *FieldError) Error() string {
	var b strings.Builder
	for i, p := range e.Path {
		if i > 0 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return "field " + b.String() + ": " + e.Err.Error()
}

// Unwrap returns the error in the value.
func (e *FieldError) Unwrap() error { return e.Err }

// inField adds the name of the value whose reading failed to err.
func inField(name string, err error) error {
	if err == nil {
		return nil
	}
	if fe, ok := err.(*FieldError); ok {
		fe.Path = append([]string{name}, fe.Path...)
		return fe
	}
	return &FieldError{Path: []string{name}, Err: err}
}

// Field returns the index of key in names: an exact match first, then the
// first case-insensitive one, as encoding/json matches struct fields; -1
// when none matches.
func Field(key []byte, names []string) int {
	for i, n := range names {
		if string(key) == n {
			return i
		}
	}
	for i, n := range names {
		if strings.EqualFold(string(key), n) {
			return i
		}
	}
	return -1
}

// String reads a string; null leaves *v unchanged.
func String[T ~string](j *fastjson.Value, v *T) error {
	switch j.Type() {
	case fastjson.TypeString:
		b, err := j.StringBytes()
		if err != nil {
			return err
		}
		*v = T(b)
		return nil
	case fastjson.TypeNull:
		return nil
	}
	return mismatch(j, "string")
}

// Bool reads true or false; null leaves *v unchanged.
func Bool[T ~bool](j *fastjson.Value, v *T) error {
	switch j.Type() {
	case fastjson.TypeTrue:
		*v = true
	case fastjson.TypeFalse:
		*v = false
	case fastjson.TypeNull:
	default:
		return mismatch(j, "bool")
	}
	return nil
}

// numberText returns a number's text, "" for null, or a mismatch.
func numberText(j *fastjson.Value, goType string) (string, error) {
	switch j.Type() {
	case fastjson.TypeNumber:
		return string(j.MarshalTo(nil)), nil
	case fastjson.TypeNull:
		return "", nil
	}
	return "", mismatch(j, goType)
}

// Float64 reads a number into a float64 kind; a number out of range is a
// TypeError. Null leaves *v unchanged.
func Float64[T ~float64](j *fastjson.Value, v *T) error {
	text, err := numberText(j, "float64")
	if text == "" {
		return err
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return &TypeError{Value: "number " + text, Type: "float64"}
	}
	*v = T(f)
	return nil
}

// Int reads an integer into a signed integer kind; a fraction, an exponent
// or a value that does not fit is a TypeError. Null leaves *v unchanged.
func Int[T ~int | ~int64 | ~int32 | ~int16 | ~int8](j *fastjson.Value, v *T) error {
	text, err := numberText(j, "int")
	if text == "" {
		return err
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || int64(T(n)) != n {
		return &TypeError{Value: "number " + text, Type: "int"}
	}
	*v = T(n)
	return nil
}

// Raw keeps the value, null included, as json.RawMessage does, in
// fastjson's compact form.
func Raw[T ~[]byte](j *fastjson.Value, v *T) error {
	*v = T(j.MarshalTo(nil))
	return nil
}

// Slice reads an array into *v with read for each element, decoding into
// the slice's existing elements as encoding/json does; null sets *v to nil,
// [] to an empty slice.
func Slice[E any](j *fastjson.Value, v *[]E, read Reader[E]) error {
	switch j.Type() {
	case fastjson.TypeArray:
	case fastjson.TypeNull:
		*v = nil
		return nil
	default:
		return mismatch(j, "slice")
	}
	elems, _ := j.Array()
	s := (*v)[:0]
	for i, e := range elems {
		if len(s) < cap(s) {
			s = s[:len(s)+1]
		} else {
			var zero E
			s = append(s, zero)
		}
		if err := read(e, &s[len(s)-1]); err != nil {
			return inField("["+strconv.Itoa(i)+"]", err)
		}
	}
	if len(s) == 0 {
		s = []E{}
	}
	*v = s
	return nil
}

// visit calls fn for each key of the object j in order, duplicates
// included, and stops at the first error.
func visit(j *fastjson.Value, fn func(key []byte, j *fastjson.Value) error) error {
	o, _ := j.Object()
	var err error
	o.Visit(func(key []byte, j *fastjson.Value) {
		if err == nil {
			err = fn(key, j)
		}
	})
	return err
}

// Map reads an object into a map with string keys, each value decoded by
// read from its zero value; null sets *v to nil.
func Map[K ~string, E any](j *fastjson.Value, v *map[K]E, read Reader[E]) error {
	switch j.Type() {
	case fastjson.TypeObject:
	case fastjson.TypeNull:
		*v = nil
		return nil
	default:
		return mismatch(j, "map")
	}
	if *v == nil {
		*v = make(map[K]E)
	}
	m := *v
	return visit(j, func(key []byte, j *fastjson.Value) error {
		var e E
		if err := read(j, &e); err != nil {
			return inField(`"`+string(key)+`"`, err)
		}
		m[K(key)] = e
		return nil
	})
}

// Pointer reads with read into the value *v points to, allocating it when
// nil; null sets *v to nil.
func Pointer[E any](j *fastjson.Value, v **E, read Reader[E]) error {
	if j.Type() == fastjson.TypeNull {
		*v = nil
		return nil
	}
	if *v == nil {
		*v = new(E)
	}
	return read(j, *v)
}

// Struct reads an object into a struct: field is called with the index of
// each key in names (see Field) and its value, and reads the value; it gets
// -1 for an unknown key and should ignore it. Null leaves the struct
// unchanged. An error names the key.
func Struct(j *fastjson.Value, names []string, field func(i int, j *fastjson.Value) error) error {
	switch j.Type() {
	case fastjson.TypeObject:
	case fastjson.TypeNull:
		return nil
	default:
		return mismatch(j, "struct")
	}
	return visit(j, func(key []byte, j *fastjson.Value) error {
		return inField(string(key), field(Field(key, names), j))
	})
}
