package jsonread

import (
	"strconv"
	"strings"
)

// Reader reads the next value into *v; generated decoders are Readers.
type Reader[T any] func(d *Decoder, v *T) error

// Decode reads data, which must hold exactly one JSON value, into *v.
func Decode[T any](data []byte, v *T, read Reader[T]) error {
	return decodeAll(data, func(d *Decoder) error { return read(d, v) })
}

// decodeAll is Decode without type parameters, so that each instantiation
// of Decode stays small.
func decodeAll(data []byte, read func(d *Decoder) error) error {
	d := Decoder{data: data}
	if d.peek() == 0 {
		return d.syntax("looking for a value")
	}
	if err := read(&d); err != nil {
		return err
	}
	return d.End()
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
func String[T ~string](d *Decoder, v *T) error {
	switch d.peek() {
	case '"':
		b, err := d.stringBytes(false)
		if err != nil {
			return err
		}
		*v = T(b)
		return nil
	case 'n':
		return d.literal("null")
	case 0:
		return d.syntax("looking for a value")
	}
	return d.mismatch("string")
}

// Bool reads true or false; null leaves *v unchanged.
func Bool[T ~bool](d *Decoder, v *T) error {
	switch d.peek() {
	case 't':
		if err := d.literal("true"); err != nil {
			return err
		}
		*v = true
		return nil
	case 'f':
		if err := d.literal("false"); err != nil {
			return err
		}
		*v = false
		return nil
	case 'n':
		return d.literal("null")
	case 0:
		return d.syntax("looking for a value")
	}
	return d.mismatch("bool")
}

// numberText reads a number's text, or reports null (ok false, nil error),
// or a mismatch.
func (d *Decoder) numberText(goType string) (text []byte, start int, ok bool, err error) {
	switch c := d.peek(); {
	case c == '-' || c >= '0' && c <= '9':
		start = d.pos
		text, err = d.number()
		return text, start, err == nil, err
	case c == 'n':
		return nil, 0, false, d.literal("null")
	case c == 0:
		return nil, 0, false, d.syntax("looking for a value")
	case c == '"' || c == '{' || c == '[' || c == 't' || c == 'f':
		return nil, 0, false, d.mismatch(goType)
	}
	return nil, 0, false, d.syntax("looking for a value")
}

// Float64 reads a number into a float64 kind; null leaves *v unchanged.
func Float64[T ~float64](d *Decoder, v *T) error {
	text, start, ok, err := d.numberText("float64")
	if !ok {
		return err
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil {
		return &TypeError{Value: "number " + string(text), Type: "float64", Offset: start}
	}
	*v = T(f)
	return nil
}

// Int reads an integer into a signed integer kind; a fraction, an exponent
// or a value that does not fit is a TypeError. Null leaves *v unchanged.
func Int[T ~int | ~int64 | ~int32 | ~int16 | ~int8](d *Decoder, v *T) error {
	text, start, ok, err := d.numberText("int")
	if !ok {
		return err
	}
	n, err := strconv.ParseInt(string(text), 10, 64)
	if err != nil || int64(T(n)) != n {
		return &TypeError{Value: "number " + string(text), Type: "int", Offset: start}
	}
	*v = T(n)
	return nil
}

// Raw keeps the next value's bytes, null included, as json.RawMessage does.
func Raw[T ~[]byte](d *Decoder, v *T) error {
	if d.peek() == 0 {
		return d.syntax("looking for a value")
	}
	b, err := d.Raw()
	if err != nil {
		return err
	}
	*v = T(b)
	return nil
}

// Slice reads an array into *v with read for each element, decoding into
// the slice's existing elements as encoding/json does; null sets *v to nil,
// [] to an empty slice.
func Slice[E any](d *Decoder, v *[]E, read Reader[E]) error {
	{
		switch d.peek() {
		case '[':
		case 'n':
			*v = nil
			return d.literal("null")
		case 0:
			return d.syntax("looking for a value")
		default:
			return d.mismatch("slice")
		}
		s := (*v)[:0]
		err := d.Array(func() error {
			if len(s) < cap(s) {
				s = s[:len(s)+1]
			} else {
				var zero E
				s = append(s, zero)
			}
			return read(d, &s[len(s)-1])
		})
		if err != nil {
			return err
		}
		if len(s) == 0 {
			s = []E{}
		}
		*v = s
		return nil
	}
}

// Map reads an object into a map with string keys, each value decoded by
// read from its zero value; null sets *v to nil.
func Map[K ~string, E any](d *Decoder, v *map[K]E, read Reader[E]) error {
	{
		switch d.peek() {
		case '{':
		case 'n':
			*v = nil
			return d.literal("null")
		case 0:
			return d.syntax("looking for a value")
		default:
			return d.mismatch("map")
		}
		if *v == nil {
			*v = make(map[K]E)
		}
		m := *v
		return d.Object(func(key []byte) error {
			var e E
			if err := read(d, &e); err != nil {
				return err
			}
			m[K(key)] = e
			return nil
		})
	}
}

// Pointer reads with read into the value *v points to, allocating it when
// nil; null sets *v to nil.
func Pointer[E any](d *Decoder, v **E, read Reader[E]) error {
	{
		switch d.peek() {
		case 'n':
			*v = nil
			return d.literal("null")
		case 0:
			return d.syntax("looking for a value")
		}
		if *v == nil {
			*v = new(E)
		}
		return read(d, *v)
	}
}

// Struct reads an object into a struct: field is called with the index of
// each key in names (see Field) and must read the value; it gets -1 for an
// unknown key and should Skip it. Null leaves the struct unchanged.
func Struct(d *Decoder, names []string, field func(i int) error) error {
	switch d.peek() {
	case '{':
	case 'n':
		return d.literal("null")
	case 0:
		return d.syntax("looking for a value")
	default:
		return d.mismatch("struct")
	}
	return d.Object(func(key []byte) error {
		return field(Field(key, names))
	})
}
