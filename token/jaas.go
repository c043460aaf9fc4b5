package token

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// JaaS constants, from 8x8's documentation and samples.
const (
	// JaaSDomain is the External API domain of JaaS.
	JaaSDomain = "8x8.vc"
	// JaaSScriptURL is the External API script of JaaS.
	JaaSScriptURL = "https://8x8.vc/libs/external_api.min.js"
	// JaaSIssuer is the iss claim JaaS requires.
	JaaSIssuer = "chat"
	// JaaSAppIDPrefix starts every JaaS app id.
	JaaSAppIDPrefix = "vpaas-magic-cookie-"
)

// JaaSConfig configures 8x8 JaaS tokens, signed RS256 with the API key
// downloaded from the JaaS console. String, GoString and LogValue redact the
// key.
type JaaSConfig struct {
	// AppID is "vpaas-magic-cookie-<hex>", the sub claim and the room
	// prefix.
	AppID string
	// KeyID is the API key's id: the part after "/" in the console's
	// "<AppID>/<KeyID>"; the header kid is AppID + "/" + KeyID.
	KeyID string
	// PrivateKeyPEM is the API key's RSA private key (PKCS#1 or PKCS#8
	// PEM), at least 2048 bits.
	PrivateKeyPEM []byte
	// Features are the context.features of moderators; members get each of
	// these keys "false". Keys must be among JaaSFeatureKeys. When nil,
	// DefaultJaaSFeatures.
	Features map[string]bool
	// TTL is the tokens' lifetime: DefaultTTL when zero, at most MaxTTL.
	TTL time.Duration
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// String describes c with the key redacted.
func (c JaaSConfig) String() string {
	return fmt.Sprintf("token.JaaSConfig{AppID:%s KeyID:%s PrivateKeyPEM:%s Features:%v TTL:%s}",
		c.AppID, c.KeyID, secretState(len(c.PrivateKeyPEM) > 0), c.Features, c.TTL)
}

// GoString is String, so that %#v redacts too.
func (c JaaSConfig) GoString() string { return c.String() }

// LogValue logs c with the key redacted.
func (c JaaSConfig) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("app_id", c.AppID),
		slog.String("key_id", c.KeyID),
		slog.String("private_key", secretState(len(c.PrivateKeyPEM) > 0)),
		slog.Any("features", c.Features),
		slog.Duration("ttl", c.TTL),
	)
}

// JaaS issues 8x8 JaaS tokens.
type JaaS struct {
	cfg       JaaSConfig // without the key
	signer    signer
	moderator map[string]string
	member    map[string]string
	now       func() time.Time
}

var _ Issuer = (*JaaS)(nil)

// NewJaaS checks cfg, parses the key and returns the issuer. It refuses an
// app id without the vpaas-magic-cookie- prefix and hex, a key id with "/",
// a key that is not RSA or has fewer than 2048 bits, and unknown features.
func NewJaaS(cfg JaaSConfig) (*JaaS, error) {
	j, err := newJaaS(cfg)
	if err != nil {
		return nil, fmt.Errorf("token: jaas config: %w", err)
	}
	return j, nil
}

func newJaaS(cfg JaaSConfig) (*JaaS, error) {
	hexPart, ok := strings.CutPrefix(cfg.AppID, JaaSAppIDPrefix)
	if !ok || hexPart == "" || strings.Trim(hexPart, "0123456789abcdef") != "" {
		return nil, fmt.Errorf("AppID %s must be %s followed by lowercase hex", quoteShort(cfg.AppID), JaaSAppIDPrefix)
	}
	if cfg.KeyID == "" || strings.ContainsAny(cfg.KeyID, "/ \t\r\n") {
		return nil, fmt.Errorf("KeyID %s must be the API key id without the app id and '/'", quoteShort(cfg.KeyID))
	}
	var err error
	if cfg.TTL, err = checkTTL(cfg.TTL); err != nil {
		return nil, err
	}
	if len(cfg.PrivateKeyPEM) == 0 {
		return nil, errors.New("PrivateKeyPEM is required")
	}
	key, err := jwt.ParseRSAPrivateKeyFromPEM(cfg.PrivateKeyPEM)
	if err != nil {
		// The parsers' errors describe the encoding, never the key bytes.
		return nil, fmt.Errorf("PrivateKeyPEM is not a PEM RSA private key (PKCS#1 or PKCS#8): %w", err)
	}
	if err := checkRSAKey(key); err != nil {
		return nil, err
	}
	j := &JaaS{
		signer: signer{method: jwt.SigningMethodRS256, key: key, kid: cfg.AppID + "/" + cfg.KeyID},
		now:    clock(cfg.Now),
	}
	if j.moderator, j.member, err = featureSets(cfg.Features); err != nil {
		return nil, err
	}
	cfg.Features = maps.Clone(cfg.Features)
	cfg.PrivateKeyPEM = nil
	j.cfg = cfg
	return j, nil
}

// Provider returns "jaas".
func (j *JaaS) Provider() string { return ProviderJaaS }

// Issue signs a token for r's room and user. The grant's RoomName is
// "<AppID>/<room>", while the room claim is the bare room.
func (j *JaaS) Issue(ctx context.Context, r Request) (Grant, error) {
	if err := ctx.Err(); err != nil {
		return Grant{}, err
	}
	if err := validateRequest(r); err != nil {
		return Grant{}, err
	}
	features := j.member
	if r.Moderator {
		features = j.moderator
	}
	c := JaaSClaims{
		RegisteredClaims: registered(JaaSIssuer, j.cfg.AppID, j.now(), j.cfg.TTL),
		Room:             r.Room,
		Context:          JaaSContext{User: userOf(r, false), Features: features},
	}
	tok, err := j.signer.sign(c)
	if err != nil {
		return Grant{}, err
	}
	return Grant{
		Provider:  ProviderJaaS,
		Domain:    JaaSDomain,
		RoomName:  j.cfg.AppID + "/" + r.Room,
		JWT:       tok,
		ScriptURL: JaaSScriptURL,
		ExpiresAt: c.ExpiresAt.Time.UTC(),
	}, nil
}

// String describes the issuer without its key.
func (j JaaS) String() string {
	return fmt.Sprintf("token.JaaS{AppID:%s KeyID:%s PrivateKey:%s Features:%v TTL:%s}", j.cfg.AppID, j.cfg.KeyID, redacted, j.cfg.Features, j.cfg.TTL)
}

// GoString is String, so that %#v hides the key too.
func (j JaaS) GoString() string { return j.String() }

// LogValue logs the issuer's configuration without its key.
func (j JaaS) LogValue() slog.Value { return j.cfg.LogValue() }
