package app

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/meetbridge/meetbridge/externalapi"
)

// The providers a grant can name.
const (
	ProviderSandbox  = "sandbox"
	ProviderJitsi    = "jitsi"
	ProviderJaaS     = "jaas"
	ProviderMeetHour = "meethour"
)

// ProviderFunc turns a grant into the provider and the options of its
// meeting; ProviderFromGrant is the one the pages use.
type ProviderFunc func(Grant) (externalapi.Provider, externalapi.Options, error)

// ProviderFromGrant returns the provider and the meeting options (RoomName,
// JWT and, for Meet Hour, PCode) that a grant describes. The script is
// always the grant's, as it is; the room name is used as it is too (a JaaS
// grant's already carries the app id, so no prefix is added).
func ProviderFromGrant(g Grant) (externalapi.Provider, externalapi.Options, error) {
	if err := checkScriptURL(g.ScriptURL); err != nil {
		return externalapi.Provider{}, externalapi.Options{}, fmt.Errorf("grant: %w", err)
	}
	o := externalapi.Options{RoomName: g.RoomName, JWT: g.JWT}
	var p externalapi.Provider
	switch g.Provider {
	case ProviderSandbox:
		p = externalapi.Sandbox(g.Domain, strings.HasPrefix(strings.ToLower(g.ScriptURL), "https:"))
	case ProviderJitsi:
		p = externalapi.Jitsi(g.Domain)
	case ProviderJaaS:
		p = externalapi.Jitsi(g.Domain)
		p.Name = ProviderJaaS
	case ProviderMeetHour:
		p = externalapi.MeetHour(g.APIKey)
		if g.Domain != "" {
			p.Domain = g.Domain
		}
		o.PCode = g.PCode
	default:
		return externalapi.Provider{}, externalapi.Options{}, fmt.Errorf("grant: unknown provider %q", g.Provider)
	}
	p.ScriptURL = g.ScriptURL
	if err := errors.Join(p.Validate(), o.Validate()); err != nil {
		return externalapi.Provider{}, externalapi.Options{}, fmt.Errorf("grant: %w", err)
	}
	return p, o, nil
}

// checkScriptURL accepts what the server may send: an https or http URL
// with a host, or a path on this origin.
func checkScriptURL(s string) error {
	if s == "" {
		return errors.New("no script URL")
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("script URL: %w", err)
	case (u.Scheme == "https" || u.Scheme == "http") && u.Host != "":
		return nil
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//"):
		return nil
	}
	return fmt.Errorf("script URL %q must be an http(s) URL or a path on this site", s)
}
