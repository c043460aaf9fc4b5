package server

import (
	"context"
	"fmt"
	"net"
	"net/http"

	"github.com/golang-jwt/jwt/v5"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/server/metrics"
	"github.com/meetbridge/meetbridge/token"
)

// providerDeps are what the server shares with provider code.
type providerDeps struct {
	// Cache is the server's one shared cache (memory, or Redis with
	// Config.RedisURL) for provider caches such as Meet Hour's access
	// tokens and meetings: give it to the issuer, so that every instance
	// shares them.
	Cache sharedcache.Cache
	// Metrics takes upstream errors (Metrics.UpstreamError).
	Metrics *metrics.Metrics
}

// newIssuer builds the token issuer of the configured provider; it fails
// when the provider's secrets are missing or weak. For the sandbox it also
// returns the issuer itself, which verifies the tokens it issued.
func newIssuer(c Config, deps providerDeps) (token.Issuer, *token.Sandbox, error) {
	_ = deps // the Meet Hour issuer takes deps.Cache once it accepts a cache
	switch c.Provider {
	case ProviderSandbox:
		domain, script := c.PublicHost, "http://"+c.PublicHost+"/external_api.js"
		if host, _, _ := net.SplitHostPort(c.PublicHost); !isLoopbackHost(host) && c.TLSHost != "" {
			// Off loopback the sandbox needs https: its HTTPS listener.
			domain, script = c.TLSHost, "https://"+c.TLSHost+"/external_api.js"
		}
		s, err := token.NewSandbox(domain, script, c.TokenTTL)
		if err != nil {
			return nil, nil, fmt.Errorf("server: sandbox: %w", err)
		}
		return s, s, nil
	case ProviderJitsi:
		cfg := token.JitsiConfig{
			Domain: c.Jitsi.Domain, AppID: c.Jitsi.AppID, Audience: c.Jitsi.Audience,
			Subject: c.Jitsi.Subject, Secret: c.Jitsi.Secret, KID: c.Jitsi.KID, TTL: c.TokenTTL,
		}
		if len(c.Jitsi.PrivateKeyPEM) > 0 {
			key, err := jwt.ParseRSAPrivateKeyFromPEM(c.Jitsi.PrivateKeyPEM)
			if err != nil {
				return nil, nil, fmt.Errorf("server: jitsi: private key: %w", err)
			}
			cfg.PrivateKey = key
		}
		j, err := token.NewJitsi(cfg)
		if err != nil {
			return nil, nil, fmt.Errorf("server: jitsi: %w", err)
		}
		return j, nil, nil
	case ProviderJaaS:
		j, err := token.NewJaaS(token.JaaSConfig{AppID: c.JaaS.AppID, KeyID: c.JaaS.KeyID, PrivateKeyPEM: c.JaaS.PrivateKeyPEM, TTL: c.TokenTTL})
		if err != nil {
			return nil, nil, fmt.Errorf("server: jaas: %w", err)
		}
		return j, nil, nil
	case ProviderMeetHour:
		client, err := meethour.New(meethour.Config{
			BaseURL: c.MeetHour.BaseURL, ClientID: c.MeetHour.ClientID, ClientSecret: c.MeetHour.ClientSecret,
			Username: c.MeetHour.Username, Password: c.MeetHour.Password, APIKey: c.MeetHour.APIKey,
			Timeout: c.UpstreamTimeout,
			HTTPClient: &http.Client{
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			},
		})
		if err != nil {
			return nil, nil, fmt.Errorf("server: meethour: %w", err)
		}
		member := c.MeetHour.MemberContactID
		m, err := token.NewMeetHour(client, token.MeetHourConfig{
			Schedule: true,
			// Moderators join as the organizer; members as the
			// configured attendee contact, or are refused.
			Contact: func(_ context.Context, r token.Request) (int64, error) {
				if r.Moderator {
					return 0, nil
				}
				return member, nil
			},
		})
		if err != nil {
			return nil, nil, fmt.Errorf("server: meethour: %w", err)
		}
		return m, nil, nil
	}
	return nil, nil, fmt.Errorf("server: unknown provider %q", c.Provider)
}
