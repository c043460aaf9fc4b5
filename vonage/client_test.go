package vonage_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/vonage"
	"github.com/meetbridge/meetbridge/vonage/vonagetest"
)

// keyPEM encodes a new RSA key of bits in PKCS #1 PEM.
func keyPEM(t *testing.T, bits int) []byte {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, bits)
	require.NoError(t, err)
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
}

func TestNewRefusesMissingOrWeakCredentials(t *testing.T) {
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	good := fake.ClientConfig()
	cases := map[string]func(*vonage.Config){
		"no application id":        func(c *vonage.Config) { c.ApplicationID = "" },
		"application id not uuid":  func(c *vonage.Config) { c.ApplicationID = "my-app" },
		"application id in braces": func(c *vonage.Config) { c.ApplicationID = "{" + c.ApplicationID + "}" },
		"application id as a urn":  func(c *vonage.Config) { c.ApplicationID = "urn:uuid:" + c.ApplicationID },
		"no key":                   func(c *vonage.Config) { c.PrivateKeyPEM = nil },
		"garbage key":              func(c *vonage.Config) { c.PrivateKeyPEM = []byte("-----BEGIN NOTHING-----") },
		"1024-bit key":             func(c *vonage.Config) { c.PrivateKeyPEM = keyPEM(t, 1024) },
		"plain http elsewhere":     func(c *vonage.Config) { c.BaseURL = "http://api-eu.vonage.com/v1/meetings" },
		"not a URL":                func(c *vonage.Config) { c.BaseURL = "api-eu.vonage.com" },
		"negative timeout":         func(c *vonage.Config) { c.Timeout = -time.Second },
		"day-long tokens":          func(c *vonage.Config) { c.TokenTTL = 24 * time.Hour },
	}
	for name, mutate := range cases {
		cfg := good
		mutate(&cfg)
		_, err := vonage.New(cfg)
		assert.Error(t, err, name)
	}
	_, err := vonage.New(good)
	require.NoError(t, err)

	s := fmt.Sprintf("%v %#v %s", good, good, good)
	assert.NotContains(t, s, "PRIVATE KEY")
	assert.Contains(t, s, "[redacted]")
}

func TestEveryRequestCarriesAFreshApplicationJWT(t *testing.T) {
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	var (
		mu     sync.Mutex
		tokens []string
	)
	capture := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tokens = append(tokens, strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[]`))
	}))
	defer capture.Close()
	cfg := fake.ClientConfig()
	cfg.BaseURL, cfg.HTTPClient, cfg.TokenTTL = capture.URL+"/v1/meetings", capture.Client(), 2*time.Minute
	c, err := vonage.New(cfg)
	require.NoError(t, err)
	for range 2 {
		_, err := c.DialInNumbers(context.Background())
		require.NoError(t, err)
	}
	require.Len(t, tokens, 2)
	block, _ := pem.Decode(fake.PrivateKeyPEM())
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	require.NoError(t, err)
	var jtis []string
	for _, raw := range tokens {
		var claims vonage.Claims
		tok, err := jwt.ParseWithClaims(raw, &claims, func(*jwt.Token) (any, error) { return &key.(*rsa.PrivateKey).PublicKey, nil },
			jwt.WithValidMethods([]string{"RS256"}), jwt.WithExpirationRequired(), jwt.WithIssuedAt())
		require.NoError(t, err)
		assert.Equal(t, "JWT", tok.Header["typ"])
		assert.Equal(t, vonagetest.ApplicationID, claims.ApplicationID)
		assert.Equal(t, 2*time.Minute, claims.ExpiresAt.Sub(claims.IssuedAt.Time))
		jtis = append(jtis, claims.ID)
	}
	assert.NotEqual(t, jtis[0], jtis[1], "a new jti per request")
}

func TestAnotherKeyIsRefusedAsAuth(t *testing.T) {
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	cfg := fake.ClientConfig()
	cfg.PrivateKeyPEM = keyPEM(t, 2048)
	c, err := vonage.New(cfg)
	require.NoError(t, err)
	_, err = c.Themes(context.Background())
	require.ErrorIs(t, err, vonage.ErrAuth)
	var ae *vonage.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "Unauthorized", ae.Name, "the gateway's {error} is read as the name")
}

func TestUpstreamFailures(t *testing.T) {
	ctx := context.Background()
	c, fake := newClient(t, vonagetest.Config{})

	fake.FailNext(1, vonagetest.InternalError)
	_, err := c.Themes(ctx)
	assert.ErrorIs(t, err, vonage.ErrUnavailable)
	var ae *vonage.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 500, ae.Status)

	fake.FailNext(1, vonagetest.Unavailable)
	_, err = c.Themes(ctx)
	assert.ErrorIs(t, err, vonage.ErrUnavailable)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "Service Unavailable", ae.Message, "an HTML page gives the status text")

	fake.FailNext(1, vonagetest.MalformedJSON)
	_, err = c.Themes(ctx)
	assert.ErrorIs(t, err, vonage.ErrMalformedResponse)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = c.Themes(cancelled)
	assert.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, vonage.ErrUnavailable)

	fake.Close()
	_, err = c.Themes(ctx)
	assert.ErrorIs(t, err, vonage.ErrUnavailable)
}
