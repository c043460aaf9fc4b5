//go:build !externalapi_stdjson

package externalapi

// stdJSON is false by default: payloads, results and arguments go through
// the generated readers and plain forms, without encoding/json (see
// stdjson.go).
const stdJSON = false
