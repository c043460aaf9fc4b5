package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestCompressWritesBothEncodingsOfTheSameBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.wasm")
	want := bytes.Repeat([]byte("\x00asm some wasm bytes "), 4096)
	if err := os.WriteFile(path, want, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := compress(path); err != nil {
		t.Fatal(err)
	}
	for ext, open := range map[string]func(io.Reader) (io.Reader, error){
		".br": func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		".gz": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
	} {
		f, err := os.Open(path + ext)
		if err != nil {
			t.Fatal(err)
		}
		info, _ := f.Stat()
		if info.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", ext, info.Mode().Perm())
		}
		if info.Size() >= int64(len(want)) {
			t.Errorf("%s: %d bytes, not smaller than %d", ext, info.Size(), len(want))
		}
		r, err := open(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s does not decompress to the original", ext)
		}
	}
	if err := compress(filepath.Join(t.TempDir(), "missing.wasm")); err == nil {
		t.Error("no error for a missing file")
	}
}
