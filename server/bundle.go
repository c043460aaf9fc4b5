package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// wasmLengthHeader carries the bundle's uncompressed size, which go-app's
// loader needs for its progress bar when the body is compressed.
const wasmLengthHeader = "X-Wasm-Content-Length"

// bundle serves the WebAssembly bundle, precompressed when the browser
// accepts it.
type bundle struct {
	// files by content encoding ("" is the uncompressed bundle).
	files   map[string]string
	size    int64
	version string
	modTime time.Time
}

// newBundle finds the bundle and its .br and .gz siblings, and names its
// version after its content.
func newBundle(path string) (*bundle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("server: bundle: %w (run make build)", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return nil, fmt.Errorf("server: bundle: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	b := &bundle{files: map[string]string{"": path}, size: n, version: hex.EncodeToString(h.Sum(nil))[:16], modTime: info.ModTime()}
	for enc, ext := range map[string]string{"br": ".br", "gzip": ".gz"} {
		// A compressed copy older than the bundle is stale (the bundle
		// was rebuilt without make build): serving it under the new
		// version would pin old code in caches for a year.
		if zi, err := os.Stat(path + ext); err == nil && !zi.ModTime().Before(b.modTime) {
			b.files[enc] = path + ext
		}
	}
	return b, nil
}

// encoding picks br, then gzip, then none, from Accept-Encoding.
func (b *bundle) encoding(acceptEncoding string) string {
	accepted := map[string]bool{}
	for _, part := range strings.Split(acceptEncoding, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		accepted[strings.ToLower(strings.TrimSpace(name))] = q > 0
	}
	for _, enc := range []string{"br", "gzip"} {
		if _, ok := b.files[enc]; ok && accepted[enc] {
			return enc
		}
	}
	return ""
}

// ServeHTTP serves the bundle. A request for the current version (?v=)
// may be cached for a year; any other only with revalidation.
func (b *bundle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	enc := b.encoding(r.Header.Get("Accept-Encoding"))
	f, err := os.Open(b.files[enc])
	if err != nil {
		http.Error(w, "the bundle is missing", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", "application/wasm")
	h.Set("Vary", "Accept-Encoding")
	h.Set(wasmLengthHeader, strconv.FormatInt(b.size, 10))
	h.Set("ETag", `"`+b.version+"-"+enc+`"`)
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	if r.URL.Query().Get("v") == b.version {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, "", b.modTime, f)
}
