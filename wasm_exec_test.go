//go:build !js

package meetbridge

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWasmExecMatchesTheToolchain fails when wasm_exec.js is not the copy of
// the Go toolchain in use: a mismatched copy breaks the bundle at run time.
func TestWasmExecMatchesTheToolchain(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	path := filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js")
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the toolchain's copy: %v", err)
	}
	if !bytes.Equal(WasmExecJS, want) {
		t.Fatalf("wasm_exec.js differs from %s: run make wasm_exec.js", path)
	}
}
