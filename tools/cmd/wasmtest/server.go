package main

import (
	"bytes"
	"context"
	"crypto/tls"
	_ "embed"
	"fmt"
	"html/template"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed index.html
var indexHTML string

// indexTemplate renders the page that runs the test program; its data is a
// pageConfig.
var indexTemplate = template.Must(template.New("index.html").Parse(indexHTML))

// pageConfig is what the page passes to the Go program.
type pageConfig struct {
	Argv []string          `json:"argv"`
	Env  map[string]string `json:"env"`
}

// server is the loopback HTTP server that the browser loads everything from.
type server struct {
	url    string
	srv    *http.Server
	cancel context.CancelFunc // cancels every request's context
}

// startServer serves the test binary and the page that runs it with testArgs
// on a free loopback port.
func startServer(binary string, testArgs []string) (*server, error) {
	h, err := newHandler(binary, testArgs)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listening on loopback: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv := &http.Server{
		Handler:           h,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(os.Stderr, "wasmtest: http: ", 0),
	}
	if !useTLS() {
		go srv.Serve(ln)
		return &server{url: "http://" + ln.Addr().String() + "/", srv: srv, cancel: cancel}, nil
	}
	// httptest's self-signed certificate (taken from a throwaway server);
	// Chromium is told to accept it.
	donor := httptest.NewUnstartedServer(http.NotFoundHandler())
	donor.StartTLS()
	srv.TLSConfig = &tls.Config{Certificates: donor.TLS.Certificates}
	donor.Close()
	go srv.ServeTLS(ln, "", "")
	return &server{url: "https://" + ln.Addr().String() + "/", srv: srv, cancel: cancel}, nil
}

// close stops the server without waiting long for open requests.
func (s *server) close() {
	s.cancel() // Releases /hang.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if s.srv.Shutdown(ctx) != nil {
		s.srv.Close()
	}
}

// newHandler returns the handler for all of the server's paths.
func newHandler(binary string, testArgs []string) (http.Handler, error) {
	dir, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("working directory: %w", err)
	}
	wasmExec, err := readWasmExec()
	if err != nil {
		return nil, err
	}
	var index bytes.Buffer
	cfg := pageConfig{Argv: append([]string{"test.wasm"}, testArgs...), Env: pageEnv()}
	if err := indexTemplate.Execute(&index, cfg); err != nil {
		return nil, fmt.Errorf("rendering index.html: %w", err)
	}

	mux := http.NewServeMux()
	mux.Handle("GET /{$}", serveBytes("index.html", index.Bytes()))
	mux.Handle("GET /wasm_exec.js", serveBytes("wasm_exec.js", wasmExec))
	mux.HandleFunc("GET /test.wasm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/wasm")
		http.ServeFile(w, r, binary)
	})
	mux.Handle("GET /files/", http.StripPrefix("/files", http.FileServerFS(os.DirFS(dir))))
	if dir := os.Getenv(assetsEnv); dir != "" {
		mux.Handle("GET /assets/", http.StripPrefix("/assets", http.FileServerFS(os.DirFS(dir))))
	}
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	mux.HandleFunc("/status/{code}", serveStatus)
	mux.Handle("GET /flaky/", flaky(http.StripPrefix("/flaky", http.FileServerFS(os.DirFS(dir)))))
	if backend := os.Getenv(backendEnv); backend != "" {
		target, err := url.Parse(backend)
		if err != nil || target.Scheme == "" || target.Host == "" {
			return nil, fmt.Errorf("%s=%q is not an absolute URL", backendEnv, backend)
		}
		proxy := httputil.NewSingleHostReverseProxy(target)
		proxy.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
			if r.Context().Err() == nil { // not a page that went away mid-request
				log.Printf("wasmtest: proxy %s: %v", r.URL.Path, err)
			}
			w.WriteHeader(http.StatusBadGateway)
		}
		mux.Handle("/", proxy)
	}
	return noStore(mux), nil
}

// backendEnv names a server to which every path the runner does not serve
// itself is proxied, so that tests can use it from the test page's origin
// (same-origin iframes can then be inspected).
const backendEnv = "MEETBRIDGE_WASMTEST_BACKEND"

// tlsEnv, set to 1, serves the page over HTTPS with a self-signed
// certificate (and has Chromium accept it), for libraries that insist on
// https, such as Jitsi's real external_api.js.
const tlsEnv = "MEETBRIDGE_WASMTEST_TLS"

// useTLS reports whether tlsEnv asks for HTTPS.
func useTLS() bool { return os.Getenv(tlsEnv) == "1" }

// assetsEnv names a directory served read-only at /assets/, for files that
// live outside the package directory (such as a bundle built into a cache).
const assetsEnv = "MEETBRIDGE_WASMTEST_ASSETS"

// readWasmExec reads the wasm_exec.js that matches the go command on PATH,
// which go test puts first, so it matches the toolchain that built the test.
func readWasmExec() ([]byte, error) {
	path := filepath.Join(goroot(), "lib", "wasm", "wasm_exec.js")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading wasm_exec.js: %w", err)
	}
	return b, nil
}

// goroot returns the output of "go env GOROOT", or else the GOROOT that
// wasmtest was built with.
func goroot() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if root := strings.TrimSpace(string(out)); err == nil && root != "" {
		return root
	}
	return runtime.GOROOT()
}

// serveBytes serves b with the content type that name implies.
func serveBytes(name string, b []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	})
}

// serveStatus answers with the status in the path and an empty body.
func serveStatus(w http.ResponseWriter, r *http.Request) {
	code, err := strconv.Atoi(r.PathValue("code"))
	if err != nil || code < 200 || code > 599 {
		http.Error(w, "wasmtest: the status must be a number from 200 to 599", http.StatusBadRequest)
		return
	}
	w.WriteHeader(code)
}

// noStore keeps the browser from caching anything.
func noStore(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// flaky answers 503 to the first request for each path and passes later
// ones to next, so tests can check that a failed load is retried.
func flaky(next http.Handler) http.Handler {
	var mu sync.Mutex
	seen := map[string]bool{}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		first := !seen[r.URL.RequestURI()]
		seen[r.URL.RequestURI()] = true
		mu.Unlock()
		if first {
			http.Error(w, "first request fails", http.StatusServiceUnavailable)
			return
		}
		next.ServeHTTP(w, r)
	})
}
