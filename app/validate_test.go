package app

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValidateRoom(t *testing.T) {
	for _, ok := range []string{"abc", "daily-standup", "team_1", "0zero", strings.Repeat("a", 64)} {
		assert.NoError(t, ValidateRoom(ok), ok)
	}
	for _, bad := range []string{"", "ab", "-abc", "_abc", "Abc", "a.b.c", "a/bc", "ab c", "ümlaut", strings.Repeat("a", 65), "abc\n"} {
		assert.Error(t, ValidateRoom(bad), "%q", bad)
	}
	for _, route := range []string{"console", "api", "healthz", "web", "metrics"} {
		assert.EqualError(t, ValidateRoom(route), `"`+route+`" is one of the server's own pages, not a room: choose another name`)
	}
}

func TestTokenRequestNormalizeAndValidate(t *testing.T) {
	r := TokenRequest{Room: "  Daily-Standup ", DisplayName: " Ada ", Email: " ada@example.com "}.Normalize()
	assert.Equal(t, TokenRequest{Room: "daily-standup", DisplayName: "Ada", Email: "ada@example.com"}, r)
	assert.True(t, r.Validate().OK())

	e := TokenRequest{Room: "x", DisplayName: "", Email: "Ada <ada@example.com>"}.Validate()
	assert.NotEmpty(t, e.Room)
	assert.NotEmpty(t, e.DisplayName)
	assert.NotEmpty(t, e.Email, "only a bare address")
	assert.False(t, e.OK())

	e = TokenRequest{Room: "standup", DisplayName: strings.Repeat("é", MaxDisplayNameLen+1)}.Validate()
	assert.Equal(t, JoinErrors{DisplayName: "use at most 64 characters"}, e)
	e = TokenRequest{Room: "standup", DisplayName: "Ada\x07"}.Validate()
	assert.Equal(t, JoinErrors{DisplayName: "use printable characters only"}, e)
	assert.True(t, TokenRequest{Room: "standup", DisplayName: strings.Repeat("é", MaxDisplayNameLen)}.Validate().OK())
}
