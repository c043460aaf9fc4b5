package externalapi

import (
	"errors"
	"fmt"
	"strings"
)

// Provider describes a meeting service as data: where its External API script
// lives, which global it defines and what its constructor needs. Use Jitsi,
// JaaS or MeetHour, or fill one in for another deployment.
type Provider struct {
	// Name is a short label, such as "jitsi".
	Name string
	// Domain is the meeting host, with a port or tenant path if any; it is
	// the constructor's first argument.
	Domain string
	// Global is the name of the constructor the script defines on window.
	Global string
	// ScriptURL is the script's URL; {domain}, {release} and {apiKey} are
	// replaced (the last two query-escaped).
	ScriptURL string
	// Release fills {release}, and is the release option when set.
	Release string
	// RoomPrefix is put before every room name, as JaaS needs its app id.
	RoomPrefix string
	// FrameNamePrefix is how the library names its iframe, followed by a
	// counter (for example "jitsiConferenceFrame").
	FrameNamePrefix string
	// Options are extra constructor options, such as Meet Hour's apiKey.
	Options map[string]any
	// Required lists the keys of Options that must be set.
	Required []string
}

// Jitsi is a self-hosted Jitsi Meet deployment, or meet.jit.si.
func Jitsi(domain string) Provider {
	return Provider{
		Name:            "jitsi",
		Domain:          domain,
		Global:          "JitsiMeetExternalAPI",
		ScriptURL:       "https://{domain}/external_api.js",
		FrameNamePrefix: "jitsiConferenceFrame",
	}
}

// Sandbox is meetbridge's offline conference, served by cmd/server at host
// (with its port). Its /external_api.js builds the iframe URL with the
// scheme it was loaded over, so plain http works for local runs.
func Sandbox(host string, https bool) Provider {
	scheme := "http"
	if https {
		scheme = "https"
	}
	return Provider{
		Name:            "sandbox",
		Domain:          host,
		Global:          "JitsiMeetExternalAPI",
		ScriptURL:       scheme + "://{domain}/external_api.js",
		FrameNamePrefix: "jitsiConferenceFrame",
	}
}

// JaaSDomain is 8x8's Jitsi as a Service host.
const JaaSDomain = "8x8.vc"

// JaaS is 8x8 Jitsi as a Service: rooms are prefixed with the app id
// ("vpaas-magic-cookie-...") and joining needs a JWT signed with the app's key.
func JaaS(appID string) Provider {
	return Provider{
		Name:            "jaas",
		Domain:          JaaSDomain,
		Global:          "JitsiMeetExternalAPI",
		ScriptURL:       "https://" + JaaSDomain + "/libs/external_api.min.js",
		RoomPrefix:      appID + "/",
		FrameNamePrefix: "jitsiConferenceFrame",
	}
}

// MeetHourRelease is the Meet Hour library release used by default.
const MeetHourRelease = "v2.4.6"

// MeetHour is Meet Hour, whose library needs the account's API key. A
// protected meeting also needs its encrypted password: Options.PCode.
func MeetHour(apiKey string) Provider {
	return Provider{
		Name:            "meethour",
		Domain:          "meethour.io",
		Global:          "MeetHourExternalAPI",
		ScriptURL:       "https://api.meethour.io/libs/{release}/external_api.min.js?apiKey={apiKey}",
		Release:         MeetHourRelease,
		FrameNamePrefix: "mhConferenceFrame",
		Options:         map[string]any{"apiKey": apiKey},
		Required:        []string{"apiKey"},
	}
}

// Validate reports whether p has what loading and constructing need.
func (p Provider) Validate() error {
	var errs []error
	if p.Domain == "" {
		errs = append(errs, errors.New("no domain"))
	} else if strings.ContainsAny(p.Domain, " ?#\\") || strings.Contains(p.Domain, "://") {
		errs = append(errs, fmt.Errorf("domain %q must be a host with an optional port and path, without a scheme", p.Domain))
	}
	if p.Global == "" {
		errs = append(errs, errors.New("no global constructor name"))
	}
	if p.ScriptURL == "" {
		errs = append(errs, errors.New("no script URL"))
	}
	for _, k := range p.Required {
		if v, ok := p.Options[k]; !ok || v == "" || v == nil {
			errs = append(errs, fmt.Errorf("option %s is required", k))
		}
	}
	if strings.Contains(p.ScriptURL, "{release}") && p.Release == "" {
		errs = append(errs, errors.New("script URL needs a release"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("externalapi: provider %s: %w", p.Name, err)
	}
	return nil
}

// Script returns the URL of the provider's External API script.
func (p Provider) Script() (string, error) {
	if err := p.Validate(); err != nil {
		return "", err
	}
	apiKey, _ := p.Options["apiKey"].(string)
	release, err1 := pathSegment(p.Release)
	key, err2 := queryValue(apiKey)
	if err := errors.Join(err1, err2); err != nil {
		return "", fmt.Errorf("externalapi: provider %s: script URL: %w", p.Name, err)
	}
	s := expandPlaceholders(p.ScriptURL, map[string]string{
		"{domain}": p.Domain, "{release}": release, "{apiKey}": key,
	})
	if err := checkURL(s); err != nil {
		return "", fmt.Errorf("externalapi: provider %s: script URL: %w", p.Name, err)
	}
	return s, nil
}

// expandPlaceholders replaces each "{name}" of s that values has, in one
// pass like strings.Replacer (whose tables would add 15 KB to the module).
func expandPlaceholders(s string, values map[string]string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			break
		}
		name := s[open : open+end+1]
		v, ok := values[name]
		if !ok {
			b.WriteString(s[:open+1])
			s = s[open+1:]
			continue
		}
		b.WriteString(s[:open])
		b.WriteString(v)
		s = s[open+end+1:]
	}
	b.WriteString(s)
	return b.String()
}
