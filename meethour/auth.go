package meethour

import (
	"context"
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
)

// accessToken is a cached OAuth token.
type accessToken struct {
	access, refresh string
	issued, expiry  time.Time // expiry zero: unknown, kept until refused
}

// fresh reports whether t can still be used at now.
func (t *accessToken) fresh(now time.Time) bool {
	if t == nil {
		return false
	}
	if t.expiry.IsZero() {
		return true
	}
	margin := min(refreshMargin, t.expiry.Sub(t.issued)/10)
	return now.Before(t.expiry.Add(-margin))
}

// flight is a login or refresh under way; waiters read tok and err once
// done is closed.
type flight struct {
	done          chan struct{}
	tok           *accessToken
	err           error
	leaderStopped bool // the leader's own context ended
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

// Login logs in with the password grant now, replacing any cached token, so
// that a server can check its credentials at start. Other calls log in by
// themselves when needed. If a login is already under way, Login waits for
// it instead.
func (c *Client) Login(ctx context.Context) error {
	_, err := c.token(ctx, true)
	return err
}

// token returns a usable access token: the cached one while fresh,
// otherwise the result of one refresh or login shared by all callers. With
// force it does not reuse the cached token.
func (c *Client) token(ctx context.Context, force bool) (string, error) {
	for {
		c.mu.Lock()
		if !force && c.tok.fresh(c.now()) {
			t := c.tok.access
			c.mu.Unlock()
			return t, nil
		}
		if f := c.flight; f != nil {
			c.mu.Unlock()
			select {
			case <-f.done:
			case <-ctx.Done():
				return "", transportError(opLogin, ctx.Err())
			}
			if f.err == nil {
				return f.tok.access, nil
			}
			if !f.leaderStopped {
				return "", f.err
			}
			// The leader gave up, not Meet Hour: try ourselves, unless
			// we have given up too.
			if err := ctx.Err(); err != nil {
				return "", transportError(opLogin, err)
			}
			continue
		}
		f := &flight{done: make(chan struct{})}
		c.flight = f
		prev := c.tok
		c.mu.Unlock()

		tok, err := c.obtain(ctx, prev, force)
		c.mu.Lock()
		if err == nil {
			c.tok = tok
		}
		c.flight = nil
		c.mu.Unlock()
		f.tok, f.err, f.leaderStopped = tok, err, ctx.Err() != nil
		close(f.done)
		if err != nil {
			return "", err
		}
		return tok.access, nil
	}
}

// obtain renews prev with its refresh token when it has one, and logs in
// with the password when there is none or Meet Hour refuses it.
func (c *Client) obtain(ctx context.Context, prev *accessToken, force bool) (*accessToken, error) {
	if !force && prev != nil && prev.refresh != "" {
		tok, err := c.grant(ctx, opRefresh, prev.access, refreshGrant{
			GrantType:    "refresh_token",
			ClientID:     c.cfg.ClientID,
			ClientSecret: c.cfg.ClientSecret,
			RefreshToken: prev.refresh,
		})
		if err == nil {
			if tok.refresh == "" {
				tok.refresh = prev.refresh
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
	t := &accessToken{access: r.AccessToken, refresh: r.RefreshToken, issued: issued}
	if r.ExpiresIn > 0 {
		t.expiry = issued.Add(time.Duration(r.ExpiresIn) * time.Second)
	}
	return t, nil
}

// invalidate drops the cached token if it is still tok, so that the next
// call logs in with the password: a refused token may mean a revoked grant,
// whose refresh token would be refused too.
func (c *Client) invalidate(tok string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tok != nil && c.tok.access == tok {
		c.tok = nil
	}
}
