package sandbox

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPageTokensAreCheckedJWTs(t *testing.T) {
	s := newPageSigner()
	guest := pageClaims{Room: "standup", ID: "b0b", Role: "participant", Name: "Bob", Named: true}
	token := s.sign(guest)
	got, err := s.verify(token, "standup")
	require.NoError(t, err)
	assert.Equal(t, guest, got)

	_, err = s.verify(token, "other")
	assert.EqualError(t, err, "the page token is for another room")

	// The guest makes himself a moderator: same signature, new claims.
	parts := strings.Split(token, ".")
	require.Len(t, parts, 3)
	claims, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	parts[1] = base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(claims), `"participant"`, `"moderator"`, 1)))
	_, err = s.verify(strings.Join(parts, "."), "standup")
	assert.Error(t, err, "a changed claim breaks the signature")

	unsigned, err := jwt.NewWithClaims(jwt.SigningMethodNone, pageToken{pageClaims: guest}).SignedString(jwt.UnsafeAllowNoneSignatureType)
	require.NoError(t, err)
	_, err = s.verify(unsigned, "standup")
	assert.Error(t, err, "alg none is refused")

	_, err = s.verify(newPageSigner().sign(guest), "standup")
	assert.Error(t, err, "another handler's key")
	_, err = s.verify(s.sign(pageClaims{Room: "standup"}), "standup")
	assert.Error(t, err, "a token without a participant id")
}
