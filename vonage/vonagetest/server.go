package vonagetest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/meetbridge/meetbridge/vonage"
)

// ApplicationID is the fake's application when Config leaves it empty.
const ApplicationID = "5b8a1f2e-7c3d-4e9a-b6f0-2d4c8e1a9f37"

// BasePath is where the fake serves the API, as Vonage does.
const BasePath = "/v1/meetings"

// Config sets up a fake. Zero fields take defaults.
type Config struct {
	// ApplicationID is the only application_id the fake accepts.
	ApplicationID string
	// PrivateKey is the application's key; a 2048-bit key generated once
	// per test binary when nil.
	PrivateKey *rsa.PrivateKey
	// MaxRooms makes creating more rooms fail with 403; unlimited when
	// zero.
	MaxRooms int
	// Now is the fake's clock, for expiry checks; time.Now when nil.
	Now func() time.Time
}

// defaultKey is generated once: RSA key generation is slow.
var defaultKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(fmt.Sprintf("vonagetest: generating a key: %v", err))
	}
	return k
})

// Server is a running fake.
type Server struct {
	// URL is the API's base URL, http://127.0.0.1:<port>/v1/meetings.
	URL string

	cfg    Config
	ts     *httptest.Server
	origin string

	mu           sync.Mutex
	failure      *failure
	jtis         map[string]bool
	requests     []Request
	rooms        []*room // by serial number - 1
	roomsByID    map[string]*room
	themes       map[string]*theme
	themeOrder   []string
	defaultTheme string
	uploads      map[string]*upload // by key
	recordings   map[string]*recording
	dialIn       []dialInNumber
	gate         chan struct{} // closed to release blocked requests
	blocked      int
	arrived      chan struct{} // closed and replaced when one more is blocked
}

// Request is one API request the fake accepted or refused.
type Request struct {
	// Method and Path are the request's, Path below BasePath.
	Method, Path string
	// Status is the fake's answer.
	Status int
}

// NewServer starts a fake; Close it when done.
func NewServer(cfg Config) *Server {
	if cfg.ApplicationID == "" {
		cfg.ApplicationID = ApplicationID
	}
	if cfg.PrivateKey == nil {
		cfg.PrivateKey = defaultKey()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{
		cfg: cfg, jtis: map[string]bool{}, roomsByID: map[string]*room{}, themes: map[string]*theme{},
		uploads: map[string]*upload{}, recordings: map[string]*recording{}, arrived: make(chan struct{}),
		dialIn: []dialInNumber{
			{Number: "+442038973011", Locale: "en-GB", DisplayName: "United Kingdom"},
			{Number: "+12015550123", Locale: "en-US", DisplayName: "United States"},
		},
	}
	s.ts = httptest.NewServer(s.handler())
	s.origin = s.ts.URL
	s.URL = s.ts.URL + BasePath
	return s
}

// Close stops the fake.
func (s *Server) Close() { s.ts.Close() }

// PrivateKeyPEM returns the application's private key in PEM (PKCS #8).
func (s *Server) PrivateKeyPEM() []byte {
	der, err := x509.MarshalPKCS8PrivateKey(s.cfg.PrivateKey)
	if err != nil {
		panic(err) // an RSA key always marshals
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// ApplicationID returns the application the fake accepts.
func (s *Server) ApplicationID() string { return s.cfg.ApplicationID }

// ClientConfig returns a vonage.Config for the fake: its URL, application
// id and key, and its clock.
func (s *Server) ClientConfig() vonage.Config {
	return vonage.Config{
		ApplicationID: s.cfg.ApplicationID,
		PrivateKeyPEM: s.PrivateKeyPEM(),
		BaseURL:       s.URL,
		HTTPClient:    s.ts.Client(),
		Now:           s.cfg.Now,
	}
}

// Requests returns every API request so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// errorBody is the documented error shape.
type errorBody struct {
	Status  int    `json:"status"`
	Name    string `json:"name"`
	Message string `json:"message"`
	Errors  []any  `json:"errors,omitempty"`
}

// names are the error names by status, as the API spec's responses have
// them.
var names = map[int]string{
	http.StatusBadRequest: "BadRequestError", http.StatusForbidden: "ForbiddenError",
	http.StatusNotFound: "NotFoundError", http.StatusConflict: "ConflictError",
	http.StatusMethodNotAllowed: "MethodNotAllowedError", http.StatusUnsupportedMediaType: "UnsupportedMediaTypeError",
	http.StatusInternalServerError: "InternalServerError",
}

// apiError is an error answer a handler returns.
type apiError struct {
	status  int
	message string
	errors  []any
}

// fail builds an apiError.
func fail(status int, format string, args ...any) *apiError {
	return &apiError{status: status, message: fmt.Sprintf(format, args...)}
}

// writeJSON answers v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers e in the documented shape; a 401 looks like the
// gateway's, {status, error, message}.
func writeError(w http.ResponseWriter, e *apiError) {
	if e.status == http.StatusUnauthorized {
		writeJSON(w, e.status, map[string]any{"status": 401, "error": "Unauthorized", "message": e.message})
		return
	}
	name := names[e.status]
	if name == "" {
		name = strings.ReplaceAll(http.StatusText(e.status), " ", "") + "Error"
	}
	writeJSON(w, e.status, errorBody{Status: e.status, Name: name, Message: e.message, Errors: e.errors})
}

// endpoint is an API handler: it returns the status and body of a success,
// or an error.
type endpoint func(r *http.Request) (int, any, *apiError)

// handler routes the API and the fake storage.
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	routes := map[string]endpoint{
		"GET /rooms":                     s.listRooms,
		"POST /rooms":                    s.createRoom,
		"GET /rooms/{id}":                s.getRoom,
		"PATCH /rooms/{id}":              s.updateRoom,
		"GET /themes":                    s.listThemes,
		"POST /themes":                   s.createTheme,
		"GET /themes/logos-upload-urls":  s.logoUploadURLs,
		"GET /themes/{id}":               s.getTheme,
		"PATCH /themes/{id}":             s.updateTheme,
		"DELETE /themes/{id}":            s.deleteTheme,
		"GET /themes/{id}/rooms":         s.themeRooms,
		"PUT /themes/{id}/finalizeLogos": s.finalizeLogos,
		"PATCH /applications":            s.updateApplication,
		"GET /recordings/{id}":           s.getRecording,
		"DELETE /recordings/{id}":        s.deleteRecording,
		"GET /sessions/{id}/recordings":  s.sessionRecordings,
		"GET /dial-in-numbers":           s.dialInNumbers,
	}
	for pattern, h := range routes {
		method, path, _ := strings.Cut(pattern, " ")
		mux.Handle(method+" "+BasePath+path, s.api(h))
	}
	mux.HandleFunc(BasePath+"/", func(w http.ResponseWriter, r *http.Request) {
		s.record(r, http.StatusNotFound)
		writeError(w, fail(http.StatusNotFound, "no route %s %s", r.Method, r.URL.Path))
	})
	mux.HandleFunc("POST /storage/{bucket}", s.storageUpload)
	return mux
}

// api wraps an endpoint with failure injection and the token check.
func (s *Server) api(h endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hold(r)
		if f := s.takeFailure(); f != nil {
			s.record(r, f.status)
			f.serve(w, r)
			return
		}
		if e := s.checkToken(r); e != nil {
			s.record(r, e.status)
			writeError(w, e)
			return
		}
		status, body, e := h(r)
		if e != nil {
			s.record(r, e.status)
			writeError(w, e)
			return
		}
		s.record(r, status)
		if body == nil {
			w.WriteHeader(status)
			return
		}
		// Handlers answer with the fake's own records: encode them under mu,
		// so that a concurrent update never races with this answer.
		s.mu.Lock()
		raw, err := json.Marshal(body)
		s.mu.Unlock()
		if err != nil {
			writeError(w, fail(http.StatusInternalServerError, "encoding the answer: %v", err))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(raw)
	})
}

// record notes a request.
func (s *Server) record(r *http.Request, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: strings.TrimPrefix(r.URL.Path, BasePath), Status: status})
}

// claims are an application JWT's.
type claims struct {
	ApplicationID string `json:"application_id"`
	jwt.RegisteredClaims
}

// checkToken verifies the Bearer application JWT.
func (s *Server) checkToken(r *http.Request) *apiError {
	auth := r.Header.Get("Authorization")
	raw, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || raw == "" {
		return fail(http.StatusUnauthorized, "missing Bearer token")
	}
	var c claims
	tok, err := jwt.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return &s.cfg.PrivateKey.PublicKey, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithExpirationRequired(), jwt.WithIssuedAt(),
		jwt.WithTimeFunc(s.cfg.Now), jwt.WithLeeway(5*time.Second))
	if err != nil {
		return fail(http.StatusUnauthorized, "invalid token: %v", err)
	}
	if typ, _ := tok.Header["typ"].(string); typ != "JWT" {
		return fail(http.StatusUnauthorized, "token header typ is %q, want JWT", typ)
	}
	switch {
	case c.ApplicationID != s.cfg.ApplicationID:
		return fail(http.StatusUnauthorized, "token is for application %q", c.ApplicationID)
	case c.IssuedAt == nil:
		return fail(http.StatusUnauthorized, "token has no iat")
	case c.ID == "":
		return fail(http.StatusUnauthorized, "token has no jti")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.jtis[c.ID] {
		return fail(http.StatusUnauthorized, "token jti %q was used before", c.ID)
	}
	s.jtis[c.ID] = true
	return nil
}

// decodeBody decodes a JSON body strictly: only the documented fields,
// nothing after the object.
func decodeBody(r *http.Request, v any) *apiError {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fail(http.StatusUnsupportedMediaType, "Content-Type %q is not application/json", ct)
	}
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fail(http.StatusBadRequest, "invalid body: %v", err)
	}
	if dec.More() {
		return fail(http.StatusBadRequest, "invalid body: data after the JSON object")
	}
	return nil
}

// link is a HAL link.
type link struct {
	Href string `json:"href"`
}
