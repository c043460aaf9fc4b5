package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The paths of the server's JSON API.
const (
	TokenPath   = "/api/token"
	LoginPath   = "/api/login"
	LogoutPath  = "/api/logout"
	SessionPath = "/api/session"
)

// DefaultAPITimeout bounds one request to the server's API.
const DefaultAPITimeout = 15 * time.Second

// maxBody bounds how much of an answer is read.
const maxBody = 1 << 20

// TokenRequest is the body of POST /api/token.
type TokenRequest struct {
	Room        string `json:"room"`
	DisplayName string `json:"displayName"`
	Email       string `json:"email,omitempty"`
	// Role is RoleModerator to insist on a moderator token (the server
	// answers 401 unless a moderator is signed in); empty takes what the
	// session allows.
	Role string `json:"role,omitempty"`
}

// RoleModerator asks for a moderator token.
const RoleModerator = "moderator"

// Grant is the answer of POST /api/token: what the page needs to embed the
// meeting. ProviderFromGrant turns it into an externalapi provider. It
// mirrors the server's token.Grant on purpose: importing package token would
// put the issuers (and the Meet Hour client) into the bundle.
type Grant struct {
	// Provider is "sandbox", "jitsi", "jaas", "meethour" or "vonage".
	Provider string `json:"provider"`
	// Domain is the External API constructor's first argument.
	Domain string `json:"domain"`
	// RoomName is the constructor's roomName, with a tenant or app id
	// prefix when the provider needs one.
	RoomName string `json:"roomName"`
	// JWT is the join token.
	JWT string `json:"jwt"`
	// ScriptURL is the External API script to load.
	ScriptURL string `json:"scriptURL"`
	// APIKey and PCode are Meet Hour's.
	APIKey string `json:"apiKey,omitempty"`
	PCode  string `json:"pcode,omitempty"`
	// RoomURL is the page to embed in a plain iframe, for a provider with
	// no External API (Vonage); empty for the others.
	RoomURL string `json:"roomURL,omitempty"`
	// ExpiresAt is when the token expires; zero when unknown.
	ExpiresAt time.Time `json:"expiresAt,omitzero"`
	// Moderator says whether the token makes its holder a moderator.
	Moderator bool `json:"moderator"`
}

// LoginRequest is the body of POST /api/login.
type LoginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// Session is who the browser is signed in as (GET /api/session).
type Session struct {
	SignedIn  bool   `json:"signedIn"`
	User      string `json:"user"`
	Moderator bool   `json:"moderator"`
}

// loginResponse is the answer of POST /api/login.
type loginResponse struct {
	User      string `json:"user"`
	Moderator bool   `json:"moderator"`
}

// errorBody is the shape of every error answer.
type errorBody struct {
	Error *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// APIError is an error answer of the server.
type APIError struct {
	// Status is the HTTP status code.
	Status int
	// Code is the machine-readable code, such as "invalid_room"; empty
	// when the body was not the documented error object.
	Code string
	// Message is for the user.
	Message string
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
}

// Error implements error: the message, with when to retry.
func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = fmt.Sprintf("the server answered %d %s", e.Status, http.StatusText(e.Status))
	}
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(" (try again in %s)", e.RetryAfter.Round(time.Second))
	}
	return msg
}

// ErrMalformedResponse is wrapped by errors for a success answer whose body
// is not what the API promises.
var ErrMalformedResponse = errors.New("the server sent a malformed answer")

// ErrUnreachable is wrapped by errors for requests that got no answer.
var ErrUnreachable = errors.New("the server could not be reached")

// Client calls the server's JSON API. Its zero value talks to relative
// URLs with the platform's transport: fetch in the browser, net/http
// elsewhere.
type Client struct {
	// BaseURL is the server's origin, such as "https://meet.example.com";
	// empty means relative URLs.
	BaseURL string
	// Transport sends the requests; nil means the platform's.
	Transport Transport
	// Timeout bounds each request; zero means DefaultAPITimeout.
	Timeout time.Duration
	// Now returns the time, to turn a Retry-After date into a delay; nil
	// means time.Now.
	Now func() time.Time
}

// Token asks for a join token for the room.
func (c *Client) Token(ctx context.Context, req TokenRequest) (Grant, error) {
	var g Grant
	if err := c.do(ctx, http.MethodPost, TokenPath, req, &g); err != nil {
		return Grant{}, err
	}
	if g.Provider == "" || g.RoomName == "" || g.ScriptURL == "" {
		return Grant{}, fmt.Errorf("%w: the grant lacks its provider, room name or script", ErrMalformedResponse)
	}
	return g, nil
}

// Login signs in; an *APIError with Status 401 means bad credentials.
func (c *Client) Login(ctx context.Context, username, password string) (Session, error) {
	var r loginResponse
	if err := c.do(ctx, http.MethodPost, LoginPath, LoginRequest{Username: username, Password: password}, &r); err != nil {
		return Session{}, err
	}
	if r.User == "" {
		return Session{}, fmt.Errorf("%w: no user", ErrMalformedResponse)
	}
	return Session{SignedIn: true, User: r.User, Moderator: r.Moderator}, nil
}

// Logout signs out.
func (c *Client) Logout(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, LogoutPath, nil, nil)
}

// Session says who the browser is signed in as.
func (c *Client) Session(ctx context.Context) (Session, error) {
	var s Session
	err := c.do(ctx, http.MethodGet, SessionPath, nil, &s)
	return s, err
}

// do sends one request with a JSON body (none when body is nil) and decodes
// a JSON answer into out (ignored when out is nil).
func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultAPITimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	var payload []byte
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		payload = b
	}
	t := c.Transport
	if t == nil {
		t = defaultTransport()
	}
	resp, err := t.Send(ctx, Request{Method: method, URL: strings.TrimSuffix(c.BaseURL, "/") + path, Body: payload})
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w: no answer within %s", ErrUnreachable, timeout)
		}
		return fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	data := resp.Body
	if resp.Status >= 400 {
		return c.apiError(resp, data)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformedResponse, err)
	}
	return nil
}

// apiError decodes an error answer; a body that is not the documented error
// object still gives an error that names the status.
func (c *Client) apiError(resp Response, data []byte) *APIError {
	e := &APIError{Status: resp.Status, RetryAfter: c.retryAfter(resp.RetryAfter)}
	var b errorBody
	if json.Unmarshal(data, &b) == nil && b.Error != nil {
		e.Code, e.Message = b.Error.Code, b.Error.Message
	}
	return e
}

// retryAfter parses a Retry-After value: seconds or an HTTP date.
func (c *Client) retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	if d := t.Sub(now()); d > 0 {
		return d
	}
	return 0
}
