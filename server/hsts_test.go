package server

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHSTSGoesWithHTTPSOnly(t *testing.T) {
	trusted, err := ParseTrustedProxies("10.0.0.1")
	require.NoError(t, err)
	ts := start(t, Config{TrustedProxies: trusted})
	hsts := func(target, remote, proto string) string {
		req := httptest.NewRequest(http.MethodGet, target, nil) // an https target sets req.TLS
		req.RemoteAddr = remote
		if proto != "" {
			req.Header.Set("X-Forwarded-Proto", proto)
		}
		rec := httptest.NewRecorder()
		ts.srv.Handler().ServeHTTP(rec, req)
		require.Equal(t, http.StatusOK, rec.Code)
		return rec.Header().Get("Strict-Transport-Security")
	}
	assert.Equal(t, "max-age=63072000; includeSubDomains", hsts("https://meet.example.com/", "198.51.100.1:1", ""), "direct HTTPS")
	assert.NotEmpty(t, hsts("http://meet.example.com/", "10.0.0.1:1", "https"), "HTTPS at a trusted proxy")
	assert.Empty(t, hsts("http://meet.example.com/", "198.51.100.1:1", "https"), "an untrusted peer's X-Forwarded-Proto")
	assert.Empty(t, hsts("http://meet.example.com/", "198.51.100.1:1", ""), "plain http")
}
