package token

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tokens signed with the sandbox's own key but with something wrong in them
// must still be refused.
func TestSandboxVerifyRefusesWrongClaims(t *testing.T) {
	s, err := NewSandbox("localhost", "", 0)
	require.NoError(t, err)
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }

	good := func() jwt.MapClaims {
		return jwt.MapClaims{
			"iss": SandboxIssuer, "aud": "jitsi", "sub": "localhost", "room": "standup", "jti": "x",
			"exp": now.Add(time.Minute).Unix(), "nbf": now.Add(-10 * time.Second).Unix(), "iat": now.Unix(),
			"context": map[string]any{"user": map[string]any{"id": "u", "moderator": "true", "affiliation": "owner"}},
		}
	}
	sign := func(c jwt.MapClaims, edit func(*jwt.Token)) string {
		t.Helper()
		tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
		tok.Header["kid"] = s.kid
		if edit != nil {
			edit(tok)
		}
		out, err := tok.SignedString(s.key)
		require.NoError(t, err)
		return out
	}

	c, err := s.Verify(sign(good(), nil))
	require.NoError(t, err, "the baseline passes")
	assert.True(t, c.Context.User.IsModerator())

	for name, tc := range map[string]struct {
		edit   func(jwt.MapClaims)
		header func(*jwt.Token)
	}{
		"aud array":     {edit: func(c jwt.MapClaims) { c["aud"] = []string{"jitsi"} }},
		"other aud":     {edit: func(c jwt.MapClaims) { c["aud"] = "other" }},
		"other iss":     {edit: func(c jwt.MapClaims) { c["iss"] = "chat" }},
		"other sub":     {edit: func(c jwt.MapClaims) { c["sub"] = "*" }},
		"wildcard room": {edit: func(c jwt.MapClaims) { c["room"] = "*" }},
		"no exp":        {edit: func(c jwt.MapClaims) { delete(c, "exp") }},
		"no nbf":        {edit: func(c jwt.MapClaims) { delete(c, "nbf") }},
		"no iat":        {edit: func(c jwt.MapClaims) { delete(c, "iat") }},
		"future iat":    {edit: func(c jwt.MapClaims) { c["iat"] = now.Add(time.Minute).Unix() }},
		"boolean moderator": {edit: func(c jwt.MapClaims) {
			c["context"] = map[string]any{"user": map[string]any{"moderator": true, "affiliation": "owner"}}
		}},
		"moderator member": {edit: func(c jwt.MapClaims) {
			c["context"] = map[string]any{"user": map[string]any{"moderator": "true", "affiliation": "member"}}
		}},
		"owner not moderator": {edit: func(c jwt.MapClaims) {
			c["context"] = map[string]any{"user": map[string]any{"moderator": "false", "affiliation": "owner"}}
		}},
		"no kid":     {header: func(t *jwt.Token) { delete(t.Header, "kid") }},
		"other kid":  {header: func(t *jwt.Token) { t.Header["kid"] = "meetbridge-sandbox-0000000000000000" }},
		"typ at+jwt": {header: func(t *jwt.Token) { t.Header["typ"] = "at+jwt" }},
		"no typ":     {header: func(t *jwt.Token) { delete(t.Header, "typ") }},
	} {
		t.Run(name, func(t *testing.T) {
			claims := good()
			if tc.edit != nil {
				tc.edit(claims)
			}
			_, err := s.Verify(sign(claims, tc.header))
			require.ErrorIs(t, err, ErrInvalidToken)
		})
	}
}
