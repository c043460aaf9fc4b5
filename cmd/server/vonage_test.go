package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/vonage/vonagetest"
)

func TestVonageSecretsComeFromEnvOrFilesAndWeakOnesAreRefused(t *testing.T) {
	dir := t.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	f := flags{addr: "127.0.0.1:0", wasm: fakeBundle(t, dir), provider: "vonage", vonageBaseURL: fake.URL}

	err := run(context.Background(), f, io.Discard, quiet)
	assert.ErrorContains(t, err, "ApplicationID is required")

	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	weakFile := filepath.Join(dir, "weak.pem")
	require.NoError(t, os.WriteFile(weakFile, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(weak)}), 0o600))
	t.Setenv("MEETBRIDGE_VONAGE_APPLICATION_ID", fake.ApplicationID())
	t.Setenv("MEETBRIDGE_VONAGE_PRIVATE_KEY_FILE", weakFile)
	err = run(context.Background(), f, io.Discard, quiet)
	assert.ErrorContains(t, err, "too weak")

	keyFile := filepath.Join(dir, "key.pem")
	require.NoError(t, os.WriteFile(keyFile, fake.PrivateKeyPEM(), 0o600))
	t.Setenv("MEETBRIDGE_VONAGE_PRIVATE_KEY_FILE", keyFile)
	t.Setenv("MEETBRIDGE_VONAGE_CALLBACK_TOKEN", "short")
	err = run(context.Background(), f, io.Discard, quiet)
	assert.ErrorContains(t, err, "callback token")

	// A long token of one letter repeated is as weak as a short one.
	t.Setenv("MEETBRIDGE_VONAGE_CALLBACK_TOKEN", strings.Repeat("k", 40))
	err = run(context.Background(), f, io.Discard, quiet)
	assert.ErrorContains(t, err, "callback token")

	// With good secrets it starts.
	t.Setenv("MEETBRIDGE_VONAGE_CALLBACK_TOKEN", rand.Text()+rand.Text())
	lines, rest, stop := runCommand(t, f)
	line, err := lines.ReadString('\n')
	require.NoError(t, err)
	assert.Contains(t, line, "(provider vonage)")
	rest()
	stop()
}
