package meethour

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
)

// defaultCacheEntries bounds the cache a Client makes for itself when
// Config.Cache is nil; it holds one token.
const defaultCacheEntries = 4

// Client calls the Meet Hour REST API. It logs in when first needed, keeps
// the access token (in Config.Cache, so that server instances sharing a
// cache share it) until shortly before it expires and renews it with the
// refresh token. Its methods are safe for concurrent use, and concurrent
// callers share one login.
type Client struct {
	cfg      Config
	base     string
	http     *http.Client
	timeout  time.Duration
	now      func() time.Time
	cache    sharedcache.Cache
	tokenKey string
	flights  singleflight.Group

	mu   sync.Mutex
	last *accessToken // the last token seen, nil after a refusal
}

// New returns a client for cfg. It checks cfg but sends nothing: call Login
// to check the credentials at start.
func New(cfg Config) (*Client, error) {
	base, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, base: base, http: cfg.HTTPClient, timeout: cfg.Timeout, now: cfg.Now, cache: cfg.Cache}
	if c.http == nil {
		c.http = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}}
	}
	if c.timeout == 0 {
		c.timeout = DefaultTimeout
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.cache == nil {
		c.cache = sharedcache.NewMemory(defaultCacheEntries)
	}
	c.tokenKey = tokenCacheKey(base, cfg)
	return c, nil
}

// APIKey returns the account's API key, which the page's script URL and
// MeetHourExternalAPI constructor need.
func (c *Client) APIKey() string { return c.cfg.APIKey }

// String describes the client without its secrets.
func (c *Client) String() string { return "meethour.Client{" + c.cfg.String() + "}" }

// GoString is String, so that %#v redacts too.
func (c *Client) GoString() string { return c.String() }

// LogValue logs the client's configuration without its secrets.
func (c *Client) LogValue() slog.Value { return c.cfg.LogValue() }

// call posts in to an API path with the access token and decodes the answer
// into out. A 401 (an expired or revoked token), as the HTTP status or as
// the envelope's code, discards the token, logs in again and retries once.
func (c *Client) call(ctx context.Context, op, path string, in, out any) error {
	tok, err := c.token(ctx, false)
	if err != nil {
		return err
	}
	err = c.post(ctx, op, path, tok, in, out)
	if !isUnauthorized(err) {
		return err
	}
	c.invalidate(ctx, tok)
	if tok, err = c.token(ctx, false); err != nil {
		return err
	}
	return c.post(ctx, op, path, tok, in, out)
}

// isUnauthorized reports whether err refuses the access token: HTTP 401,
// or {success:false, code:401} (Meet Hour reports refusals in the envelope
// too, and APIError.Is counts both as ErrAuth).
func isUnauthorized(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && (ae.Status == http.StatusUnauthorized || ae.Code == http.StatusUnauthorized)
}

// secrets lists what must never appear in an error.
func (c *Client) secrets() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := []string{c.cfg.ClientSecret, c.cfg.Password}
	if c.last != nil {
		s = append(s, c.last.Access, c.last.Refresh)
	}
	return s
}
