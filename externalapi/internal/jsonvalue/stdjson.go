//go:build externalapi_stdjson

package jsonvalue

import "encoding/json"

// Reader reads the JSON data into *v; generated readers are Readers. In this
// build every reader is json.Unmarshal.
type Reader[T any] func(data []byte, v *T) error

// Decode reads data, which must hold exactly one JSON value, into *v.
func Decode[T any](data []byte, v *T, read Reader[T]) error { return read(data, v) }

// DecodeStringified is Decode: encoding/json validates as it reads, at no
// extra cost in a program that links it anyway.
func DecodeStringified[T any](data []byte, v *T, read Reader[T]) error { return read(data, v) }

// Unmarshal is the Reader of every type: json.Unmarshal.
func Unmarshal[T any](data []byte, v *T) error { return json.Unmarshal(data, v) }

// String reads a string.
func String[T ~string](data []byte, v *T) error { return json.Unmarshal(data, v) }

// Bool reads true or false.
func Bool[T ~bool](data []byte, v *T) error { return json.Unmarshal(data, v) }

// Float64 reads a number into a float64 kind.
func Float64[T ~float64](data []byte, v *T) error { return json.Unmarshal(data, v) }

// Int reads an integer into a signed integer kind.
func Int[T ~int | ~int64 | ~int32 | ~int16 | ~int8](data []byte, v *T) error {
	return json.Unmarshal(data, v)
}

// Raw keeps the value, as json.RawMessage does.
func Raw[T ~[]byte](data []byte, v *T) error { return json.Unmarshal(data, v) }
