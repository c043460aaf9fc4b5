package sandbox

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"

	"github.com/golang-jwt/jwt/v5"
)

// pageClaims is who a conference page's participant is in the shared
// meeting: the id the server gave it and the role its verified jwt gave it.
type pageClaims struct {
	Room  string `json:"room"`
	ID    string `json:"id"`
	Role  string `json:"role"`
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	// Named is true when the name comes from a jwt; a page without one
	// names itself in its hello.
	Named bool `json:"named,omitempty"`
}

// pageSigner issues and checks page tokens: JWTs (HS256) of the claims
// under a key made when the handler starts.
type pageSigner struct{ key []byte }

// pageToken is a page token's JWT claims.
type pageToken struct {
	pageClaims
	jwt.RegisteredClaims
}

// newPageSigner returns a signer with a fresh random key: page tokens last
// as long as the handler.
func newPageSigner() pageSigner {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	return pageSigner{key: key}
}

// mac is the HMAC-SHA256 of payload under the signer's key.
func (s pageSigner) mac(payload string) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte(payload))
	return h.Sum(nil)
}

// sign returns the token of c.
func (s pageSigner) sign(c pageClaims) string {
	t, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, pageToken{pageClaims: c}).SignedString(s.key) // an HMAC key: cannot fail
	return t
}

// verify returns the claims of a token issued for room.
func (s pageSigner) verify(token, room string) (pageClaims, error) {
	var t pageToken
	_, err := jwt.ParseWithClaims(token, &t, func(*jwt.Token) (any, error) { return s.key, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}))
	if err != nil || t.pageClaims.ID == "" {
		return pageClaims{}, errors.New("invalid page token")
	}
	if t.Room != room {
		return pageClaims{}, errors.New("the page token is for another room")
	}
	return t.pageClaims, nil
}

// mainRoomID is the id of a room's main conference, the same for every
// page of the room (a UUID-shaped MAC of the room path).
func (s pageSigner) mainRoomID(room string) string {
	h := s.mac("main-room\x00" + room)
	const hexdigits = "0123456789abcdef"
	b := make([]byte, 0, 36)
	for i, c := range h[:16] {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		if i == 6 {
			c = c&0x0f | 0x40
		}
		if i == 8 {
			c = c&0x3f | 0x80
		}
		b = append(b, hexdigits[c>>4], hexdigits[c&0xf])
	}
	return string(b)
}
