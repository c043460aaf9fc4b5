package app

import (
	"bytes"
	"context"
	"io"
	"net/http"
)

// Request is one request to the server's API: a JSON body, if any.
type Request struct {
	Method, URL string
	Body        []byte
}

// Response is the server's answer: its status, its Retry-After header and
// at most maxBody bytes of its body.
type Response struct {
	Status     int
	RetryAfter string
	Body       []byte
}

// Transport sends API requests. In the browser the default uses fetch
// directly: going through net/http's client would add about 5 MB to the
// bundle.
type Transport interface {
	Send(ctx context.Context, r Request) (Response, error)
}

// HTTPTransport sends requests with a net/http client, for programs that
// are not in a browser and for tests.
type HTTPTransport struct {
	// Client sends the requests; nil means http.DefaultClient.
	Client *http.Client
}

// Send implements Transport.
func (t HTTPTransport) Send(ctx context.Context, r Request) (Response, error) {
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, body)
	if err != nil {
		return Response{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	hc := t.Client
	if hc == nil {
		hc = http.DefaultClient
	}
	res, err := hc.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, maxBody))
	if err != nil {
		return Response{}, err
	}
	return Response{Status: res.StatusCode, RetryAfter: res.Header.Get("Retry-After"), Body: data}, nil
}
