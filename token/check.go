package token

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/meetbridge/meetbridge/internal/loopback"
)

// checkTTL applies the default and the bounds to a configured lifetime.
func checkTTL(ttl time.Duration) (time.Duration, error) {
	switch {
	case ttl == 0:
		return DefaultTTL, nil
	case ttl < 0:
		return 0, fmt.Errorf("negative TTL %s", ttl)
	case ttl > MaxTTL:
		return 0, fmt.Errorf("TTL %s is longer than %s", ttl, MaxTTL)
	}
	return ttl, nil
}

// checkRSAKey refuses small or inconsistent RSA keys. Its errors never
// contain key material.
func checkRSAKey(k *rsa.PrivateKey) error {
	if bits := k.N.BitLen(); bits < MinRSABits {
		return fmt.Errorf("RSA key has %d bits; at least %d are required", bits, MinRSABits)
	}
	if err := k.Validate(); err != nil {
		return errors.New("RSA key is invalid")
	}
	k.Precompute()
	return nil
}

// checkDomain accepts a host with an optional port and path, without a
// scheme, and returns its lowercase host name.
func checkDomain(domain string) (string, error) {
	if domain == "" {
		return "", errors.New("domain is required")
	}
	if strings.ContainsAny(domain, " ?#\\@") || strings.Contains(domain, "://") {
		return "", fmt.Errorf("domain %s must be a host with an optional port and path, without a scheme", quoteShort(domain))
	}
	u, err := url.Parse("https://" + domain)
	if err != nil || u.Hostname() == "" {
		return "", fmt.Errorf("domain %s is not a host", quoteShort(domain))
	}
	return strings.ToLower(u.Hostname()), nil
}

// scriptURL returns the External API script URL: https://<domain>/
// external_api.js by default. A configured one must be https, http on a
// loopback host, or a path on the page's own origin ("/...").
func scriptURL(configured, domain string) (string, error) {
	if configured == "" {
		return "https://" + domain + "/external_api.js", nil
	}
	u, err := url.Parse(configured)
	switch {
	case err != nil:
	case u.Host != "" && loopback.SecureScheme(u):
		return configured, nil
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(configured, "//"):
		return configured, nil
	}
	return "", fmt.Errorf("script URL %s must be https, http on a loopback host, or a path starting with /", quoteShort(configured))
}

// clock returns now, or time.Now when nil.
func clock(now func() time.Time) func() time.Time {
	if now == nil {
		return time.Now
	}
	return now
}
