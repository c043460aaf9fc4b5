package main

import (
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"os"

	"github.com/meetbridge/meetbridge"
	"github.com/meetbridge/meetbridge/web"
)

// config is what the server needs to know.
type config struct {
	// Addr is the listen address.
	Addr string
	// WasmPath is the built bundle.
	WasmPath string
	// Provider, Domain and Room describe the meeting the page embeds.
	Provider, Domain, Room string
}

// page is the data of web/index.html.
type page struct {
	Provider, Domain, Room string
}

// newHandler returns the server's routes.
func newHandler(cfg config) (http.Handler, error) {
	if _, err := os.Stat(cfg.WasmPath); err != nil {
		return nil, fmt.Errorf("bundle: %w (run make build)", err)
	}
	tmpl, err := template.ParseFS(web.Assets, "index.html")
	if err != nil {
		return nil, err
	}
	assets, err := fs.Sub(web.Assets, ".")
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		if err := tmpl.Execute(w, page{Provider: cfg.Provider, Domain: cfg.Domain, Room: cfg.Room}); err != nil {
			http.Error(w, "rendering the page failed", http.StatusInternalServerError)
		}
	})
	mux.Handle("GET /web/", http.StripPrefix("/web/", http.FileServerFS(assets)))
	mux.HandleFunc("GET /wasm_exec.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		_, _ = w.Write(meetbridge.WasmExecJS)
	})
	mux.HandleFunc("GET /app.wasm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/wasm")
		http.ServeFile(w, r, cfg.WasmPath)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	return mux, nil
}
