// Command precompress writes file.br (brotli, quality 11) and file.gz
// (gzip, best compression) beside each file given, so that the server can
// serve the bundle compressed without compressing it per request.
//
//	precompress dist/app.wasm
package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress file...")
		os.Exit(2)
	}
	for _, path := range os.Args[1:] {
		if err := compress(path); err != nil {
			fmt.Fprintf(os.Stderr, "precompress: %v\n", err)
			os.Exit(1)
		}
	}
}

// compress writes path.br and path.gz.
func compress(path string) error {
	if err := write(path, ".br", func(w io.Writer) (io.WriteCloser, error) {
		return brotli.NewWriterLevel(w, brotli.BestCompression), nil
	}); err != nil {
		return err
	}
	return write(path, ".gz", func(w io.Writer) (io.WriteCloser, error) {
		return gzip.NewWriterLevel(w, gzip.BestCompression)
	})
}

// write compresses path into path+suffix through the writer newWriter makes,
// replacing the file atomically.
func write(path, suffix string, newWriter func(io.Writer) (io.WriteCloser, error)) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(path), ".precompress-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	zw, err := newWriter(tmp)
	if err != nil {
		return err
	}
	if _, err := io.Copy(zw, in); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path+suffix)
}
