// Package jsonread reads JSON into Go values without reflection, for the
// decoders that package externalapi generates from its type definitions.
//
// It exists to keep encoding/json (about 125 KB of brotli-compressed
// WebAssembly) out of the browser bundle. For every input it gives the same
// result as encoding/json.Unmarshal into the same Go type: the same values for
// valid JSON, an error where Unmarshal returns one (syntax errors, values of
// the wrong kind, numbers that do not fit). Keys match fields exactly first,
// then case-insensitively; null leaves strings, numbers, booleans and structs
// unchanged and sets slices, maps and pointers to nil; arrays decode into the
// existing elements of a slice; invalid UTF-8 and lone surrogates in strings
// become U+FFFD. Skipped values are read without recursion, so no input can
// exhaust the WebAssembly stack. The package's fuzz test checks all this
// against encoding/json.
package jsonread

import (
	"errors"
	"fmt"
)

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// Decoder reads one JSON text.
type Decoder struct {
	data  []byte
	pos   int
	depth int
}

// New returns a Decoder for data.
func New(data []byte) *Decoder { return &Decoder{data: data} }

// SyntaxError is malformed JSON.
type SyntaxError struct {
	// Offset is the byte offset where the error was found.
	Offset int
	msg    string
}

// Error implements error.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at offset %d: %s", e.Offset, e.msg)
}

// TypeError is a valid JSON value of a kind the Go value cannot hold.
type TypeError struct {
	// Value is the JSON kind: "string", "number", "bool", "array", "object"
	// or a number that does not fit.
	Value string
	// Type is the Go type's kind.
	Type string
	// Offset is the byte offset of the value.
	Offset int
}

// Error implements error.
func (e *TypeError) Error() string {
	return fmt.Sprintf("cannot read JSON %s into Go %s (offset %d)", e.Value, e.Type, e.Offset)
}

// errEnd is returned when input ends inside a value.
var errEnd = errors.New("unexpected end of JSON input")

func (d *Decoder) syntax(msg string) error {
	if d.pos >= len(d.data) {
		return &SyntaxError{Offset: d.pos, msg: errEnd.Error()}
	}
	return &SyntaxError{Offset: d.pos, msg: fmt.Sprintf("%s (found %q)", msg, d.data[d.pos])}
}

// space skips whitespace.
func (d *Decoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek returns the first byte of the next value after whitespace, or 0 at
// the end of the input.
func (d *Decoder) peek() byte {
	d.space()
	if d.pos >= len(d.data) {
		return 0
	}
	return d.data[d.pos]
}

// End checks that only whitespace follows the value read.
func (d *Decoder) End() error {
	d.space()
	if d.pos != len(d.data) {
		return &SyntaxError{Offset: d.pos, msg: "data after the top-level value"}
	}
	return nil
}

// mismatch skips the next value, so that a syntax error in it wins as it does
// in encoding/json, and returns a TypeError for it.
func (d *Decoder) mismatch(goType string) error {
	start := d.pos
	var kind string
	switch d.data[start] {
	case '"':
		kind = "string"
	case '{':
		kind = "object"
	case '[':
		kind = "array"
	case 't', 'f':
		kind = "bool"
	default:
		kind = "number"
	}
	if err := d.Skip(); err != nil {
		return err
	}
	return &TypeError{Value: kind, Type: goType, Offset: start}
}

// Null consumes a null if it comes next and reports whether it did.
func (d *Decoder) Null() (bool, error) {
	if d.peek() != 'n' {
		return false, nil
	}
	return true, d.literal("null")
}

func (d *Decoder) literal(lit string) error {
	if len(d.data)-d.pos < len(lit) || string(d.data[d.pos:d.pos+len(lit)]) != lit {
		for i := 0; i < len(lit) && d.pos < len(d.data) && d.data[d.pos] == lit[i]; i++ {
			d.pos++
		}
		return d.syntax("invalid literal")
	}
	d.pos += len(lit)
	return nil
}

// Skip reads and discards the next value, checking its syntax. It does not
// recurse, so a deeply nested value cannot exhaust the WebAssembly stack.
func (d *Decoder) Skip() error {
	var stack []byte // the open containers, '{' or '['
	for {
		// a value
		switch d.peek() {
		case '{':
			if err := d.open(); err != nil {
				return err
			}
			if d.peek() == '}' {
				d.pos++
				d.depth--
				break
			}
			stack = append(stack, '{')
			if err := d.key(); err != nil {
				return err
			}
			continue
		case '[':
			if err := d.open(); err != nil {
				return err
			}
			if d.peek() == ']' {
				d.pos++
				d.depth--
				break
			}
			stack = append(stack, '[')
			continue
		case '"':
			if _, err := d.stringBytes(false); err != nil {
				return err
			}
		case 't':
			if err := d.literal("true"); err != nil {
				return err
			}
		case 'f':
			if err := d.literal("false"); err != nil {
				return err
			}
		case 'n':
			if err := d.literal("null"); err != nil {
				return err
			}
		default:
			if _, err := d.number(); err != nil {
				return err
			}
		}
		// after a value: close containers until one continues
		for {
			if len(stack) == 0 {
				return nil
			}
			top := stack[len(stack)-1]
			c := d.peek()
			if c == ',' {
				d.pos++
				if top == '{' {
					if err := d.key(); err != nil {
						return err
					}
				}
				break
			}
			if top == '{' && c == '}' || top == '[' && c == ']' {
				d.pos++
				d.depth--
				stack = stack[:len(stack)-1]
				continue
			}
			return d.syntax("looking for ',' or the end of an object or array")
		}
	}
}

// key reads an object key and its colon, checking their syntax.
func (d *Decoder) key() error {
	if d.peek() != '"' {
		return d.syntax("looking for an object key")
	}
	if _, err := d.stringBytes(true); err != nil {
		return err
	}
	if d.peek() != ':' {
		return d.syntax("looking for ':' after an object key")
	}
	d.pos++
	return nil
}

// Raw returns a copy of the next value's bytes, checked for syntax.
func (d *Decoder) Raw() ([]byte, error) {
	d.space()
	start := d.pos
	if err := d.Skip(); err != nil {
		return nil, err
	}
	return append([]byte(nil), d.data[start:d.pos]...), nil
}

// Object reads an object, calling field for each key with the decoder at
// the key's value; field must read that value. The key is only valid during
// the call. The caller handles null before calling Object.
func (d *Decoder) Object(field func(key []byte) error) error {
	if d.peek() != '{' {
		return d.syntax("looking for an object")
	}
	if err := d.open(); err != nil {
		return err
	}
	if d.peek() == '}' {
		d.pos++
		d.depth--
		return nil
	}
	for {
		if d.peek() != '"' {
			return d.syntax("looking for an object key")
		}
		key, err := d.stringBytes(true)
		if err != nil {
			return err
		}
		if d.peek() != ':' {
			return d.syntax("looking for ':' after an object key")
		}
		d.pos++
		if d.peek() == 0 {
			return d.syntax("looking for a value")
		}
		if err := field(key); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return nil
		default:
			return d.syntax("looking for ',' or '}' in an object")
		}
	}
}

// Array reads an array, calling elem for each element with the decoder at
// the element; elem must read it. The caller handles null before calling.
func (d *Decoder) Array(elem func() error) error {
	if d.peek() != '[' {
		return d.syntax("looking for an array")
	}
	if err := d.open(); err != nil {
		return err
	}
	if d.peek() == ']' {
		d.pos++
		d.depth--
		return nil
	}
	for {
		if d.peek() == 0 {
			return d.syntax("looking for a value")
		}
		if err := elem(); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			d.depth--
			return nil
		default:
			return d.syntax("looking for ',' or ']' in an array")
		}
	}
}

// open consumes '{' or '[' and enforces the nesting limit.
func (d *Decoder) open() error {
	d.depth++
	if d.depth > maxDepth {
		return &SyntaxError{Offset: d.pos, msg: "exceeded max depth"}
	}
	d.pos++
	return nil
}

// number reads a number's bytes, checking its grammar.
func (d *Decoder) number() ([]byte, error) {
	start := d.pos
	data := d.data
	i := d.pos
	if i < len(data) && data[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		digits()
	default:
		d.pos = i
		return nil, d.syntax("looking for a value")
	}
	if i < len(data) && data[i] == '.' {
		i++
		if digits() == 0 {
			d.pos = i
			return nil, d.syntax("looking for a digit after the decimal point")
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if digits() == 0 {
			d.pos = i
			return nil, d.syntax("looking for a digit in the exponent")
		}
	}
	d.pos = i
	return data[start:i], nil
}
