package meethour

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/meetbridge/meetbridge/internal/redact"
	"github.com/meetbridge/meetbridge/internal/upstreamtext"
)

// MaxResponseBytes is the largest answer the client reads; a larger one is
// ErrMalformedResponse.
const MaxResponseBytes = 1 << 20

// maxMessageRunes shortens upstream messages kept in an APIError.
const maxMessageRunes = 300

// envelope is the part of every answer that reports errors: Meet Hour's
// {success, code, message} and Laravel Passport's {error,
// error_description, message}.
type envelope struct {
	Success          *bool           `json:"success"`
	Code             json.RawMessage `json:"code"`
	Message          json.RawMessage `json:"message"`
	Error            json.RawMessage `json:"error"`
	ErrorDescription json.RawMessage `json:"error_description"`
}

// post sends in as JSON to path, with bearer as the access token when not
// empty, and decodes a successful answer into out.
func (c *Client) post(ctx context.Context, op, path, bearer string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("meethour: %s: encoding the request: %w", op, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("meethour: %s: %w", op, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return transportError(op, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	if err != nil {
		return transportError(op, err)
	}
	if len(raw) > MaxResponseBytes {
		return fmt.Errorf("meethour: %s: %w: body larger than %d bytes", op, ErrMalformedResponse, MaxResponseBytes)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.apiError(op, resp.StatusCode, raw)
	}
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return malformed(op, resp, err)
	}
	if env.Success != nil && !*env.Success {
		return c.apiError(op, resp.StatusCode, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return malformed(op, resp, err)
	}
	return nil
}

// transportError wraps a failure to send or to read: ErrUnavailable unless
// the caller cancelled.
func transportError(op string, err error) error {
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("meethour: %s: %w", op, err)
	}
	return fmt.Errorf("meethour: %s: %w: %w", op, ErrUnavailable, err)
}

// malformed wraps a decoding error. JSON errors name offsets and types,
// never values, so no token leaks through them.
func malformed(op string, resp *http.Response, err error) error {
	ct := resp.Header.Get("Content-Type")
	if ct == "" {
		ct = "no content type"
	}
	return fmt.Errorf("meethour: %s: %w (HTTP %d, %s): %w", op, ErrMalformedResponse, resp.StatusCode, ct, err)
}

// apiError builds the APIError of an error answer, reading what the
// envelope offers.
func (c *Client) apiError(op string, status int, raw []byte) *APIError {
	e := &APIError{Op: op, Status: status}
	var env envelope
	if json.Unmarshal(raw, &env) == nil {
		e.Code = jsonInt(env.Code)
		for _, m := range []json.RawMessage{env.Message, env.ErrorDescription, env.Error} {
			if s := jsonString(m); s != "" {
				e.Message = c.scrub(s)
				break
			}
		}
	}
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

// jsonString returns m when it is a JSON string, or "".
func jsonString(m json.RawMessage) string {
	var s string
	if json.Unmarshal(m, &s) != nil {
		return ""
	}
	return s
}

// jsonInt returns m as an integer when it is a number or a string holding
// one, or 0.
func jsonInt(m json.RawMessage) int {
	var n json.Number
	if json.Unmarshal(m, &n) != nil {
		return 0
	}
	i, err := strconv.Atoi(n.String())
	if err != nil {
		return 0
	}
	return i
}

// scrub removes every credential and token the client knows from an
// upstream message, then cleans it (upstreamtext.Clean). The secrets go
// first, so that shortening cannot leave part of one behind.
func (c *Client) scrub(s string) string {
	for _, secret := range c.secrets() {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, redact.Mark)
		}
	}
	return upstreamtext.Clean(s, maxMessageRunes)
}
