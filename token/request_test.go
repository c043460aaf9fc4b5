package token_test

import (
	"context"
	"strings"
	"testing"

	"github.com/meetbridge/meetbridge/token"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidateRoom(t *testing.T) {
	for _, ok := range []string{"abc", "standup", "team-a_daily", "0day", strings.Repeat("a", 64), "a--", "a__"} {
		assert.NoError(t, token.ValidateRoom(ok), ok)
	}
	for _, bad := range []string{"", "ab", "*", "Standup", "stand up", "-abc", "_abc", "a.b.c", "a/bc", "abc%20", "room?x", strings.Repeat("a", 65), "ünï", "abc\n", "../etc"} {
		err := token.ValidateRoom(bad)
		require.ErrorIs(t, err, token.ErrInvalidRequest, bad)
	}
	assert.EqualError(t, token.ValidateRoom("Standup"), `token: invalid request: room "Standup": only a-z, 0-9, '-' and '_' are allowed, and it must start with a letter or digit`)
	assert.EqualError(t, token.ValidateRoom("ab"), `token: invalid request: room "ab" must be 3 to 64 characters long`)
}

// Every issuer refuses the same bad requests before signing or calling out.
func TestIssueRefusesBadRequests(t *testing.T) {
	jitsi, err := token.NewJitsi(token.JitsiConfig{Domain: "meet.example.com", AppID: "app", Secret: []byte(strings.Repeat("k", 32))})
	require.NoError(t, err)
	good := token.Request{Room: "standup", UserID: "u-1"}
	for name, edit := range map[string]func(*token.Request){
		"wildcard room":   func(r *token.Request) { r.Room = "*" },
		"no user id":      func(r *token.Request) { r.UserID = "" },
		"control char":    func(r *token.Request) { r.DisplayName = "Ada\x00" },
		"bad utf-8":       func(r *token.Request) { r.DisplayName = "\xff" },
		"long name":       func(r *token.Request) { r.DisplayName = strings.Repeat("x", 257) },
		"named email":     func(r *token.Request) { r.Email = "Ada <ada@example.com>" },
		"not an email":    func(r *token.Request) { r.Email = "ada" },
		"http avatar":     func(r *token.Request) { r.Avatar = "http://example.com/a.png" },
		"script avatar":   func(r *token.Request) { r.Avatar = "javascript:alert(1)" },
		"relative avatar": func(r *token.Request) { r.Avatar = "/a.png" },
	} {
		t.Run(name, func(t *testing.T) {
			r := good
			edit(&r)
			_, err := jitsi.Issue(t.Context(), r)
			require.ErrorIs(t, err, token.ErrInvalidRequest)
		})
	}
	_, err = jitsi.Issue(t.Context(), good)
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = jitsi.Issue(ctx, good)
	require.ErrorIs(t, err, context.Canceled)
}
