package server

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/meethour/meethourtest"
	"github.com/meetbridge/meetbridge/token"
)

// payload decodes a JWT's claims without verifying, to check raw JSON
// shapes (aud must be a string, not an array).
func payload(t *testing.T, jwtString string) map[string]any {
	t.Helper()
	parts := strings.Split(jwtString, ".")
	require.Len(t, parts, 3)
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

// verify parses a token strictly: pinned algorithm, issuer and audience,
// and a valid exp.
func verify(t *testing.T, jwtString, alg, issuer string, key any) jwt.MapClaims {
	t.Helper()
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(jwtString, claims, func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithValidMethods([]string{alg}), jwt.WithIssuer(issuer), jwt.WithAudience("jitsi"),
		jwt.WithExpirationRequired(), jwt.WithIssuedAt())
	require.NoError(t, err)
	assert.Equal(t, "JWT", tok.Header["typ"])
	return claims
}

// user returns context.user of claims.
func user(t *testing.T, claims jwt.MapClaims) map[string]any {
	t.Helper()
	ctx, ok := claims["context"].(map[string]any)
	require.True(t, ok, "no context")
	u, ok := ctx["user"].(map[string]any)
	require.True(t, ok, "no context.user")
	return u
}

func TestSandboxTokens(t *testing.T) {
	ts := start(t, Config{})
	key := ts.srv.api.issuer.(*token.Sandbox).PublicKey()

	// A guest gets a member token for exactly the room asked for.
	var g grant
	res := post(t, http.DefaultClient, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Bob"}, &g)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
	assert.Equal(t, "sandbox", g.Provider)
	assert.Equal(t, ts.Listener.Addr().String(), g.Domain)
	assert.Equal(t, "standup", g.RoomName)
	assert.Equal(t, "http://"+g.Domain+"/external_api.js", g.ScriptURL)
	assert.False(t, g.Moderator)
	claims := verify(t, g.JWT, "RS256", token.SandboxIssuer, key)
	assert.Equal(t, "standup", claims["room"])
	assert.Equal(t, "false", user(t, claims)["moderator"])
	assert.Equal(t, "Bob", user(t, claims)["name"])
	assert.Equal(t, "jitsi", payload(t, g.JWT)["aud"], "aud is a plain string")
	exp, nbf, iat := claims["exp"].(float64), claims["nbf"].(float64), claims["iat"].(float64)
	assert.InDelta(t, 10*60, exp-iat, 1, "a short lifetime")
	assert.InDelta(t, -10, nbf-iat, 1, "nbf back-dated by 10 s")
	assert.NotEmpty(t, claims["jti"])

	// The signed-in moderator gets a moderator token.
	c := ts.browser(t)
	ts.login(t, c)
	var s sessionResponse
	res, err := c.Get(ts.URL + "/api/session")
	require.NoError(t, err)
	require.NoError(t, json.NewDecoder(res.Body).Decode(&s))
	res.Body.Close()
	assert.Equal(t, sessionResponse{SignedIn: true, User: testModerator, Moderator: true}, s)
	res = post(t, c, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Ada"}, &g)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.True(t, g.Moderator)
	claims = verify(t, g.JWT, "RS256", token.SandboxIssuer, key)
	assert.Equal(t, "true", user(t, claims)["moderator"])
	assert.Equal(t, "owner", user(t, claims)["affiliation"])

	// A moderator may still ask for a member token, and ask for a
	// moderator token explicitly.
	post(t, c, ts.URL+"/api/token", map[string]string{"room": "standup", "role": "member"}, &g)
	assert.False(t, g.Moderator)
	post(t, c, ts.URL+"/api/token", map[string]string{"room": "standup", "role": "moderator"}, &g)
	assert.True(t, g.Moderator)

	// Signing out makes the next token a member token again.
	res = post(t, c, ts.URL+"/api/logout", map[string]string{}, nil)
	assert.Equal(t, http.StatusNoContent, res.StatusCode)
	post(t, c, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Ada"}, &g)
	assert.False(t, g.Moderator)
}

func TestSandboxConferenceTrustsOnlyItsOwnTokens(t *testing.T) {
	ts := start(t, Config{})
	var g grant
	post(t, http.DefaultClient, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Bob"}, &g)
	page := func(room, jwt string) string {
		res, err := http.Get(ts.URL + "/" + room + "?jwt=" + jwt)
		require.NoError(t, err)
		defer res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return string(b)
	}
	assert.NotContains(t, page("standup", g.JWT), "authError", "its own token for its room is accepted")
	assert.Contains(t, page("other-room", g.JWT), `the token is for room \"standup\"`, "a member token opens exactly one room")
	assert.Contains(t, page("standup", g.JWT+"x"), "authError", "a forged token is refused")
	assert.NotContains(t, ts.logs.String(), g.JWT, "the query is not logged")
}

func TestATokenlessSandboxPageIsNoModerator(t *testing.T) {
	ts := start(t, Config{})
	role := func(query string) string {
		res, err := http.Get(ts.URL + "/standup" + query)
		require.NoError(t, err)
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		m := regexp.MustCompile(`<script type="application/json" id="sandbox-data">(.*?)</script>`).FindSubmatch(b)
		require.NotNil(t, m, "no page data in %s", b)
		var data struct {
			Role string `json:"role"`
		}
		require.NoError(t, json.Unmarshal(m[1], &data))
		return data.Role
	}
	assert.Equal(t, "participant", role(""), "whoever knows the room name cannot kick, mute or end the meeting")
	c := ts.browser(t)
	ts.login(t, c)
	var g grant
	post(t, c, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Ada", "role": "moderator"}, &g)
	assert.Equal(t, "moderator", role("?jwt="+g.JWT), "the signed-in moderator's token makes a moderator")
}

func TestJitsiTokens(t *testing.T) {
	secret := []byte(testSecret)
	ts := start(t, Config{Provider: ProviderJitsi, Jitsi: JitsiSettings{Domain: "meet.example.com", AppID: "meetbridge", Secret: secret}})
	var g grant
	res := post(t, http.DefaultClient, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Bob"}, &g)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "https://meet.example.com/external_api.js", g.ScriptURL)
	claims := verify(t, g.JWT, "HS256", "meetbridge", secret)
	assert.Equal(t, "meet.example.com", claims["sub"])
	assert.Equal(t, "standup", claims["room"])
	assert.Equal(t, "member", user(t, claims)["affiliation"])

	// RS256 with a kid.
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	ts = start(t, Config{Provider: ProviderJitsi, Jitsi: JitsiSettings{Domain: "meet.example.com", AppID: "meetbridge", PrivateKeyPEM: pemKey, KID: "meetbridge/key-1"}})
	res = post(t, http.DefaultClient, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Bob"}, &g)
	require.Equal(t, http.StatusOK, res.StatusCode)
	tok, _, err := jwt.NewParser().ParseUnverified(g.JWT, jwt.MapClaims{})
	require.NoError(t, err)
	assert.Equal(t, "meetbridge/key-1", tok.Header["kid"])
	verify(t, g.JWT, "RS256", "meetbridge", &key.PublicKey)
	for _, secret := range []string{g.JWT, string(pemKey)} {
		assert.NotContains(t, ts.logs.String(), secret)
	}
}

func TestJaaSTokens(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	der, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	const app = "vpaas-magic-cookie-0123456789abcdef0123456789abcdef"
	ts := start(t, Config{Provider: ProviderJaaS, JaaS: JaaSSettings{AppID: app, KeyID: "4f4910", PrivateKeyPEM: pemKey}})
	c := ts.browser(t)
	ts.login(t, c)
	var g grant
	res := post(t, c, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Ada", "email": "ada@example.com"}, &g)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "8x8.vc", g.Domain)
	assert.Equal(t, app+"/standup", g.RoomName)
	tok, _, err := jwt.NewParser().ParseUnverified(g.JWT, jwt.MapClaims{})
	require.NoError(t, err)
	assert.Equal(t, app+"/4f4910", tok.Header["kid"])
	claims := verify(t, g.JWT, "RS256", "chat", &key.PublicKey)
	assert.Equal(t, app, claims["sub"])
	assert.Equal(t, "standup", claims["room"])
	assert.Equal(t, "true", user(t, claims)["moderator"])
	features := claims["context"].(map[string]any)["features"].(map[string]any)
	assert.Equal(t, "true", features["recording"])
}

func TestMeetHourTokensAndUpstreamFailures(t *testing.T) {
	fake := meethourtest.NewServer(meethourtest.Config{})
	t.Cleanup(fake.Close)
	ts := start(t, Config{Provider: ProviderMeetHour, UpstreamTimeout: 300 * time.Millisecond, MeetHour: MeetHourSettings{
		BaseURL: fake.URL, ClientID: meethourtest.ClientID, ClientSecret: meethourtest.ClientSecret,
		Username: meethourtest.Username, Password: meethourtest.Password, APIKey: meethourtest.APIKey,
	}})
	c := ts.browser(t)
	ts.login(t, c)
	ask := func(room string) (*http.Response, grant, errorBody) {
		var raw json.RawMessage
		res := post(t, c, ts.URL+"/api/token", map[string]string{"room": room, "displayName": "Ada"}, &raw)
		var g grant
		var e errorBody
		_ = json.Unmarshal(raw, &g)
		_ = json.Unmarshal(raw, &e)
		return res, g, e
	}

	res, g, _ := ask("standup")
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "meethour.io", g.Domain)
	assert.Equal(t, meethourtest.APIKey, g.APIKey)
	assert.NotEmpty(t, g.PCode)
	assert.Equal(t, "https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey="+meethourtest.APIKey, g.ScriptURL)
	issued := fake.JWTs()
	require.NotEmpty(t, issued)

	for _, f := range []meethourtest.Failure{meethourtest.InternalError, meethourtest.Hang, meethourtest.MalformedJSON} {
		fake.Fail(f)
		fake.ExpireAccessTokens()
		res, _, e := ask("new-" + f.String()) // a new room: a call upstream
		assert.Equal(t, http.StatusBadGateway, res.StatusCode, "failure %v", f)
		assert.Contains(t, e.Error.Message, "provider", "failure %v", f)
	}
	metrics := scrape(t, ts.srv.MetricsHandler())
	assert.Contains(t, metrics, `meetbridge_upstream_errors_total{kind="unavailable",provider="meethour"}`)
	assert.Contains(t, metrics, `meetbridge_upstream_errors_total{kind="malformed",provider="meethour"}`)
	// The endpoint recovers when the upstream does.
	fake.Fail(meethourtest.None)
	res, g, _ = ask("new-hang")
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.NotEmpty(t, g.JWT)

	// A member without an email cannot join as their own contact: a
	// clear refusal.
	var e errorBody
	res = post(t, http.DefaultClient, ts.URL+"/api/token", map[string]string{"room": "standup", "displayName": "Bob"}, &e)
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	assert.Equal(t, "email_required", e.Error.Code)

	// Nothing secret reaches the logs.
	logs := ts.logs.String()
	for _, secret := range append(fake.Secrets(), meethourtest.ClientSecret, meethourtest.Password, testPassword, g.JWT) {
		assert.NotContains(t, logs, secret)
	}
}
