package server

import (
	"errors"
	"fmt"
	"net"
	"time"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/time/rate"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
)

// Providers the server can issue or fetch join tokens for.
const (
	ProviderSandbox  = "sandbox"
	ProviderJitsi    = "jitsi"
	ProviderJaaS     = "jaas"
	ProviderMeetHour = "meethour"
	ProviderVonage   = "vonage"
)

// Config is what the server needs. cmd/server fills it from flags and, for
// every secret, from the environment or files (LoadSecret): secrets never
// come from flags, and String never prints them.
type Config struct {
	// PublicHost is the host:port the browser reaches the server at; the
	// sandbox's meeting domain.
	PublicHost string
	// TLSHost is the host:port of the HTTPS listener, if any; pages served
	// over it get the sandbox over https, as the real Jitsi library needs.
	TLSHost string
	// WasmPath is the built bundle; WasmPath+".br" and ".gz" are served to
	// browsers that accept them when present.
	WasmPath string
	// Provider is the meeting provider; ProviderSandbox by default.
	Provider string
	// SandboxControlToken enables the sandbox's control endpoint.
	SandboxControlToken string

	// ModeratorUser and ModeratorPasswordHash (bcrypt) are the moderator
	// credentials of the console. Without them nobody can sign in, and
	// every token is a member token.
	ModeratorUser         string
	ModeratorPasswordHash []byte
	// InsecureCookies drops the Secure flag of the session cookie, for
	// plain-http deployments other than localhost.
	InsecureCookies bool

	// Jitsi, JaaS and MeetHour configure those providers.
	Jitsi    JitsiSettings
	JaaS     JaaSSettings
	MeetHour MeetHourSettings
	// Vonage configures Vonage Meetings (see VonageSettings).
	Vonage VonageSettings

	// TokenRate and LoginRate limit each client address; zero means the
	// defaults (10 and 5 a minute, bursts of 5).
	TokenRate, LoginRate rate.Limit
	// TokenTTL is the lifetime of issued tokens; 10 minutes when zero.
	TokenTTL time.Duration
	// UpstreamTimeout bounds each request to a provider's REST API (Meet
	// Hour); 10 seconds when zero.
	UpstreamTimeout time.Duration
}

// JitsiSettings configure a self-hosted Jitsi deployment with token
// authentication: HS256 with Secret, or RS256 with PrivateKeyPEM and KID.
type JitsiSettings struct {
	Domain, AppID, Audience, Subject, KID string
	Secret, PrivateKeyPEM                 []byte
}

// JaaSSettings configure 8x8 JaaS.
type JaaSSettings struct {
	AppID, KeyID  string
	PrivateKeyPEM []byte
}

// MeetHourSettings configure Meet Hour.
type MeetHourSettings struct {
	BaseURL, ClientID, ClientSecret, Username, Password, APIKey string
	// Meetings maps room names to meetings scheduled beforehand (such as
	// "MHR240416944"): members may join those, and the meetings the
	// moderator schedules; nobody else schedules one.
	Meetings map[string]string
	// WebhookSecret, when set, mounts Meet Hour's webhooks at
	// MeetHourWebhookPath; it must be at least 16 bytes.
	WebhookSecret string
	// Cache holds the access token, meetings, members' contacts and join
	// tokens, and the webhook replay memory; server instances sharing it
	// share them. A bounded in-process cache when nil.
	Cache sharedcache.Cache
}

// String describes c without any secret.
func (c Config) String() string {
	return fmt.Sprintf("server.Config{PublicHost:%s TLSHost:%s Provider:%s ModeratorUser:%s}", c.PublicHost, c.TLSHost, c.Provider, c.ModeratorUser)
}

// Defaults of the limits.
const (
	defaultTokenRate = rate.Limit(10.0 / 60)
	defaultLoginRate = rate.Limit(5.0 / 60)
	limiterBurst     = 5
)

// validate fills defaults and reports what is missing or wrong. Provider
// secrets are checked by the issuers, which refuse weak ones.
func (c *Config) validate() error {
	var errs []error
	if c.Provider == "" {
		c.Provider = ProviderSandbox
	}
	switch c.Provider {
	case ProviderSandbox, ProviderJitsi, ProviderJaaS, ProviderMeetHour, ProviderVonage:
	default:
		errs = append(errs, fmt.Errorf("unknown provider %q (want sandbox, jitsi, jaas, meethour or vonage)", c.Provider))
	}
	if _, _, err := net.SplitHostPort(c.PublicHost); err != nil {
		errs = append(errs, fmt.Errorf("public host %q: %w", c.PublicHost, err))
	}
	if c.WasmPath == "" {
		errs = append(errs, errors.New("no bundle path"))
	}
	switch {
	case c.ModeratorUser != "" && len(c.ModeratorPasswordHash) == 0:
		errs = append(errs, errors.New("a moderator user needs a password hash (MEETBRIDGE_MODERATOR_PASSWORD_HASH)"))
	case c.ModeratorUser == "" && len(c.ModeratorPasswordHash) != 0:
		errs = append(errs, errors.New("a moderator password hash needs a moderator user"))
	case len(c.ModeratorPasswordHash) != 0:
		cost, err := bcrypt.Cost(c.ModeratorPasswordHash)
		if err != nil {
			errs = append(errs, fmt.Errorf("moderator password hash: %w", err))
		} else if cost < 10 {
			errs = append(errs, fmt.Errorf("moderator password hash: bcrypt cost %d is too low (want at least 10)", cost))
		}
	}
	if c.UpstreamTimeout == 0 {
		c.UpstreamTimeout = 10 * time.Second
	}
	if c.TokenRate == 0 {
		c.TokenRate = defaultTokenRate
	}
	if c.LoginRate == 0 {
		c.LoginRate = defaultLoginRate
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("server: config: %w", err)
	}
	return nil
}
