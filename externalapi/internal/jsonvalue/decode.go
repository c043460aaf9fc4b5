// Package jsonvalue reads JSON parsed by github.com/valyala/fastjson into Go
// values without reflection, for the readers that package externalapi
// generates from its type definitions.
//
// It exists to keep encoding/json (about 125 KB of brotli-compressed
// WebAssembly) out of the browser bundle. For valid JSON it gives the values
// encoding/json.Unmarshal gives for the same Go type, and an error wherever
// Unmarshal returns one: keys match fields exactly first, then
// case-insensitively; null leaves strings, numbers, booleans and structs
// unchanged and sets slices, maps and pointers to nil; arrays decode into the
// existing elements of a slice; invalid UTF-8 and lone surrogates in strings
// become U+FFFD. Two differences, both errors or forms of the same JSON:
// values nested deeper than fastjson.MaxDepth (300) are refused, where
// encoding/json allows 10000, and a json.RawMessage holds fastjson's compact
// form of the value rather than its original bytes.
// The package's fuzz test checks all this against encoding/json.
package jsonvalue

import (
	"fmt"

	"github.com/valyala/fastjson"
)

// Reader reads the parsed value j into *v; generated readers are Readers.
type Reader[T any] func(j *fastjson.Value, v *T) error

// parsers are reused across Decode calls.
var parsers fastjson.ParserPool

// Decode reads data, which must hold exactly one JSON value, into *v.
func Decode[T any](data []byte, v *T, read Reader[T]) error {
	return decodeAll(data, func(j *fastjson.Value) error { return read(j, v) })
}

// decodeAll is Decode without type parameters, so that each instantiation
// of Decode stays small. It parses first: fastjson's parser stops at
// MaxDepth, so the validation after it, which recurses without a limit,
// never meets a value nested deeper.
func decodeAll(data []byte, read func(j *fastjson.Value) error) error {
	data, err := normalize(data)
	if err != nil {
		return err
	}
	p := parsers.Get()
	defer parsers.Put(p)
	j, err := p.ParseBytes(data)
	if err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	if err := fastjson.ValidateBytes(data); err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	return read(j)
}

// TypeError is a valid JSON value of a kind the Go value cannot hold.
type TypeError struct {
	// Value is the JSON kind ("string", "number", "object", "array",
	// "true", "false") or a number that does not fit.
	Value string
	// Type is the Go type's kind.
	Type string
}

// Error implements error.
func (e *TypeError) Error() string {
	return fmt.Sprintf("cannot read JSON %s into Go %s", e.Value, e.Type)
}

// mismatch is the TypeError of j read into a Go goType.
func mismatch(j *fastjson.Value, goType string) error {
	return &TypeError{Value: j.Type().String(), Type: goType}
}
