package meethour

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

const (
	opLogin   = "login"
	opRefresh = "refresh"
	// tokenPath serves both OAuth grants; it has no version prefix.
	tokenPath = "/oauth/token"
	// refreshMargin is how long before expiry a token is renewed, at most
	// a tenth of its lifetime.
	refreshMargin = time.Minute
	// refreshKeep is how long a token stays cached after its access token
	// expires, for its refresh token: Laravel Passport's default refresh
	// lifetime is 30 days [inferred]; a refused refresh falls back to the
	// password anyway.
	refreshKeep = 30 * 24 * time.Hour
	// unknownExpiryTTL is how long a token without expires_in is cached.
	unknownExpiryTTL = 24 * time.Hour
	// maxTokenLifetime caps expires_in: a larger one would overflow a
	// time.Duration into an expiry in the past.
	maxTokenLifetime = 10 * 365 * 24 * time.Hour
)

// accessToken is a cached OAuth token, stored as JSON in the cache.
type accessToken struct {
	Access  string    `json:"access"`
	Refresh string    `json:"refresh,omitempty"`
	Issued  time.Time `json:"issued"`
	Expiry  time.Time `json:"expiry,omitzero"` // zero: unknown, kept until refused
}

// fresh reports whether t can still be used at now.
func (t *accessToken) fresh(now time.Time) bool {
	if t == nil || t.Access == "" {
		return false
	}
	if t.Expiry.IsZero() {
		return true
	}
	margin := min(refreshMargin, t.Expiry.Sub(t.Issued)/10)
	return now.Before(t.Expiry.Add(-margin))
}

// passwordGrant is the login request body.
type passwordGrant struct {
	GrantType    string `json:"grant_type"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	Username     string `json:"username"`
	Password     string `json:"password"`
}

// refreshGrant is the refresh request body.
type refreshGrant struct {
	GrantType    string `json:"grant_type"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	RefreshToken string `json:"refresh_token"`
}

// tokenResponse is the answer to both grants.
type tokenResponse struct {
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
}

// tokenCacheKey names the account's token in the shared cache: one per API
// origin, OAuth client and user, hashed so that no name leaks into it.
func tokenCacheKey(base string, cfg Config) string {
	sum := sha256.Sum256([]byte(base + "\x00" + cfg.ClientID + "\x00" + cfg.Username))
	return "meethour/token/" + hex.EncodeToString(sum[:12])
}

// Login logs in with the password grant now, replacing any cached token, so
// that a server can check its credentials at start. Other calls log in by
// themselves when needed. If a login is already under way, Login waits for
// it instead.
func (c *Client) Login(ctx context.Context) error {
	_, err := c.token(ctx, true)
	return err
}

// token returns a usable access token: the cached one while fresh,
// otherwise the result of one refresh or login shared by all callers
// (singleflight). The shared login does not end with the context of the
// caller that started it, so one caller giving up fails nobody else; each
// caller stops waiting when its own context ends. With force it does not
// reuse the cached token.
func (c *Client) token(ctx context.Context, force bool) (string, error) {
	if !force {
		if t := c.cachedToken(ctx); t.fresh(c.now()) {
			return t.Access, nil
		}
	}
	ch := c.flights.DoChan(c.tokenKey, func() (any, error) {
		fctx := context.WithoutCancel(ctx)
		prev := c.cachedToken(fctx)
		if !force && prev.fresh(c.now()) {
			return prev, nil // another caller or instance renewed it meanwhile
		}
		tok, err := c.obtain(fctx, prev, force)
		if err != nil {
			return nil, err
		}
		c.storeToken(fctx, tok)
		return tok, nil
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return "", r.Err
		}
		return r.Val.(*accessToken).Access, nil
	case <-ctx.Done():
		return "", transportError(opLogin, ctx.Err())
	}
}

// cachedToken reads the token from the shared cache, or the last one this
// client saw when the cache has none or fails.
func (c *Client) cachedToken(ctx context.Context) *accessToken {
	if raw, ok, err := c.cache.Get(ctx, c.tokenKey); err == nil && ok {
		var t accessToken
		if json.Unmarshal(raw, &t) == nil && t.Access != "" {
			c.remember(&t)
			return &t
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// storeToken keeps tok in the shared cache and as the last token seen.
func (c *Client) storeToken(ctx context.Context, tok *accessToken) {
	c.remember(tok)
	ttl := unknownExpiryTTL
	if !tok.Expiry.IsZero() {
		ttl = tok.Expiry.Sub(c.now())
		if tok.Refresh != "" {
			ttl += refreshKeep
		}
	}
	if ttl <= 0 {
		return
	}
	if raw, err := json.Marshal(tok); err == nil {
		_ = c.cache.Set(ctx, c.tokenKey, raw, ttl) // a failing cache leaves the local copy
	}
}

// remember keeps tok as the last token seen, for scrubbing and as a
// fallback when the cache fails.
func (c *Client) remember(tok *accessToken) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.last = tok
}

// obtain renews prev with its refresh token when it has one, and logs in
// with the password when there is none or Meet Hour refuses it.
func (c *Client) obtain(ctx context.Context, prev *accessToken, force bool) (*accessToken, error) {
	if !force && prev != nil && prev.Refresh != "" {
		tok, err := c.grant(ctx, opRefresh, prev.Access, refreshGrant{
			GrantType:    "refresh_token",
			ClientID:     c.cfg.ClientID,
			ClientSecret: c.cfg.ClientSecret,
			RefreshToken: prev.Refresh,
		})
		if err == nil {
			if tok.Refresh == "" {
				tok.Refresh = prev.Refresh
			}
			return tok, nil
		}
		if !errors.Is(err, ErrAuth) {
			return nil, err
		}
	}
	return c.grant(ctx, opLogin, "", passwordGrant{
		GrantType:    "password",
		ClientID:     c.cfg.ClientID,
		ClientSecret: c.cfg.ClientSecret,
		Username:     c.cfg.Username,
		Password:     c.cfg.Password,
	})
}

// grant posts an OAuth grant and checks the token it returns.
func (c *Client) grant(ctx context.Context, op, bearer string, body any) (*accessToken, error) {
	issued := c.now()
	var r tokenResponse
	if err := c.post(ctx, op, tokenPath, bearer, body, &r); err != nil {
		return nil, err
	}
	switch {
	case r.AccessToken == "":
		return nil, fmt.Errorf("meethour: %s: %w: no access_token", op, ErrMalformedResponse)
	case r.TokenType != "" && !strings.EqualFold(r.TokenType, "Bearer"):
		return nil, fmt.Errorf("meethour: %s: %w: token_type %q is not Bearer", op, ErrMalformedResponse, c.scrub(r.TokenType))
	case r.ExpiresIn < 0:
		return nil, fmt.Errorf("meethour: %s: %w: negative expires_in", op, ErrMalformedResponse)
	}
	t := &accessToken{Access: r.AccessToken, Refresh: r.RefreshToken, Issued: issued}
	if r.ExpiresIn > 0 {
		life := maxTokenLifetime
		if r.ExpiresIn < int64(maxTokenLifetime/time.Second) {
			life = time.Duration(r.ExpiresIn) * time.Second
		}
		t.Expiry = issued.Add(life)
	}
	return t, nil
}

// invalidate drops the cached token if it is still tok, so that the next
// call logs in with the password: a refused token may mean a revoked grant,
// whose refresh token would be refused too.
func (c *Client) invalidate(ctx context.Context, tok string) {
	if raw, ok, err := c.cache.Get(ctx, c.tokenKey); err == nil && ok {
		var t accessToken
		if json.Unmarshal(raw, &t) != nil || t.Access == tok {
			_ = c.cache.Delete(ctx, c.tokenKey)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.last != nil && c.last.Access == tok {
		c.last = nil
	}
}
