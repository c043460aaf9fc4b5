package server

import (
	"fmt"
	"net"
	"net/http"

	"github.com/golang-jwt/jwt/v5"

	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/token"
)

// newIssuer builds the token issuer of the configured provider; it fails
// when the provider's secrets are missing or weak. For the sandbox it also
// returns the issuer itself, which verifies the tokens it issued.
func newIssuer(c Config) (token.Issuer, *token.Sandbox, error) {
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
			Timeout: c.UpstreamTimeout, Cache: c.MeetHour.Cache,
			HTTPClient: &http.Client{
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			},
		})
		if err != nil {
			return nil, nil, fmt.Errorf("server: meethour: %w", err)
		}
		// The moderator joins as the organizer and may schedule a
		// meeting by opening a room; members join as their own contact,
		// and only meetings that exist.
		m, err := token.NewMeetHour(client, token.MeetHourConfig{
			ModeratorSchedules: true, Meetings: c.MeetHour.Meetings, Cache: c.MeetHour.Cache,
		})
		if err != nil {
			return nil, nil, fmt.Errorf("server: meethour: %w", err)
		}
		return m, nil, nil
	case ProviderVonage:
		v, err := newVonageIssuer(c)
		return v, nil, err
	}
	return nil, nil, fmt.Errorf("server: unknown provider %q", c.Provider)
}
