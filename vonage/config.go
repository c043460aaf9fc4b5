package vonage

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/meetbridge/meetbridge/internal/loopback"
)

// DefaultBaseURL is the documented (EU) host of the Meetings API v1.
const DefaultBaseURL = "https://api-eu.vonage.com/v1/meetings"

// Defaults of Config's durations.
const (
	// DefaultTimeout bounds each HTTP request when Config.Timeout is zero.
	DefaultTimeout = 15 * time.Second
	// DefaultTokenTTL is the lifetime of each request's JWT when
	// Config.TokenTTL is zero; Vonage's own SDKs use 15 minutes, a request
	// needs far less.
	DefaultTokenTTL = 5 * time.Minute
	// MaxTokenTTL bounds Config.TokenTTL: each token is a bearer
	// credential for the whole application, and a request needs seconds.
	MaxTokenTTL = time.Hour
)

// MinKeyBits is the smallest RSA key Config accepts.
const MinKeyBits = 2048

// Config is what a Client needs. PrivateKeyPEM is a secret: String,
// GoString and LogValue never show it.
type Config struct {
	// ApplicationID is the Vonage application's id, a UUID.
	ApplicationID string
	// PrivateKeyPEM is the application's RSA private key in PEM (PKCS #1
	// or #8), at least MinKeyBits long.
	PrivateKeyPEM []byte
	// BaseURL is the API's base, with its /v1/meetings path;
	// DefaultBaseURL when empty. It must be https, except on a loopback
	// host (a test server).
	BaseURL string
	// HTTPClient sends the requests; when nil, a client that follows no
	// redirects (a redirect would carry the token elsewhere).
	HTTPClient *http.Client
	// Timeout bounds each HTTP request on top of the caller's context;
	// DefaultTimeout when zero.
	Timeout time.Duration
	// TokenTTL is the lifetime of each request's JWT, at most
	// MaxTokenTTL; DefaultTokenTTL when zero.
	TokenTTL time.Duration
	// Now is the clock for tokens and validation; time.Now when nil.
	Now func() time.Time
}

// String describes c with the private key redacted.
func (c Config) String() string {
	key := "<empty>"
	if len(c.PrivateKeyPEM) > 0 {
		key = "[redacted]"
	}
	return fmt.Sprintf("vonage.Config{ApplicationID:%s PrivateKeyPEM:%s BaseURL:%s Timeout:%s}", c.ApplicationID, key, c.BaseURL, c.Timeout)
}

// GoString is String, so that %#v redacts too.
func (c Config) GoString() string { return c.String() }

// LogValue logs c with the private key redacted.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("application_id", c.ApplicationID),
		slog.Bool("private_key_set", len(c.PrivateKeyPEM) > 0),
		slog.String("base_url", c.BaseURL),
	)
}

// Client calls the Meetings API. It is safe for concurrent use.
type Client struct {
	appID    string
	key      *rsa.PrivateKey
	base     string
	http     *http.Client
	timeout  time.Duration
	tokenTTL time.Duration
	now      func() time.Time
}

// New checks cfg and returns a client; it refuses a missing or malformed
// application id and a missing, unreadable or short key.
func New(cfg Config) (*Client, error) {
	var errs []error
	if cfg.ApplicationID == "" {
		errs = append(errs, errors.New("ApplicationID is required"))
	} else if id, err := uuid.Parse(cfg.ApplicationID); err != nil || id.String() != strings.ToLower(cfg.ApplicationID) {
		// uuid.Parse also takes {…}, urn:uuid:… and undashed forms, which
		// would go into every token as they are and be refused there.
		errs = append(errs, fmt.Errorf("ApplicationID %q is not a UUID such as 5b8a1f2e-7c3d-4e9a-b6f0-2d4c8e1a9f37", cfg.ApplicationID))
	}
	var key *rsa.PrivateKey
	if len(cfg.PrivateKeyPEM) == 0 {
		errs = append(errs, errors.New("PrivateKeyPEM is required"))
	} else if k, err := jwt.ParseRSAPrivateKeyFromPEM(cfg.PrivateKeyPEM); err != nil {
		errs = append(errs, fmt.Errorf("PrivateKeyPEM: %w", err))
	} else if bits := k.N.BitLen(); bits < MinKeyBits {
		errs = append(errs, fmt.Errorf("PrivateKeyPEM: a %d-bit RSA key is too weak (want at least %d)", bits, MinKeyBits))
	} else {
		key = k
	}
	if cfg.Timeout < 0 || cfg.TokenTTL < 0 {
		errs = append(errs, errors.New("Timeout and TokenTTL may not be negative"))
	}
	if cfg.TokenTTL > MaxTokenTTL {
		errs = append(errs, fmt.Errorf("TokenTTL %s is longer than %s", cfg.TokenTTL, MaxTokenTTL))
	}
	base, err := checkBaseURL(cfg.BaseURL)
	if err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("vonage: config: %w", err)
	}
	c := &Client{appID: cfg.ApplicationID, key: key, base: base, http: cfg.HTTPClient,
		timeout: cfg.Timeout, tokenTTL: cfg.TokenTTL, now: cfg.Now}
	if c.http == nil {
		c.http = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	if c.timeout == 0 {
		c.timeout = DefaultTimeout
	}
	if c.tokenTTL == 0 {
		c.tokenTTL = DefaultTokenTTL
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

// ApplicationID returns the application the client acts for.
func (c *Client) ApplicationID() string { return c.appID }

// String describes the client without its key.
func (c *Client) String() string {
	return fmt.Sprintf("vonage.Client{ApplicationID:%s BaseURL:%s}", c.appID, c.base)
}

// checkBaseURL returns the base URL without a trailing slash.
func checkBaseURL(base string) (string, error) {
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("BaseURL %q must be a URL such as %s", base, DefaultBaseURL)
	}
	if !loopback.SecureScheme(u) {
		return "", fmt.Errorf("BaseURL %q must use https (plain http only to a loopback host)", base)
	}
	return strings.TrimSuffix(u.Scheme+"://"+u.Host+u.EscapedPath(), "/"), nil
}
