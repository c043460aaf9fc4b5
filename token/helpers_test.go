package token_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pinned is the clock of every test issuer.
var pinned = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return pinned }

// testKey is one RSA-2048 key per test binary, generated here: no private
// key is committed.
var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// otherKey is a second RSA-2048 key, for signature mismatches.
var otherKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// pkcs1PEM and pkcs8PEM encode k the two ways the JaaS console and openssl do.
func pkcs1PEM(k *rsa.PrivateKey) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
}

func pkcs8PEM(t *testing.T, k any) []byte {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	require.NoError(t, err)
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// wireClaims decodes a token independently of package token: aud must be
// a plain JSON string (the shadowing field makes an array fail to decode).
type wireClaims struct {
	jwt.RegisteredClaims
	Audience string          `json:"aud"`
	Room     string          `json:"room"`
	Context  json.RawMessage `json:"context"`
}

func (c wireClaims) GetAudience() (jwt.ClaimStrings, error) {
	return jwt.ClaimStrings{c.Audience}, nil
}

// want is what a token must be.
type want struct {
	alg      string // pinned algorithm
	key      any    // verification key
	kid      string // header kid; "" means absent
	iss, sub string
	room     string
	ttl      time.Duration
	context  string // exact JSON of the context claim
}

// verify parses tok strictly and checks everything in w; it returns the
// decoded claims.
func verify(t *testing.T, tok string, w want) wireClaims {
	t.Helper()
	parse := func(at time.Time, c *wireClaims, extra ...jwt.ParserOption) error {
		_, err := jwt.NewParser(append([]jwt.ParserOption{
			jwt.WithValidMethods([]string{w.alg}),
			jwt.WithIssuer(w.iss),
			jwt.WithAudience("jitsi"),
			jwt.WithSubject(w.sub),
			jwt.WithExpirationRequired(),
			jwt.WithNotBeforeRequired(),
			jwt.WithTimeFunc(func() time.Time { return at }),
			jwt.WithStrictDecoding(),
		}, extra...)...).ParseWithClaims(tok, c, func(t *jwt.Token) (any, error) { return w.key, nil })
		return err
	}
	var c wireClaims
	require.NoError(t, parse(pinned, &c, jwt.WithIssuedAt()))

	// exp and nbf bound the token exactly, with no leeway (iat is only
	// checked at issue time: nbf is back-dated before it).
	require.NoError(t, parse(pinned.Add(w.ttl-time.Second), &wireClaims{}))
	require.ErrorIs(t, parse(pinned.Add(w.ttl), &wireClaims{}), jwt.ErrTokenExpired)
	require.NoError(t, parse(pinned.Add(-10*time.Second), &wireClaims{}))
	require.ErrorIs(t, parse(pinned.Add(-11*time.Second), &wireClaims{}), jwt.ErrTokenNotValidYet)

	// The raw segments, as Prosody and the web client read them.
	segs := strings.Split(tok, ".")
	require.Len(t, segs, 3)
	var header map[string]any
	require.NoError(t, json.Unmarshal(b64(t, segs[0]), &header))
	wantHeader := map[string]any{"alg": w.alg, "typ": "JWT"}
	if w.kid != "" {
		wantHeader["kid"] = w.kid
	}
	assert.Equal(t, wantHeader, header)

	payloadJSON := b64(t, segs[1])
	assert.Contains(t, string(payloadJSON), `"aud":"jitsi"`)
	var payload map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(payloadJSON, &payload))
	assert.Equal(t, `"jitsi"`, string(payload["aud"]), "aud is a plain string")
	assert.Equal(t, []string{"aud", "context", "exp", "iat", "iss", "jti", "nbf", "room", "sub"}, slices.Sorted(maps.Keys(payload)))
	assert.JSONEq(t, w.context, string(payload["context"]))
	assert.Equal(t, pinned.Add(w.ttl).Unix(), num(t, payload["exp"]))
	assert.Equal(t, pinned.Add(-10*time.Second).Unix(), num(t, payload["nbf"]))
	assert.Equal(t, pinned.Unix(), num(t, payload["iat"]))
	assert.Equal(t, `"`+w.room+`"`, string(payload["room"]))
	assert.Len(t, c.ID, 26, "jti is rand.Text")
	assert.Equal(t, w.room, c.Room)
	return c
}

func b64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	require.NoError(t, err)
	return b
}

func num(t *testing.T, m json.RawMessage) int64 {
	t.Helper()
	var n int64
	require.NoError(t, json.Unmarshal(m, &n), string(m))
	return n
}
