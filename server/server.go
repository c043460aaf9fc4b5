package server

import (
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"os"

	"github.com/meetbridge/meetbridge"
	"github.com/meetbridge/meetbridge/sandbox"
	"github.com/meetbridge/meetbridge/web"
)

// Server holds the routes of one configuration.
type Server struct {
	cfg     Config
	log     *slog.Logger
	handler http.Handler
}

// New builds the server's routes; it fails on an invalid configuration.
func New(cfg Config, log *slog.Logger) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(cfg.WasmPath); err != nil {
		return nil, fmt.Errorf("server: bundle: %w (run make build)", err)
	}
	s := &Server{cfg: cfg, log: log}
	mux := http.NewServeMux()
	if err := s.routePage(mux); err != nil {
		return nil, err
	}
	if err := s.routeSandbox(mux); err != nil {
		return nil, err
	}
	s.handler = mux
	return s, nil
}

// Handler returns the server's routes.
func (s *Server) Handler() http.Handler { return s.handler }

// pageData is what web/index.html shows.
type pageData struct {
	Provider, Domain, Room string
	Secure                 bool
}

// routePage adds the page, its assets and the bundle.
func (s *Server) routePage(mux *http.ServeMux) error {
	tmpl, err := template.ParseFS(web.Assets, "index.html")
	if err != nil {
		return err
	}
	assets, err := fs.Sub(web.Assets, ".")
	if err != nil {
		return err
	}
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		data := pageData{Provider: s.cfg.Provider, Domain: s.cfg.PublicHost, Room: s.cfg.Room, Secure: r.TLS != nil}
		if r.TLS != nil && s.cfg.TLSHost != "" {
			data.Domain = s.cfg.TLSHost
		}
		if err := tmpl.Execute(w, data); err != nil {
			s.log.Error("rendering the page", "err", err)
		}
	})
	mux.Handle("GET /web/{file}", http.StripPrefix("/web/", http.FileServerFS(assets)))
	mux.HandleFunc("GET /wasm_exec.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		_, _ = w.Write(meetbridge.WasmExecJS)
	})
	mux.HandleFunc("GET /app.wasm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/wasm")
		http.ServeFile(w, r, s.cfg.WasmPath)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	return nil
}

// routeSandbox makes the sandbox conference answer every path the page does
// not own: /external_api.js, /_sandbox/... and the conference pages at
// /{room} and /{tenant}/{room}, as a Jitsi deployment lays them out. The
// page's routes are more specific, so rooms cannot shadow them.
func (s *Server) routeSandbox(mux *http.ServeMux) error {
	h, err := sandbox.Handler(sandbox.Config{ControlToken: s.cfg.SandboxControlToken})
	if err != nil {
		return err
	}
	mux.Handle("/", h)
	return nil
}
