package server

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
	"golang.org/x/crypto/bcrypt"

	"github.com/meetbridge/meetbridge"
	"github.com/meetbridge/meetbridge/externalapi"
	"github.com/meetbridge/meetbridge/internal/sharedcache"
	"github.com/meetbridge/meetbridge/sandbox"
	"github.com/meetbridge/meetbridge/server/eventfeed"
	"github.com/meetbridge/meetbridge/server/metrics"
	"github.com/meetbridge/meetbridge/token"
	"github.com/meetbridge/meetbridge/web"
)

// Server holds the routes of one configuration and the state behind them
// (in memory, or in Redis with Config.RedisURL). Close it when done.
type Server struct {
	cfg     Config
	log     *slog.Logger
	handler http.Handler
	api     *api
	events  *eventfeed.Hub
	backend *backend
	metrics *metrics.Metrics
	limited *limitedLog

	closeOnce sync.Once
	closeErr  error
}

// New builds the server; it refuses an invalid configuration and, for the
// provider chosen, missing or weak secrets.
func New(cfg Config, log *slog.Logger) (*Server, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	b, err := newBundle(cfg.WasmPath)
	if err != nil {
		return nil, err
	}
	be, err := newBackend(cfg)
	if err != nil {
		return nil, err
	}
	// Provider caches are the server's shared cache unless set, so that
	// every instance on one Redis shares them.
	if cfg.MeetHour.Cache == nil {
		cfg.MeetHour.Cache = be.cache
	}
	if cfg.Vonage.Cache == nil {
		cfg.Vonage.Cache = be.cache
	}
	m := metrics.New()
	issuer, sandboxIssuer, err := newIssuer(cfg)
	if err != nil {
		_ = be.close()
		return nil, err
	}
	hub := eventfeed.NewHub()
	if be.redis != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		hub, err = eventfeed.NewRedisHub(ctx, be.redis, be.prefix+redisEventChannel)
		cancel()
		if err != nil {
			_ = be.close()
			return nil, fmt.Errorf("server: %w", err)
		}
	}
	s := &Server{cfg: cfg, log: log, events: hub, backend: be, metrics: m, limited: newLimitedLog(log, limitedLogEvery)}
	s.api = newAPI(cfg, log, issuer, be, s.metrics)

	mux := http.NewServeMux()
	s.routeAPI(mux)
	if err := s.routeMeetHourWebhook(mux); err != nil {
		_ = s.Close()
		return nil, err
	}
	if err := s.routePage(mux, b); err != nil {
		_ = s.Close()
		return nil, err
	}
	if err := s.routeMeetings(mux, sandboxIssuer); err != nil {
		_ = s.Close()
		return nil, err
	}
	s.routeVonage(mux)
	s.handler = withClientAddr(cfg.TrustedProxies, logRequests(log, s.metrics, s.limited, recordRoute(mux)))
	return s, nil
}

// Handler returns the server's routes.
func (s *Server) Handler() http.Handler { return s.handler }

// Cache is the cache shared with provider code (token issuers' access
// tokens, meetings, member JWTs): in memory, or in Redis for every
// instance with Config.RedisURL. It lives until Close.
func (s *Server) Cache() sharedcache.Cache { return s.backend.cache }

// Metrics are the server's Prometheus metrics, which provider code may
// report upstream errors to.
func (s *Server) Metrics() *metrics.Metrics { return s.metrics }

// MetricsHandler serves the metrics without any check: mount it only on a
// listener the public cannot reach (cmd/server's -metrics-addr). On the
// server's own routes /metrics needs Config.MetricsToken.
func (s *Server) MetricsHandler() http.Handler { return s.metrics.Handler() }

// Close ends the event streams, logs the last rate-limited summary and
// closes the Redis connections: no goroutine of the server outlives it.
// Close the HTTP server first; a second Close does nothing.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.events.Close()
		s.limited.flush()
		s.closeErr = s.backend.close()
	})
	return s.closeErr
}

// newAPI prepares the JSON API's sessions and limits.
func newAPI(cfg Config, log *slog.Logger, issuer token.Issuer, be *backend, m *metrics.Metrics) *api {
	// Not scs.New: it starts a memory store's cleanup goroutine that
	// cannot be stopped without a race. The fields are New's defaults, with
	// the backend's store; the unexported context key stays at its zero
	// value, which is fine with one session manager per request.
	storeLog := newSampledLog(log, slog.LevelError)
	sessions := &scs.SessionManager{
		Store: be.store,
		Codec: scs.GobCodec{},
		ErrorFunc: func(w http.ResponseWriter, r *http.Request, err error) {
			storeDown(storeLog, w, "sessions", err)
		},
		Lifetime:    12 * time.Hour,
		IdleTimeout: 2 * time.Hour,
		Cookie: scs.SessionCookie{
			Name: "meetbridge_session", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
			Secure: !cfg.InsecureCookies, Persist: true,
		},
	}
	cost := bcrypt.DefaultCost
	if c, err := bcrypt.Cost(cfg.ModeratorPasswordHash); err == nil {
		cost = c
	}
	dummy, _ := bcrypt.GenerateFromPassword([]byte("not the password of anyone"), cost)
	return &api{
		cfg: cfg, log: log, storeLog: storeLog, issuer: issuer, sessions: sessions, dummy: dummy, metrics: m, failed: be.marks, devices: be.cache,
		tokens:   be.limiter("token", cfg.TokenRate, limiterBurst),
		logins:   be.limiter("login", cfg.LoginRate, limiterBurst),
		users:    be.limiter("user-address", cfg.LoginRate, limiterBurst),
		userWide: be.limiter("user", cfg.LoginRate*userWideFactor, limiterBurst*userWideFactor),
	}
}

// routeAPI adds the JSON API, with sessions and cross-origin protection on
// every route.
func (s *Server) routeAPI(mux *http.ServeMux) {
	a := s.api
	api := http.NewServeMux()
	api.HandleFunc("POST /api/token", a.handleToken)
	api.HandleFunc("/api/token", methodNotAllowed(http.MethodPost))
	api.HandleFunc("POST /api/login", a.handleLogin)
	api.HandleFunc("/api/login", methodNotAllowed(http.MethodPost))
	api.HandleFunc("POST /api/logout", a.handleLogout)
	api.HandleFunc("/api/logout", methodNotAllowed(http.MethodPost))
	api.HandleFunc("GET /api/session", a.handleSession)
	api.HandleFunc("GET /api/events", s.handleEvents)
	api.HandleFunc("/api/events", methodNotAllowed(http.MethodGet))
	api.HandleFunc("/api/session", methodNotAllowed(http.MethodGet))
	s.routeMeetHourConsole(api)
	api.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such API route")
	})
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusForbidden, "cross_origin", "cross-origin requests are not allowed")
	}))
	mux.Handle("/api/", securityHeaders(s.cfg, cop.Handler(a.sessions.LoadAndSave(recordRoute(api)))))
}

// routePage adds the go-app pages, the bundle and the static assets.
func (s *Server) routePage(mux *http.ServeMux, b *bundle) error {
	assets, err := fs.Sub(web.Assets, ".")
	if err != nil {
		return err
	}
	pages := securityHeaders(s.cfg, newGoappHandler(b.version))
	for _, p := range goappPaths {
		mux.Handle("GET "+p, pages)
	}
	mux.Handle("GET /web/app.wasm", securityHeaders(s.cfg, b))
	files := http.StripPrefix("/web/", http.FileServerFS(assets))
	mux.Handle("GET /web/{file}", securityHeaders(s.cfg, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("v") == b.version {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})))
	mux.Handle("GET /wasm_exec.js", securityHeaders(s.cfg, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(meetbridge.WasmExecJS)
	})))
	mux.Handle("GET "+externalapi.EarlyStartPath, securityHeaders(s.cfg, earlyStartScript))
	if s.cfg.MetricsToken != "" {
		mux.Handle("GET /metrics", bearer(s.cfg.MetricsToken, s.metrics.Handler()))
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte("ok\n"))
	})
	return nil
}

// routeMeetings makes the sandbox conference answer every path the page
// does not own (/external_api.js, /_sandbox/..., /{room}, /{tenant}/{room}),
// as a Jitsi deployment lays them out; with another provider those paths
// are not found.
func (s *Server) routeMeetings(mux *http.ServeMux, issuer *token.Sandbox) error {
	if s.cfg.Provider != ProviderSandbox {
		mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "not found", http.StatusNotFound)
		})
		return nil
	}
	h, err := sandbox.Handler(sandbox.Config{
		ControlToken: s.cfg.SandboxControlToken,
		Verify: func(jwt string) (sandbox.Identity, error) {
			c, err := issuer.Verify(jwt)
			if err != nil {
				return sandbox.Identity{}, err
			}
			u := c.Context.User
			return sandbox.Identity{Name: u.Name, Email: u.Email, AvatarURL: u.Avatar, Moderator: u.IsModerator(), Room: c.Room}, nil
		},
	})
	if err != nil {
		return err
	}
	mux.Handle("/", h)
	return nil
}
