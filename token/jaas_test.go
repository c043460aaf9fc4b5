package token_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/meetbridge/meetbridge/token"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const appID = "vpaas-magic-cookie-0123456789abcdef0123456789abcdef"

func TestJaaS(t *testing.T) {
	for name, pemKey := range map[string][]byte{"pkcs1": pkcs1PEM(testKey()), "pkcs8": pkcs8PEM(t, testKey())} {
		t.Run(name, func(t *testing.T) {
			j, err := token.NewJaaS(token.JaaSConfig{AppID: appID, KeyID: "4f4910", PrivateKeyPEM: pemKey, Now: fixedNow})
			require.NoError(t, err)
			assert.Equal(t, "jaas", j.Provider())
			for _, tc := range []struct {
				r       token.Request
				context string
			}{
				{ada, `{"user":{"id":"u-1","name":"Ada","email":"ada@example.com","avatar":"https://example.com/ada.png","moderator":"true"},
					"features":{"livestreaming":"true","outbound-call":"false","recording":"true","transcription":"true"}}`},
				{bob, `{"user":{"id":"u-2","name":"Bob","moderator":"false"},
					"features":{"livestreaming":"false","outbound-call":"false","recording":"false","transcription":"false"}}`},
			} {
				g, err := j.Issue(t.Context(), tc.r)
				require.NoError(t, err)
				verify(t, g.JWT, want{alg: "RS256", key: &testKey().PublicKey, kid: appID + "/4f4910", iss: "chat", sub: appID,
					room: "dailystandup", ttl: token.DefaultTTL, context: tc.context})
				assert.Equal(t, token.Grant{
					Provider: "jaas", Domain: "8x8.vc", RoomName: appID + "/dailystandup", JWT: g.JWT,
					ScriptURL: "https://8x8.vc/libs/external_api.min.js", ExpiresAt: pinned.Add(token.DefaultTTL),
				}, g)
			}
		})
	}
}

func TestJaaSFeatures(t *testing.T) {
	features := map[string]bool{"recording": true, "lobby": true, "outbound-call": false}
	j, err := token.NewJaaS(token.JaaSConfig{AppID: appID, KeyID: "k", PrivateKeyPEM: pkcs1PEM(testKey()), Features: features, TTL: time.Hour, Now: fixedNow})
	require.NoError(t, err)
	features["transcription"] = true // the issuer keeps its own copy

	contextOf := func(r token.Request) string {
		g, err := j.Issue(t.Context(), r)
		require.NoError(t, err)
		var c struct {
			Context json.RawMessage `json:"context"`
		}
		require.NoError(t, json.Unmarshal(b64(t, strings.Split(g.JWT, ".")[1]), &c))
		return string(c.Context)
	}
	assert.JSONEq(t, `{"user":{"id":"u-1","name":"Ada","email":"ada@example.com","avatar":"https://example.com/ada.png","moderator":"true"},
		"features":{"lobby":"true","outbound-call":"false","recording":"true"}}`, contextOf(ada))
	assert.JSONEq(t, `{"user":{"id":"u-2","name":"Bob","moderator":"false"},
		"features":{"lobby":"false","outbound-call":"false","recording":"false"}}`, contextOf(bob))

	// An empty, non-nil map still sends the features object JaaS requires.
	j, err = token.NewJaaS(token.JaaSConfig{AppID: appID, KeyID: "k", PrivateKeyPEM: pkcs1PEM(testKey()), Features: map[string]bool{}, Now: fixedNow})
	require.NoError(t, err)
	assert.JSONEq(t, `{"user":{"id":"u-1","name":"Ada","email":"ada@example.com","avatar":"https://example.com/ada.png","moderator":"true"},"features":{}}`, contextOf(ada))

	assert.Contains(t, token.JaaSFeatureKeys(), "screen-sharing")
	assert.Len(t, token.JaaSFeatureKeys(), 20)
}

func TestNewJaaSRefusesBadConfig(t *testing.T) {
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	good := pkcs1PEM(testKey())
	garbled := []byte(strings.Replace(string(good), "\n", "\n!", 3))
	for name, tc := range map[string]struct {
		cfg  token.JaaSConfig
		want string
	}{
		"no prefix":       {token.JaaSConfig{AppID: "0123abcd", KeyID: "k", PrivateKeyPEM: good}, "must be vpaas-magic-cookie- followed by lowercase hex"},
		"bare prefix":     {token.JaaSConfig{AppID: "vpaas-magic-cookie-", KeyID: "k", PrivateKeyPEM: good}, "followed by lowercase hex"},
		"uppercase hex":   {token.JaaSConfig{AppID: "vpaas-magic-cookie-ABCDEF", KeyID: "k", PrivateKeyPEM: good}, "followed by lowercase hex"},
		"full kid":        {token.JaaSConfig{AppID: appID, KeyID: appID + "/k", PrivateKeyPEM: good}, "without the app id and '/'"},
		"no kid":          {token.JaaSConfig{AppID: appID, PrivateKeyPEM: good}, "KeyID"},
		"no key":          {token.JaaSConfig{AppID: appID, KeyID: "k"}, "PrivateKeyPEM is required"},
		"garbled key":     {token.JaaSConfig{AppID: appID, KeyID: "k", PrivateKeyPEM: garbled}, "is not a PEM RSA private key"},
		"not PEM":         {token.JaaSConfig{AppID: appID, KeyID: "k", PrivateKeyPEM: []byte("secret-looking-bytes")}, "is not a PEM RSA private key"},
		"EC key":          {token.JaaSConfig{AppID: appID, KeyID: "k", PrivateKeyPEM: pkcs8PEM(t, ec)}, "is not a PEM RSA private key"},
		"small key":       {token.JaaSConfig{AppID: appID, KeyID: "k", PrivateKeyPEM: pkcs1PEM(weak)}, "RSA key has 1024 bits"},
		"unknown feature": {token.JaaSConfig{AppID: appID, KeyID: "k", PrivateKeyPEM: good, Features: map[string]bool{"token_bypass": true}}, `unknown feature "token_bypass"`},
		"long TTL":        {token.JaaSConfig{AppID: appID, KeyID: "k", PrivateKeyPEM: good, TTL: 48 * time.Hour}, "longer than"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := token.NewJaaS(tc.cfg)
			require.ErrorContains(t, err, tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "token: jaas config: "), err.Error())
			for _, line := range strings.Split(string(tc.cfg.PrivateKeyPEM), "\n") {
				if len(line) > 16 {
					assert.NotContains(t, err.Error(), line)
				}
			}
			assert.NotContains(t, err.Error(), "secret-looking-bytes")
		})
	}
}
