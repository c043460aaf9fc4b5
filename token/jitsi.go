package token

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// JitsiConfig configures tokens for a self-hosted Jitsi Meet deployment with
// Prosody token authentication. Give Secret (HS256, Prosody's app_secret) or
// PrivateKey and KID (RS256, public key on asap_key_server), not both.
// String, GoString and LogValue redact the key.
type JitsiConfig struct {
	// Domain is the deployment's host, with a port or path if any (the
	// External API's domain), such as "meet.example.com".
	Domain string
	// AppID is the iss claim, Prosody's app_id.
	AppID string
	// Audience is the aud claim, one of asap_accepted_audiences; "jitsi"
	// when empty.
	Audience string
	// Subject is the sub claim: the lowercase tenant for TENANT/ROOM URLs,
	// or the XMPP domain, which is Domain's host name when empty.
	Subject string
	// Secret is the HS256 key, at least 32 random bytes.
	Secret []byte
	// PrivateKey is the RS256 key, at least 2048 bits.
	PrivateKey *rsa.PrivateKey
	// KID names PrivateKey's public key on the key server; required with
	// PrivateKey.
	KID string
	// TTL is the tokens' lifetime: DefaultTTL when zero, at most MaxTTL.
	TTL time.Duration
	// ScriptURL is the External API script; https://<Domain>/external_api.js
	// when empty.
	ScriptURL string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// String describes c with the key redacted.
func (c JitsiConfig) String() string {
	return fmt.Sprintf("token.JitsiConfig{Domain:%s AppID:%s Audience:%s Subject:%s Secret:%s PrivateKey:%s KID:%s TTL:%s ScriptURL:%s}",
		c.Domain, c.AppID, c.Audience, c.Subject, secretState(len(c.Secret) > 0), secretState(c.PrivateKey != nil), c.KID, c.TTL, c.ScriptURL)
}

// GoString is String, so that %#v redacts too.
func (c JitsiConfig) GoString() string { return c.String() }

// LogValue logs c with the key redacted.
func (c JitsiConfig) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("domain", c.Domain),
		slog.String("app_id", c.AppID),
		slog.String("audience", c.Audience),
		slog.String("subject", c.Subject),
		slog.String("secret", secretState(len(c.Secret) > 0)),
		slog.String("private_key", secretState(c.PrivateKey != nil)),
		slog.String("kid", c.KID),
		slog.Duration("ttl", c.TTL),
	)
}

// Jitsi issues self-hosted Jitsi tokens.
type Jitsi struct {
	cfg       JitsiConfig // with defaults applied and the secret copied
	signer    signer
	scriptURL string
	now       func() time.Time
}

var _ Issuer = (*Jitsi)(nil)

// NewJitsi checks cfg and returns its issuer. It refuses an HS256 secret
// shorter than 32 bytes, an RSA key under 2048 bits, both keys or neither, an
// RS256 key without KID, an empty AppID or Domain, and wildcards.
func NewJitsi(cfg JitsiConfig) (*Jitsi, error) {
	j, err := newJitsi(cfg)
	if err != nil {
		return nil, fmt.Errorf("token: jitsi config: %w", err)
	}
	return j, nil
}

func newJitsi(cfg JitsiConfig) (*Jitsi, error) {
	host, err := checkDomain(cfg.Domain)
	if err != nil {
		return nil, err
	}
	if cfg.AppID == "" || cfg.AppID == "*" {
		return nil, errors.New("AppID is required and may not be *")
	}
	if cfg.Audience == "" {
		cfg.Audience = Audience
	}
	if cfg.Audience == "*" {
		return nil, errors.New("Audience may not be *")
	}
	if cfg.Subject == "" {
		cfg.Subject = host
	}
	if cfg.Subject == "*" || cfg.Subject != strings.ToLower(cfg.Subject) {
		return nil, fmt.Errorf("Subject %s must be a lowercase tenant or domain, not *", quoteShort(cfg.Subject))
	}
	if cfg.TTL, err = checkTTL(cfg.TTL); err != nil {
		return nil, err
	}
	j := &Jitsi{now: clock(cfg.Now)}
	if j.scriptURL, err = scriptURL(cfg.ScriptURL, cfg.Domain); err != nil {
		return nil, err
	}
	switch {
	case len(cfg.Secret) > 0 && cfg.PrivateKey != nil:
		return nil, errors.New("give Secret (HS256) or PrivateKey (RS256), not both")
	case len(cfg.Secret) > 0:
		if len(cfg.Secret) < MinHMACSecret {
			return nil, fmt.Errorf("HS256 secret is too short: at least %d random bytes are required (RFC 7518 §3.2)", MinHMACSecret)
		}
		if cfg.KID != "" {
			return nil, errors.New("KID is for RS256 keys; HS256 tokens have no kid")
		}
		cfg.Secret = append([]byte(nil), cfg.Secret...)
		j.signer = signer{method: jwt.SigningMethodHS256, key: cfg.Secret}
	case cfg.PrivateKey != nil:
		if err := checkRSAKey(cfg.PrivateKey); err != nil {
			return nil, err
		}
		if cfg.KID == "" {
			return nil, errors.New("KID is required with an RS256 key: Prosody fetches the public key by it")
		}
		j.signer = signer{method: jwt.SigningMethodRS256, key: cfg.PrivateKey, kid: cfg.KID}
	default:
		return nil, errors.New("a key is required: Secret (HS256) or PrivateKey with KID (RS256)")
	}
	j.cfg = cfg
	return j, nil
}

// Provider returns "jitsi".
func (j *Jitsi) Provider() string { return ProviderJitsi }

// Issue signs a token for r's room and user.
func (j *Jitsi) Issue(ctx context.Context, r Request) (Grant, error) {
	if err := ctx.Err(); err != nil {
		return Grant{}, err
	}
	if err := validateRequest(r); err != nil {
		return Grant{}, err
	}
	c := Claims{
		RegisteredClaims: registered(j.cfg.AppID, j.cfg.Subject, j.now(), j.cfg.TTL),
		Room:             r.Room,
		Context:          JitsiContext{User: userOf(r, true)},
	}
	c.Audience = j.cfg.Audience
	tok, err := j.signer.sign(c)
	if err != nil {
		return Grant{}, err
	}
	return Grant{
		Provider:  ProviderJitsi,
		Domain:    j.cfg.Domain,
		RoomName:  r.Room,
		JWT:       tok,
		ScriptURL: j.scriptURL,
		ExpiresAt: c.ExpiresAt.Time.UTC(),
	}, nil
}

// String describes the issuer with its key redacted.
func (j Jitsi) String() string { return "token.Jitsi{" + j.cfg.String() + "}" }

// GoString is String, so that %#v redacts too.
func (j Jitsi) GoString() string { return j.String() }

// LogValue logs the issuer's configuration with its key redacted.
func (j Jitsi) LogValue() slog.Value { return j.cfg.LogValue() }
