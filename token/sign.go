package token

import (
	"crypto/rand"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Lifetime rules shared by the signing issuers.
const (
	// DefaultTTL is a token's lifetime when the configuration leaves it
	// zero: the page asks for a fresh token on every join.
	DefaultTTL = 10 * time.Minute
	// MaxTTL is the longest lifetime a configuration may ask for.
	MaxTTL = 24 * time.Hour
	// NotBeforeSkew back-dates nbf, since Prosody allows no clock skew.
	NotBeforeSkew = 10 * time.Second
	// MinHMACSecret is the shortest HS256 secret accepted (RFC 7518 §3.2).
	MinHMACSecret = 32
	// MinRSABits is the smallest RSA modulus accepted.
	MinRSABits = 2048
)

// Audience is the aud claim Jitsi, JaaS and the sandbox expect.
const Audience = "jitsi"

// signer signs claims with one key.
type signer struct {
	method jwt.SigningMethod
	key    any    // []byte for HS256, *rsa.PrivateKey for RS256
	kid    string // header kid, empty for none
}

// sign returns the compact JWT of claims. The header gets typ "JWT" from
// golang-jwt, and kid when set.
func (s signer) sign(claims jwt.Claims) (string, error) {
	t := jwt.NewWithClaims(s.method, claims)
	if s.kid != "" {
		t.Header["kid"] = s.kid
	}
	out, err := t.SignedString(s.key)
	if err != nil {
		// golang-jwt's signing errors name the method and key type, never
		// the key.
		return "", fmt.Errorf("token: signing: %w", err)
	}
	return out, nil
}

// registered returns the registered claims of a token issued at now.
func registered(iss, sub string, now time.Time, ttl time.Duration) RegisteredClaims {
	return RegisteredClaims{
		Issuer:    iss,
		Subject:   sub,
		Audience:  Audience,
		ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		NotBefore: jwt.NewNumericDate(now.Add(-NotBeforeSkew)),
		IssuedAt:  jwt.NewNumericDate(now),
		ID:        rand.Text(),
	}
}
