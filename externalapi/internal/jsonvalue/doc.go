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
// DecodeStringified skips the validation for JSON that JSON.stringify wrote,
// which is always valid: it gives the same values for valid JSON.
// The package's fuzz test checks all this against encoding/json.
//
// Built with the tag externalapi_stdjson, for programs that link
// encoding/json anyway (a go-app program does), every reader is
// encoding/json.Unmarshal itself, and neither fastjson nor the generated
// readers are in the program.
package jsonvalue
