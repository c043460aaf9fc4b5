package sandbox

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSelfSignedCertificateServesTLSOnLoopback(t *testing.T) {
	cert, err := SelfSignedCertificate("localhost", "127.0.0.1", "::1")
	require.NoError(t, err)
	leaf := cert.Leaf
	require.NotNil(t, leaf)
	key, ok := cert.PrivateKey.(*ecdsa.PrivateKey)
	require.True(t, ok, "an ECDSA key")
	assert.Equal(t, elliptic.P256(), key.Curve)
	assert.Equal(t, []string{"localhost"}, leaf.DNSNames)
	require.Len(t, leaf.IPAddresses, 2)
	assert.True(t, leaf.IPAddresses[0].Equal(net.ParseIP("127.0.0.1")))
	assert.True(t, leaf.IPAddresses[1].Equal(net.ParseIP("::1")))
	assert.WithinDuration(t, time.Now().Add(-time.Hour), leaf.NotBefore, time.Minute)
	assert.WithinDuration(t, time.Now().Add(30*24*time.Hour), leaf.NotAfter, time.Minute)
	assert.Equal(t, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, leaf.ExtKeyUsage)

	h, err := Handler(Config{})
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(h)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the failing handshake below is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	require.NoError(t, err)

	roots := x509.NewCertPool()
	roots.AddCert(leaf)
	for _, host := range []string{"localhost", "127.0.0.1"} {
		client := &http.Client{Transport: &http.Transport{
			TLSClientConfig: &tls.Config{RootCAs: roots},
		}}
		res, err := client.Get("https://" + net.JoinHostPort(host, port) + "/standup")
		require.NoError(t, err, host)
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, res.StatusCode, host)
		assert.Contains(t, string(body), "/_sandbox/conference.js", host)
		require.NotNil(t, res.TLS, host)
		assert.True(t, res.TLS.HandshakeComplete, host)
		assert.Equal(t, leaf.Raw, res.TLS.PeerCertificates[0].Raw, host)
	}

	// A name the certificate does not cover fails the handshake.
	conn, err := tls.Dial("tcp", srv.Listener.Addr().String(), &tls.Config{RootCAs: roots, ServerName: "example.com"})
	if conn != nil {
		conn.Close()
	}
	var hostErr x509.HostnameError
	assert.ErrorAs(t, err, &hostErr)
}

func TestSelfSignedCertificateDefaultsAndErrors(t *testing.T) {
	cert, err := SelfSignedCertificate()
	require.NoError(t, err)
	assert.Equal(t, []string{"localhost"}, cert.Leaf.DNSNames)
	assert.Len(t, cert.Leaf.IPAddresses, 2)

	cert, err = SelfSignedCertificate("[::1]", "sandbox.test")
	require.NoError(t, err)
	assert.True(t, cert.Leaf.IPAddresses[0].Equal(net.IPv6loopback))
	assert.Equal(t, []string{"sandbox.test"}, cert.Leaf.DNSNames)

	other, err := SelfSignedCertificate("sandbox.test")
	require.NoError(t, err)
	assert.NotEqual(t, cert.Leaf.SerialNumber, other.Leaf.SerialNumber, "a fresh serial and key each time")

	_, err = SelfSignedCertificate("localhost", "")
	assert.ErrorContains(t, err, "empty host name")
}
