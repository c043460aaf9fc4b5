package token_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/meetbridge/meetbridge/token"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	ada = token.Request{Room: "dailystandup", DisplayName: "Ada", Email: "ada@example.com", UserID: "u-1", Moderator: true, Avatar: "https://example.com/ada.png"}
	bob = token.Request{Room: "dailystandup", DisplayName: "Bob", UserID: "u-2"}
)

const (
	adaJitsiContext = `{"user":{"id":"u-1","name":"Ada","email":"ada@example.com","avatar":"https://example.com/ada.png","moderator":"true","affiliation":"owner"}}`
	bobJitsiContext = `{"user":{"id":"u-2","name":"Bob","moderator":"false","affiliation":"member"}}`
)

func hsSecret() []byte { return []byte("0123456789abcdef0123456789abcdef") }

func TestJitsiHS256(t *testing.T) {
	j, err := token.NewJitsi(token.JitsiConfig{Domain: "meet.example.com", AppID: "my_app_id", Secret: hsSecret(), Now: fixedNow})
	require.NoError(t, err)
	assert.Equal(t, "jitsi", j.Provider())

	for _, tc := range []struct {
		r       token.Request
		context string
	}{{ada, adaJitsiContext}, {bob, bobJitsiContext}} {
		g, err := j.Issue(t.Context(), tc.r)
		require.NoError(t, err)
		verify(t, g.JWT, want{alg: "HS256", key: hsSecret(), iss: "my_app_id", sub: "meet.example.com",
			room: "dailystandup", ttl: token.DefaultTTL, context: tc.context})
		assert.Equal(t, token.Grant{
			Provider: "jitsi", Domain: "meet.example.com", RoomName: "dailystandup", JWT: g.JWT,
			ScriptURL: "https://meet.example.com/external_api.js", ExpiresAt: pinned.Add(10 * time.Minute),
		}, g)
	}

	// An HS256 token does not pass a verifier pinned to RS256.
	g, err := j.Issue(t.Context(), ada)
	require.NoError(t, err)

	// What the page receives: no Meet Hour fields.
	b, err := json.Marshal(g)
	require.NoError(t, err)
	assert.JSONEq(t, `{"provider":"jitsi","domain":"meet.example.com","roomName":"dailystandup","jwt":"`+g.JWT+`",
		"scriptURL":"https://meet.example.com/external_api.js","expiresAt":"2026-11-20T12:10:00Z"}`, string(b))

	_, err = jwt.Parse(g.JWT, func(*jwt.Token) (any, error) { return hsSecret(), nil }, jwt.WithValidMethods([]string{"RS256"}))
	require.ErrorIs(t, err, jwt.ErrTokenSignatureInvalid)
	_, err = jwt.Parse(g.JWT, func(*jwt.Token) (any, error) { return []byte(strings.Repeat("x", 32)), nil }, jwt.WithValidMethods([]string{"HS256"}))
	require.ErrorIs(t, err, jwt.ErrTokenSignatureInvalid)
}

func TestJitsiRS256(t *testing.T) {
	j, err := token.NewJitsi(token.JitsiConfig{
		Domain: "meet.example.com:8443", AppID: "my_app_id", Audience: "meetbridge", Subject: "acme",
		PrivateKey: testKey(), KID: "meetbridge/2026-11", TTL: 5 * time.Minute, ScriptURL: "https://cdn.example.com/external_api.js",
		Now: fixedNow,
	})
	require.NoError(t, err)
	g, err := j.Issue(t.Context(), ada)
	require.NoError(t, err)
	assert.Equal(t, "meet.example.com:8443", g.Domain)
	assert.Equal(t, "https://cdn.example.com/external_api.js", g.ScriptURL)
	assert.Equal(t, pinned.Add(5*time.Minute), g.ExpiresAt)

	// Audience is configurable: check it through the raw payload, since
	// verify pins "jitsi".
	_, err = jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience("meetbridge"), jwt.WithTimeFunc(fixedNow)).
		ParseWithClaims(g.JWT, &wireClaims{}, func(*jwt.Token) (any, error) { return &testKey().PublicKey, nil })
	require.NoError(t, err)
	assert.Contains(t, string(b64(t, strings.Split(g.JWT, ".")[1])), `"aud":"meetbridge"`)

	j, err = token.NewJitsi(token.JitsiConfig{Domain: "Meet.Example.com:8443", AppID: "my_app_id", PrivateKey: testKey(), KID: "k1", Now: fixedNow})
	require.NoError(t, err)
	g, err = j.Issue(t.Context(), bob)
	require.NoError(t, err)
	verify(t, g.JWT, want{alg: "RS256", key: &testKey().PublicKey, kid: "k1", iss: "my_app_id", sub: "meet.example.com",
		room: "dailystandup", ttl: token.DefaultTTL, context: bobJitsiContext})

	// Another key does not verify it.
	_, err = jwt.Parse(g.JWT, func(*jwt.Token) (any, error) { return &otherKey().PublicKey, nil }, jwt.WithValidMethods([]string{"RS256"}))
	require.ErrorIs(t, err, jwt.ErrTokenSignatureInvalid)
}

func TestJitsiTokensAreUnique(t *testing.T) {
	j, err := token.NewJitsi(token.JitsiConfig{Domain: "meet.example.com", AppID: "app", Secret: hsSecret(), Now: fixedNow})
	require.NoError(t, err)
	a, err := j.Issue(t.Context(), ada)
	require.NoError(t, err)
	b, err := j.Issue(t.Context(), ada)
	require.NoError(t, err)
	assert.NotEqual(t, a.JWT, b.JWT, "a random jti makes each token distinct")
}

func TestJitsiCopiesTheSecret(t *testing.T) {
	secret := hsSecret()
	j, err := token.NewJitsi(token.JitsiConfig{Domain: "meet.example.com", AppID: "app", Secret: secret, Now: fixedNow})
	require.NoError(t, err)
	clear(secret) // the caller wipes its copy
	g, err := j.Issue(t.Context(), bob)
	require.NoError(t, err)
	verify(t, g.JWT, want{alg: "HS256", key: hsSecret(), iss: "app", sub: "meet.example.com", room: "dailystandup", ttl: token.DefaultTTL, context: bobJitsiContext})
}

func TestNewJitsiRefusesWeakConfig(t *testing.T) {
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	secret := hsSecret()
	base := func() token.JitsiConfig {
		return token.JitsiConfig{Domain: "meet.example.com", AppID: "app", Secret: secret}
	}
	for name, tc := range map[string]struct {
		edit func(*token.JitsiConfig)
		want string
	}{
		"short secret":   {func(c *token.JitsiConfig) { c.Secret = secret[:31] }, "HS256 secret is too short: at least 32 random bytes"},
		"small RSA key":  {func(c *token.JitsiConfig) { c.Secret, c.PrivateKey, c.KID = nil, weak, "k" }, "RSA key has 1024 bits; at least 2048"},
		"both keys":      {func(c *token.JitsiConfig) { c.PrivateKey, c.KID = testKey(), "k" }, "not both"},
		"no key":         {func(c *token.JitsiConfig) { c.Secret = nil }, "a key is required"},
		"RS256 no kid":   {func(c *token.JitsiConfig) { c.Secret, c.PrivateKey = nil, testKey() }, "KID is required"},
		"HS256 with kid": {func(c *token.JitsiConfig) { c.KID = "k" }, "HS256 tokens have no kid"},
		"no app id":      {func(c *token.JitsiConfig) { c.AppID = "" }, "AppID is required"},
		"wildcard iss":   {func(c *token.JitsiConfig) { c.AppID = "*" }, "may not be *"},
		"no domain":      {func(c *token.JitsiConfig) { c.Domain = "" }, "domain is required"},
		"domain scheme":  {func(c *token.JitsiConfig) { c.Domain = "https://meet.example.com" }, "without a scheme"},
		"wildcard sub":   {func(c *token.JitsiConfig) { c.Subject = "*" }, "not *"},
		"uppercase sub":  {func(c *token.JitsiConfig) { c.Subject = "Acme" }, "lowercase"},
		"wildcard aud":   {func(c *token.JitsiConfig) { c.Audience = "*" }, "Audience may not be *"},
		"long TTL":       {func(c *token.JitsiConfig) { c.TTL = 25 * time.Hour }, "longer than 24h0m0s"},
		"negative TTL":   {func(c *token.JitsiConfig) { c.TTL = -time.Second }, "negative TTL"},
		"http script":    {func(c *token.JitsiConfig) { c.ScriptURL = "http://cdn.example.com/x.js" }, "script URL"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := base()
			tc.edit(&cfg)
			_, err := token.NewJitsi(cfg)
			require.ErrorContains(t, err, tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "token: jitsi config: "), err.Error())
			assert.NotContains(t, err.Error(), string(secret))
			assert.NotContains(t, err.Error(), testKey().D.String())
		})
	}
	for _, script := range []string{"http://localhost:8080/external_api.js", "http://127.0.0.1/x.js", "/sandbox/external_api.js"} {
		cfg := base()
		cfg.ScriptURL = script
		_, err := token.NewJitsi(cfg)
		assert.NoError(t, err, script)
	}
	cfg := base()
	cfg.ScriptURL = "//evil.example.com/x.js"
	_, err = token.NewJitsi(cfg)
	assert.Error(t, err, "a scheme-relative URL is another origin")
}
