package vonage

import (
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// Claims are the claims of an application JWT.
type Claims struct {
	// ApplicationID is the application_id claim.
	ApplicationID string `json:"application_id"`
	jwt.RegisteredClaims
}

// token signs a fresh application JWT: RS256, a new jti, iat now and exp
// TokenTTL later.
func (c *Client) token() (string, error) {
	now := c.now().Truncate(time.Second)
	claims := Claims{
		ApplicationID: c.appID,
		RegisteredClaims: jwt.RegisteredClaims{
			ID:        uuid.NewString(),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(c.tokenTTL)),
		},
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(c.key)
	if err != nil {
		return "", fmt.Errorf("vonage: signing the application token: %w", err)
	}
	return s, nil
}
