package token

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// SandboxIssuer is the iss claim of sandbox tokens.
const SandboxIssuer = "meetbridge-sandbox"

// Sandbox issues and verifies RS256 tokens for the project's own sandbox
// conference, with a key generated at start that never leaves the process.
// Its tokens have the claims of self-hosted Jitsi tokens (iss
// "meetbridge-sandbox", aud "jitsi", sub the domain's host name, the exact
// room), so the sandbox can tell moderators from members with Verify.
type Sandbox struct {
	// Now is the clock of Issue and Verify; time.Now when nil. Set it
	// before sharing the sandbox between goroutines.
	Now func() time.Time

	domain    string // as given, for the page
	sub       string // its lowercase host name, the sub claim
	scriptURL string
	ttl       time.Duration
	key       *rsa.PrivateKey
	kid       string
}

var _ Issuer = (*Sandbox)(nil)

// NewSandbox generates an RSA-2048 key and returns an issuer for the sandbox
// at domain. scriptURL is its External API script (https, http on a loopback
// host, or a path on the page's origin such as "/sandbox/external_api.js");
// https://<domain>/external_api.js when empty. ttl is the tokens' lifetime:
// DefaultTTL when zero, at most MaxTTL.
func NewSandbox(domain, scriptURL string, ttl time.Duration) (*Sandbox, error) {
	s, err := newSandbox(domain, scriptURL, ttl)
	if err != nil {
		return nil, fmt.Errorf("token: sandbox: %w", err)
	}
	return s, nil
}

func newSandbox(domain, script string, ttl time.Duration) (*Sandbox, error) {
	host, err := checkDomain(domain)
	if err != nil {
		return nil, err
	}
	s := &Sandbox{domain: domain, sub: host}
	if s.scriptURL, err = scriptURL(script, domain); err != nil {
		return nil, err
	}
	if s.ttl, err = checkTTL(ttl); err != nil {
		return nil, err
	}
	if s.key, err = rsa.GenerateKey(rand.Reader, MinRSABits); err != nil {
		return nil, fmt.Errorf("generating the key: %w", err)
	}
	der, err := x509.MarshalPKIXPublicKey(&s.key.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("encoding the public key: %w", err)
	}
	sum := sha256.Sum256(der)
	s.kid = SandboxIssuer + "-" + hex.EncodeToString(sum[:8])
	return s, nil
}

// Provider returns "sandbox".
func (s *Sandbox) Provider() string { return ProviderSandbox }

// KeyID returns the header kid of the sandbox's tokens, derived from its
// public key.
func (s *Sandbox) KeyID() string { return s.kid }

// PublicKey returns the key that verifies the sandbox's tokens.
func (s *Sandbox) PublicKey() *rsa.PublicKey { return &s.key.PublicKey }

// Issue signs a token for r's room and user.
func (s *Sandbox) Issue(ctx context.Context, r Request) (Grant, error) {
	if err := ctx.Err(); err != nil {
		return Grant{}, err
	}
	if err := validateRequest(r); err != nil {
		return Grant{}, err
	}
	c := Claims{
		RegisteredClaims: registered(SandboxIssuer, s.sub, clock(s.Now)(), s.ttl),
		Room:             r.Room,
		Context:          JitsiContext{User: userOf(r, true)},
	}
	tok, err := signer{method: jwt.SigningMethodRS256, key: s.key, kid: s.kid}.sign(c)
	if err != nil {
		return Grant{}, err
	}
	return Grant{
		Provider:  ProviderSandbox,
		Domain:    s.domain,
		RoomName:  r.Room,
		JWT:       tok,
		ScriptURL: s.scriptURL,
		ExpiresAt: c.ExpiresAt.Time.UTC(),
	}, nil
}

// ErrInvalidToken is wrapped by every error of Sandbox.Verify.
var ErrInvalidToken = errors.New("token: invalid token")

// Verify checks a token the way the sandbox conference must before letting
// anyone in: RS256 only, typ "JWT", this sandbox's kid and signature, iss
// "meetbridge-sandbox", aud "jitsi" as a plain string, sub the domain's host
// name, exp, nbf and iat present and valid at Now (no leeway), a valid room,
// and a moderator flag consistent with the affiliation. The error wraps
// ErrInvalidToken and never contains the token.
func (s *Sandbox) Verify(token string) (*Claims, error) {
	var c Claims
	t, err := jwt.ParseWithClaims(token, &c, func(t *jwt.Token) (any, error) {
		if kid, _ := t.Header["kid"].(string); kid != s.kid {
			return nil, errors.New("unknown kid")
		}
		return &s.key.PublicKey, nil
	},
		jwt.WithValidMethods([]string{jwt.SigningMethodRS256.Alg()}),
		jwt.WithIssuer(SandboxIssuer),
		jwt.WithAudience(Audience),
		jwt.WithSubject(s.sub),
		jwt.WithExpirationRequired(),
		jwt.WithNotBeforeRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(clock(s.Now)),
		jwt.WithStrictDecoding(),
	)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	if typ, _ := t.Header["typ"].(string); typ != "JWT" {
		return nil, fmt.Errorf("%w: header typ is not JWT", ErrInvalidToken)
	}
	if c.IssuedAt == nil {
		return nil, fmt.Errorf("%w: no iat", ErrInvalidToken)
	}
	if err := ValidateRoom(c.Room); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	u := c.Context.User
	switch {
	case u.Moderator == "true" && u.Affiliation == AffiliationOwner:
	case u.Moderator == "false" && u.Affiliation == AffiliationMember:
	default:
		return nil, fmt.Errorf("%w: context.user moderator %q and affiliation %q disagree", ErrInvalidToken, u.Moderator, u.Affiliation)
	}
	return &c, nil
}

// String describes the sandbox without its key.
func (s Sandbox) String() string {
	return fmt.Sprintf("token.Sandbox{Domain:%s ScriptURL:%s TTL:%s KID:%s PrivateKey:%s}", s.domain, s.scriptURL, s.ttl, s.kid, redacted)
}

// GoString is String, so that %#v hides the key too.
func (s Sandbox) GoString() string { return s.String() }

// LogValue logs the sandbox without its key.
func (s Sandbox) LogValue() slog.Value {
	return slog.GroupValue(slog.String("domain", s.domain), slog.String("kid", s.kid), slog.Duration("ttl", s.ttl))
}
