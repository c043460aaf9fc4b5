//go:build !externalapi_stdjson

package jsonvalue

import (
	"errors"
	"fmt"

	"github.com/valyala/fastjson"
)

// Reader reads the parsed value j into *v; generated readers are Readers.
type Reader[T any] func(j *fastjson.Value, v *T) error

// parsers are reused across Decode calls.
var parsers fastjson.ParserPool

// Decode reads data, which must hold exactly one JSON value, into *v. Any
// input that is not valid JSON is an error, as with encoding/json.
func Decode[T any](data []byte, v *T, read Reader[T]) error {
	return decodeAll(data, validate, func(j *fastjson.Value) error { return read(j, v) })
}

// DecodeStringified is Decode for data that JSON.stringify wrote (ES2019
// and later, whose output is always well-formed JSON: no NaN or Infinity,
// lone surrogates and control characters escaped), and that only
// js.Value.String turned into Go bytes: it skips the full validation that
// Decode does, which such data always passes. For valid JSON it gives what
// Decode gives, escaped lone surrogates read as U+FFFD included; for other
// input it returns an error or some value, never panics, so use Decode for
// data from anywhere else.
func DecodeStringified[T any](data []byte, v *T, read Reader[T]) error {
	return decodeAll(data, nil, func(j *fastjson.Value) error { return read(j, v) })
}

// decodeAll is Decode without type parameters, so that each instantiation
// of Decode stays small; validate is nil for DecodeStringified, so that a
// program that only decodes stringified data does not link the validator.
// It parses before validating: fastjson's parser stops at MaxDepth, so
// fastjson.ValidateBytes, which recurses without a limit, never meets a
// value nested deeper.
func decodeAll(data []byte, validate func([]byte) error, read func(j *fastjson.Value) error) error {
	data = normalize(data)
	if validate != nil && controlInString(data) {
		return errors.New("invalid JSON: control character in a string")
	}
	p := parsers.Get()
	defer parsers.Put(p)
	j, err := p.ParseBytes(data)
	if err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	if validate != nil {
		if err := validate(data); err != nil {
			return fmt.Errorf("invalid JSON: %w", err)
		}
	}
	return read(j)
}

// validate is fastjson.ValidateBytes, for Decode.
func validate(data []byte) error { return fastjson.ValidateBytes(data) }

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
