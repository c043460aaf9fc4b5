package server

import (
	"net/http"
	"net/url"
	"strings"
)

// meetingOrigins are where a provider's script and meeting iframe come
// from, for the Content-Security-Policy and Permissions-Policy.
type meetingOrigins struct {
	script, frame string
}

// originsOf returns the meeting origins of the configured provider; the
// sandbox is served by this server itself.
func originsOf(c Config) meetingOrigins {
	switch c.Provider {
	case ProviderJitsi:
		o := "https://" + hostOf(c.Jitsi.Domain)
		return meetingOrigins{script: o, frame: o}
	case ProviderJaaS:
		return meetingOrigins{script: "https://8x8.vc", frame: "https://8x8.vc"}
	case ProviderMeetHour:
		return meetingOrigins{script: "https://api.meethour.io", frame: "https://meethour.io"}
	case ProviderVonage:
		return meetingOrigins{script: "'self'", frame: vonageMeetingsOrigin}
	}
	return meetingOrigins{script: "'self'", frame: "'self'"}
}

// hostOf drops a tenant path from a meeting domain.
func hostOf(domain string) string {
	if u, err := url.Parse("https://" + domain); err == nil {
		return u.Host
	}
	return domain
}

// contentSecurityPolicy allows the bundle ('wasm-unsafe-eval'), the
// provider's script and iframe, and nothing else from elsewhere.
func contentSecurityPolicy(o meetingOrigins) string {
	script := "'self' 'wasm-unsafe-eval'"
	if o.script != "'self'" {
		script += " " + o.script
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src " + script,
		"frame-src " + o.frame,
		"connect-src 'self'",
		"img-src 'self' data:",
		"style-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; ")
}

// permissionsPolicy delegates what the meeting iframe asks for in its allow
// attribute to the meeting origin.
func permissionsPolicy(o meetingOrigins) string {
	allow := "self"
	if o.frame != "'self'" {
		allow += ` "` + o.frame + `"`
	}
	var parts []string
	for _, f := range []string{"camera", "microphone", "display-capture", "fullscreen", "autoplay", "clipboard-write", "speaker-selection", "screen-wake-lock"} {
		parts = append(parts, f+"=("+allow+")")
	}
	return strings.Join(parts, ", ")
}

// securityHeaders sets the headers of the page, its assets and the API. It
// sets no cross-origin isolation header: COEP would block the provider's
// script and iframe. HSTS goes with every answer over HTTPS, direct or
// through a trusted proxy (browsers ignore it over the sandbox's
// self-signed certificate, as RFC 6797 §8.1 asks).
func securityHeaders(c Config, next http.Handler) http.Handler {
	o := originsOf(c)
	csp, pp := contentSecurityPolicy(o), permissionsPolicy(o)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("Permissions-Policy", pp)
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cross-Origin-Opener-Policy", "same-origin-allow-popups")
		if overHTTPS(r) {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}
