//go:build js && wasm

package app

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The wasm test runner serves /files/ (this package's directory),
// /status/{code} and /hang.

func TestFetchTransportReadsAnswers(t *testing.T) {
	ctx := context.Background()
	res, err := fetchTransport{}.Send(ctx, Request{Method: "GET", URL: "/files/testdata/session.json"})
	require.NoError(t, err)
	assert.Equal(t, 200, res.Status)
	assert.JSONEq(t, `{"signedIn":true,"user":"ada","moderator":true}`, string(res.Body))

	res, err = fetchTransport{}.Send(ctx, Request{Method: "GET", URL: "/status/503"})
	require.NoError(t, err)
	assert.Equal(t, 503, res.Status)

	// The client decodes through it by default in the browser.
	s, err := (&Client{}).Session(ctx)
	require.Error(t, err, "/api/session does not exist on the runner")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.Status)
	assert.Equal(t, Session{}, s)
}

func TestFetchTransportAbortsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := fetchTransport{}.Send(ctx, Request{Method: "GET", URL: "/hang"})
	require.Error(t, err)
	assert.ErrorIs(t, ctx.Err(), context.DeadlineExceeded)

	err = (&Client{Timeout: 100 * time.Millisecond}).do(context.Background(), "GET", "/hang", nil, nil)
	assert.ErrorIs(t, err, ErrUnreachable)
}

func TestFetchTransportReportsNetworkErrors(t *testing.T) {
	_, err := fetchTransport{}.Send(context.Background(), Request{Method: "GET", URL: "http://127.0.0.1:1/nothing"})
	assert.Error(t, err)
}
