// Package meetbridge embeds and controls video meetings from Go compiled to
// WebAssembly. The bridge to the iframe External API is package externalapi;
// this root package only carries the wasm_exec.js of the Go toolchain that
// builds the bundle, so that the server can serve the matching copy.
package meetbridge

import _ "embed"

// WasmExecJS is the wasm_exec.js of the Go toolchain that builds the bundle.
// A test fails when it differs from the toolchain's: run make wasm_exec.js.
//
//go:embed wasm_exec.js
var WasmExecJS []byte
