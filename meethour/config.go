package meethour

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/meetbridge/meetbridge/internal/loopback"
	"github.com/meetbridge/meetbridge/internal/redact"
	"github.com/meetbridge/meetbridge/internal/sharedcache"
)

// DefaultBaseURL is where the Meet Hour REST API lives.
const DefaultBaseURL = "https://api.meethour.io"

// DefaultTimeout bounds each HTTP request when Config.Timeout is zero.
const DefaultTimeout = 15 * time.Second

// Config is what a Client needs. ClientSecret and Password are secrets:
// String, GoString and LogValue never show them.
type Config struct {
	// BaseURL is the API's origin; DefaultBaseURL when empty. It must be
	// https, except on a loopback host (a test server).
	BaseURL string
	// ClientID and ClientSecret are the OAuth client of the Meet Hour
	// account (portal.meethour.io/customer/developers).
	ClientID     string
	ClientSecret string
	// Username is the account's email and Password its password: the
	// password grant logs in with them.
	Username string
	Password string
	// APIKey is the account's API key. The REST calls do not use it; the
	// page's script URL and constructor do (see ScriptURL).
	APIKey string
	// HTTPClient sends the requests; when nil, a client that follows no
	// redirects.
	HTTPClient *http.Client
	// Timeout bounds each HTTP request on top of the caller's context;
	// DefaultTimeout when zero.
	Timeout time.Duration
	// Now is the clock for token expiry; time.Now when nil.
	Now func() time.Time
	// Cache holds the access token, shared by every client (and server
	// instance) given the same cache; a small in-process cache when nil.
	// The token and its refresh token are stored in it: a shared store
	// must be as private as the password.
	Cache sharedcache.Cache
}

// String describes c with ClientSecret and Password redacted.
func (c Config) String() string {
	return fmt.Sprintf("meethour.Config{BaseURL:%s ClientID:%s ClientSecret:%s Username:%s Password:%s APIKey:%s Timeout:%s}",
		c.BaseURL, c.ClientID, redact.State(c.ClientSecret), c.Username, redact.State(c.Password), c.APIKey, c.Timeout)
}

// GoString is String, so that %#v redacts too.
func (c Config) GoString() string { return c.String() }

// LogValue logs c with ClientSecret and Password redacted.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", c.BaseURL),
		slog.String("client_id", c.ClientID),
		slog.String("client_secret", redact.State(c.ClientSecret)),
		slog.String("username", c.Username),
		slog.String("password", redact.State(c.Password)),
		slog.String("api_key", c.APIKey),
		slog.Duration("timeout", c.Timeout),
	)
}

// validate checks c and returns the normalised base URL.
func (c Config) validate() (string, error) {
	var missing []string
	for _, f := range []struct{ name, v string }{
		{"ClientID", c.ClientID}, {"ClientSecret", c.ClientSecret},
		{"Username", c.Username}, {"Password", c.Password},
	} {
		if f.v == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return "", fmt.Errorf("meethour: config: %s required", strings.Join(missing, ", "))
	}
	if c.Timeout < 0 {
		return "", fmt.Errorf("meethour: config: negative Timeout %s", c.Timeout)
	}
	base := c.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/") {
		return "", fmt.Errorf("meethour: config: BaseURL %q must be an origin such as %s", base, DefaultBaseURL)
	}
	if !loopback.SecureScheme(u) {
		return "", fmt.Errorf("meethour: config: BaseURL %q must use https (plain http only to a loopback host)", base)
	}
	return u.Scheme + "://" + u.Host, nil
}
