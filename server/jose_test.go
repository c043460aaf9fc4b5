package server

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/token"
)

// joseVerify verifies a token with the npm jose package under node, an
// implementation independent of golang-jwt, and returns its header and
// claims. make test installs jose (npm ci in testdata/jose).
func joseVerify(t *testing.T, tok, alg, key, issuer string) (header, claims map[string]any) {
	t.Helper()
	if _, err := os.Stat("testdata/jose/node_modules/jose"); err != nil {
		t.Fatalf("jose is not installed: run make test (npm ci --prefix server/testdata/jose): %v", err)
	}
	in, err := json.Marshal(map[string]string{"token": tok, "alg": alg, "key": key, "issuer": issuer, "audience": "jitsi"})
	require.NoError(t, err)
	cmd := exec.Command("node", "verify.mjs")
	cmd.Dir = "testdata/jose"
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "jose refused the token: %s", stderr.String())
	var res struct {
		Header  map[string]any `json:"header"`
		Payload map[string]any `json:"payload"`
	}
	require.NoError(t, json.Unmarshal(out, &res))
	return res.Header, res.Payload
}

// publicPEM encodes a public key as PEM (SPKI).
func publicPEM(t *testing.T, key *rsa.PublicKey) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// issue asks ts for a token for room standup.
func issue(t *testing.T, c *http.Client, ts *testServer) grant {
	t.Helper()
	var g grant
	res := post(t, c, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Ada", "email": "ada@example.com"}, &g)
	require.Equal(t, http.StatusOK, res.StatusCode)
	return g
}

func TestTokensVerifyWithJose(t *testing.T) {
	t.Run("sandbox RS256", func(t *testing.T) {
		ts := start(t, Config{})
		key := ts.srv.api.issuer.(*token.Sandbox).PublicKey()
		h, c := joseVerify(t, issue(t, http.DefaultClient, ts).JWT, "RS256", publicPEM(t, key), token.SandboxIssuer)
		assert.Equal(t, "JWT", h["typ"])
		assert.Equal(t, "standup", c["room"])
	})
	t.Run("jitsi HS256", func(t *testing.T) {
		secret := testSecret
		ts := start(t, Config{Provider: ProviderJitsi, Jitsi: JitsiSettings{Domain: "meet.example.com", AppID: "meetbridge", Secret: []byte(secret)}})
		h, c := joseVerify(t, issue(t, http.DefaultClient, ts).JWT, "HS256", secret, "meetbridge")
		assert.Equal(t, map[string]any{"alg": "HS256", "typ": "JWT"}, h)
		assert.Equal(t, "meet.example.com", c["sub"])
		user := c["context"].(map[string]any)["user"].(map[string]any)
		assert.Regexp(t, `^guest-[0-9a-f]{16}$`, user["id"], "a guest id that reveals nothing")
		delete(user, "id")
		assert.Equal(t, map[string]any{"name": "Ada", "email": "ada@example.com", "moderator": "false", "affiliation": "member"}, user)
	})
	t.Run("jaas RS256", func(t *testing.T) {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		require.NoError(t, err)
		pemKey := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
		const app = "vpaas-magic-cookie-0123456789abcdef0123456789abcdef"
		ts := start(t, Config{Provider: ProviderJaaS, JaaS: JaaSSettings{AppID: app, KeyID: "k1", PrivateKeyPEM: pemKey}})
		c := ts.browser(t)
		ts.login(t, c)
		h, claims := joseVerify(t, issue(t, c, ts).JWT, "RS256", publicPEM(t, &key.PublicKey), "chat")
		assert.Equal(t, map[string]any{"alg": "RS256", "typ": "JWT", "kid": app + "/k1"}, h)
		assert.Equal(t, app, claims["sub"])
		assert.Equal(t, "true", claims["context"].(map[string]any)["user"].(map[string]any)["moderator"])
	})
}
