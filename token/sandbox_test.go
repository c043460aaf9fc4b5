package token_test

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/meetbridge/meetbridge/token"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSandboxIssueAndVerify(t *testing.T) {
	s, err := token.NewSandbox("localhost:8080", "/sandbox/external_api.js", 2*time.Minute)
	require.NoError(t, err)
	s.Now = fixedNow
	assert.Equal(t, "sandbox", s.Provider())
	assert.Regexp(t, `^meetbridge-sandbox-[0-9a-f]{16}$`, s.KeyID())

	for _, tc := range []struct {
		r         token.Request
		context   string
		moderator bool
	}{{ada, adaJitsiContext, true}, {bob, bobJitsiContext, false}} {
		g, err := s.Issue(t.Context(), tc.r)
		require.NoError(t, err)
		assert.Equal(t, token.Grant{
			Provider: "sandbox", Domain: "localhost:8080", RoomName: "dailystandup", JWT: g.JWT,
			ScriptURL: "/sandbox/external_api.js", ExpiresAt: pinned.Add(2 * time.Minute),
		}, g)
		verify(t, g.JWT, want{alg: "RS256", key: s.PublicKey(), kid: s.KeyID(), iss: "meetbridge-sandbox", sub: "localhost",
			room: "dailystandup", ttl: 2 * time.Minute, context: tc.context})

		c, err := s.Verify(g.JWT)
		require.NoError(t, err)
		assert.Equal(t, tc.moderator, c.Context.User.IsModerator())
		assert.Equal(t, "dailystandup", c.Room)
		assert.Equal(t, tc.r.UserID, c.Context.User.ID)
		assert.Equal(t, "jitsi", c.Audience)
	}
}

func TestSandboxVerifyRefuses(t *testing.T) {
	s, err := token.NewSandbox("localhost", "", 0)
	require.NoError(t, err)
	s.Now = fixedNow
	g, err := s.Issue(t.Context(), ada)
	require.NoError(t, err)
	assert.Equal(t, "https://localhost/external_api.js", g.ScriptURL)
	assert.Equal(t, pinned.Add(token.DefaultTTL), g.ExpiresAt)

	other, err := token.NewSandbox("localhost", "", 0)
	require.NoError(t, err)
	other.Now = fixedNow
	foreign, err := other.Issue(t.Context(), ada)
	require.NoError(t, err)

	hs, err := token.NewJitsi(token.JitsiConfig{Domain: "localhost", AppID: token.SandboxIssuer, Secret: hsSecret(), Now: fixedNow})
	require.NoError(t, err)
	hsToken, err := hs.Issue(t.Context(), ada)
	require.NoError(t, err)

	for name, tc := range map[string]struct {
		tok string
		at  time.Time
	}{
		"expired":         {g.JWT, pinned.Add(token.DefaultTTL)},
		"not yet valid":   {g.JWT, pinned.Add(-11 * time.Second)},
		"other sandbox":   {foreign.JWT, pinned},
		"HS256":           {hsToken.JWT, pinned},
		"tampered":        {g.JWT[:len(g.JWT)-4] + "AAAA", pinned},
		"not a token":     {"hello", pinned},
		"unsigned (none)": {unsigned(t), pinned},
		"empty":           {"", pinned},
	} {
		t.Run(name, func(t *testing.T) {
			s.Now = func() time.Time { return tc.at }
			_, err := s.Verify(tc.tok)
			require.ErrorIs(t, err, token.ErrInvalidToken)
			if tc.tok != "" {
				assert.NotContains(t, err.Error(), tc.tok)
			}
		})
	}
}

// unsigned returns an alg "none" token with the sandbox's claims.
func unsigned(t *testing.T) string {
	claims := jwt.MapClaims{"iss": token.SandboxIssuer, "aud": "jitsi", "sub": "localhost", "room": "dailystandup",
		"exp": pinned.Add(time.Minute).Unix(), "nbf": pinned.Unix(), "iat": pinned.Unix(),
		"context": map[string]any{"user": map[string]any{"moderator": "true", "affiliation": "owner"}}}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	require.NoError(t, err)
	return tok
}

func TestNewSandboxRefuses(t *testing.T) {
	for name, tc := range map[string]struct {
		domain, script string
		ttl            time.Duration
	}{
		"no domain":   {"", "", 0},
		"scheme":      {"http://localhost", "", 0},
		"bad script":  {"localhost", "ftp://x/y.js", 0},
		"long TTL":    {"localhost", "", 25 * time.Hour},
		"neg TTL":     {"localhost", "", -1},
		"query":       {"localhost?x", "", 0},
		"credentials": {"user@localhost", "", 0},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := token.NewSandbox(tc.domain, tc.script, tc.ttl)
			require.ErrorContains(t, err, "token: sandbox: ")
		})
	}
}
