//go:build externalapi_stdjson

package externalapi

// stdJSON is true in the build with the tag externalapi_stdjson, for
// programs that link encoding/json anyway (a go-app program does): event
// payloads and results are read by json.Unmarshal (decoders_stdjson_gen.go)
// and arguments written by json.Marshal, so that neither fastjson, the
// generated readers nor the plain forms are in the program. Values then
// follow encoding/json exactly, which the default build matches but in
// documented corners (see the package doc).
const stdJSON = true
