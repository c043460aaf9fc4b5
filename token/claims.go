package token

import "github.com/golang-jwt/jwt/v5"

// RegisteredClaims are the registered claims of a join token. They mirror
// jwt.RegisteredClaims except that Audience is one plain string: Prosody and
// the Jitsi web client compare aud as a string, while jwt.RegisteredClaims
// encodes a single audience as an array unless the process-wide
// jwt.MarshalSingleStringAsArray is turned off (this package never touches
// it). Decoding refuses an array aud.
type RegisteredClaims struct {
	// Issuer, Subject and Audience are iss, sub and aud.
	Issuer   string `json:"iss"`
	Subject  string `json:"sub"`
	Audience string `json:"aud"`
	// ExpiresAt, NotBefore and IssuedAt are exp, nbf and iat.
	ExpiresAt *jwt.NumericDate `json:"exp,omitempty"`
	NotBefore *jwt.NumericDate `json:"nbf,omitempty"`
	IssuedAt  *jwt.NumericDate `json:"iat,omitempty"`
	// ID is jti, random per token.
	ID string `json:"jti,omitempty"`
}

// GetExpirationTime implements jwt.Claims.
func (c RegisteredClaims) GetExpirationTime() (*jwt.NumericDate, error) { return c.ExpiresAt, nil }

// GetNotBefore implements jwt.Claims.
func (c RegisteredClaims) GetNotBefore() (*jwt.NumericDate, error) { return c.NotBefore, nil }

// GetIssuedAt implements jwt.Claims.
func (c RegisteredClaims) GetIssuedAt() (*jwt.NumericDate, error) { return c.IssuedAt, nil }

// GetIssuer implements jwt.Claims.
func (c RegisteredClaims) GetIssuer() (string, error) { return c.Issuer, nil }

// GetSubject implements jwt.Claims.
func (c RegisteredClaims) GetSubject() (string, error) { return c.Subject, nil }

// GetAudience implements jwt.Claims with the one audience.
func (c RegisteredClaims) GetAudience() (jwt.ClaimStrings, error) {
	if c.Audience == "" {
		return nil, nil
	}
	return jwt.ClaimStrings{c.Audience}, nil
}

// User is context.user. Every field is a string, as Prosody requires; empty
// optional fields are left out rather than sent as null.
type User struct {
	// ID, Name, Email and Avatar come from the Request.
	ID     string `json:"id,omitempty"`
	Name   string `json:"name,omitempty"`
	Email  string `json:"email,omitempty"`
	Avatar string `json:"avatar,omitempty"`
	// Moderator is "true" or "false".
	Moderator string `json:"moderator"`
	// Affiliation is "owner" or "member" in self-hosted tokens, and absent
	// in JaaS tokens.
	Affiliation string `json:"affiliation,omitempty"`
}

// IsModerator reports whether u.Moderator is "true".
func (u User) IsModerator() bool { return u.Moderator == "true" }

// Affiliations of self-hosted tokens, read by mod_token_affiliation.
const (
	AffiliationOwner  = "owner"
	AffiliationMember = "member"
)

// Claims are the claims of a self-hosted Jitsi token (Prosody token
// authentication), also issued and verified by Sandbox.
type Claims struct {
	RegisteredClaims
	// Room is the one room the token admits to.
	Room string `json:"room"`
	// Context carries the user.
	Context JitsiContext `json:"context"`
}

// JitsiContext is the context claim of a self-hosted token.
type JitsiContext struct {
	// User is context.user, with affiliation.
	User User `json:"user"`
}

// JaaSClaims are the claims of an 8x8 JaaS token.
type JaaSClaims struct {
	RegisteredClaims
	// Room is the bare room name, without the app id.
	Room string `json:"room"`
	// Context carries the user and the features.
	Context JaaSContext `json:"context"`
}

// JaaSContext is the context claim of a JaaS token. Features is required by
// JaaS even when empty; its values are "true" or "false".
type JaaSContext struct {
	// User is context.user, without affiliation.
	User User `json:"user"`
	// Features maps JaaSFeatureKeys to "true" or "false".
	Features map[string]string `json:"features"`
}

// userOf builds context.user for r; affiliation is set for self-hosted
// tokens only.
func userOf(r Request, withAffiliation bool) User {
	u := User{ID: r.UserID, Name: r.DisplayName, Email: r.Email, Avatar: r.Avatar, Moderator: "false"}
	if r.Moderator {
		u.Moderator = "true"
	}
	if withAffiliation {
		u.Affiliation = AffiliationMember
		if r.Moderator {
			u.Affiliation = AffiliationOwner
		}
	}
	return u
}
