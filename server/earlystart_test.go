package server

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/meetbridge/meetbridge/externalapi"
)

func TestServesTheEarlyStartScript(t *testing.T) {
	ts := start(t, Config{})
	res, body := get(t, ts.URL+externalapi.EarlyStartPath)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "text/javascript; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Equal(t, string(externalapi.EarlyStartScript), body)
	assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
}
