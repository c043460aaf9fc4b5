package vonage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/meetbridge/meetbridge/internal/upstreamtext"
)

// MaxResponseBytes is the largest answer the client reads; a larger one is
// ErrMalformedResponse.
const MaxResponseBytes = 1 << 20

// maxMessageRunes shortens upstream messages kept in an APIError.
const maxMessageRunes = 300

// call is one request to the API.
type call struct {
	op     string
	method string
	path   string     // below the base URL, such as "/rooms/<id>"
	query  url.Values // optional
	in     any        // sent as JSON when not nil
	out    any        // decoded from a 2xx answer when not nil
	// secrets are texts of the request an error answer may quote back
	// (callback URLs, which hold the receiver's token): never kept.
	secrets []string
}

// do sends c with a fresh application JWT and decodes the answer.
func (c *Client) do(ctx context.Context, k call) error {
	var body io.Reader
	if k.in != nil {
		raw, err := json.Marshal(k.in)
		if err != nil {
			return fmt.Errorf("vonage: %s: encoding the request: %w", k.op, err)
		}
		body = bytes.NewReader(raw)
	}
	tok, err := c.token()
	if err != nil {
		return err
	}
	u := c.base + k.path
	if len(k.query) > 0 {
		u += "?" + k.query.Encode()
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, k.method, u, body)
	if err != nil {
		return fmt.Errorf("vonage: %s: %w", k.op, err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Accept", "application/json")
	if k.in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return transportError(k.op, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	if err != nil {
		return transportError(k.op, err)
	}
	if len(raw) > MaxResponseBytes {
		return fmt.Errorf("vonage: %s: %w: body larger than %d bytes", k.op, ErrMalformedResponse, MaxResponseBytes)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return newAPIError(k.op, resp.StatusCode, raw, k.secrets)
	}
	if k.out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, k.out); err != nil {
		return fmt.Errorf("vonage: %s: %w (HTTP %d): %w", k.op, ErrMalformedResponse, resp.StatusCode, err)
	}
	return nil
}

// transportError wraps a failure to send or to read: ErrUnavailable unless
// the caller cancelled.
func transportError(op string, err error) error {
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("vonage: %s: %w", op, err)
	}
	return fmt.Errorf("vonage: %s: %w: %w", op, ErrUnavailable, err)
}

// clean drops control characters from an upstream text and shortens it.
func clean(s string) string { return upstreamtext.Clean(s, maxMessageRunes) }

// redacted replaces a secret in an upstream text.
const redacted = "[redacted]"

// redact replaces every secret in s, longest first, so that a secret that
// holds another is replaced whole.
func redact(s string, secrets []string) string {
	secrets = slices.Clone(secrets)
	slices.SortFunc(secrets, func(a, b string) int { return len(b) - len(a) })
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, redacted)
		}
	}
	return s
}

// pathID escapes an id for a path segment, refusing an empty one.
func pathID(op, field, id string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return "", &ValidationError{Op: op, Field: field, Reason: "is required"}
	}
	return "/" + url.PathEscape(id), nil
}
