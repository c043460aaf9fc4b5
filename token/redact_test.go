package token_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
	"github.com/meetbridge/meetbridge/token"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// renderings prints v every way a log line might.
func renderings(v any) []string {
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("cfg", "v", v)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("cfg", "v", v)
	return []string{
		fmt.Sprint(v), fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprintf("%s", v),
		fmt.Sprintf("%+v", struct{ Inner any }{v}), fmt.Sprintf("%+v", []any{v}),
		buf.String(),
	}
}

// secretForms are ways key material could show up in text.
func secretForms(secret []byte) []string {
	return []string{string(secret), fmt.Sprintf("%v", secret), fmt.Sprintf("%x", secret), base64.StdEncoding.EncodeToString(secret)}
}

func assertRedacted(t *testing.T, v any, secrets ...string) {
	t.Helper()
	for _, out := range renderings(v) {
		for _, s := range secrets {
			require.NotContains(t, out, s)
		}
	}
}

func TestConfigsRedactSecrets(t *testing.T) {
	key := testKey()
	keySecrets := []string{key.D.String(), key.Primes[0].String(), key.Primes[1].String(), fmt.Sprintf("%x", key.D.Bytes())}

	t.Run("jitsi HS256", func(t *testing.T) {
		cfg := token.JitsiConfig{Domain: "meet.example.com", AppID: "app", Secret: hsSecret()}
		assert.NotContains(t, fmt.Sprintf("%+v", cfg), string(hsSecret()))
		assert.Equal(t, "token.JitsiConfig{Domain:meet.example.com AppID:app Audience: Subject: Secret:[redacted] PrivateKey:<none> KID: TTL:0s ScriptURL:}", fmt.Sprintf("%+v", cfg))
		j, err := token.NewJitsi(cfg)
		require.NoError(t, err)
		for _, v := range []any{cfg, &cfg, j, *j} {
			assertRedacted(t, v, secretForms(hsSecret())...)
		}
	})
	t.Run("jitsi RS256", func(t *testing.T) {
		cfg := token.JitsiConfig{Domain: "meet.example.com", AppID: "app", PrivateKey: key, KID: "k"}
		j, err := token.NewJitsi(cfg)
		require.NoError(t, err)
		for _, v := range []any{cfg, &cfg, j, *j} {
			assertRedacted(t, v, keySecrets...)
		}
	})
	t.Run("jaas", func(t *testing.T) {
		pemKey := pkcs8PEM(t, key)
		cfg := token.JaaSConfig{AppID: appID, KeyID: "k", PrivateKeyPEM: pemKey}
		j, err := token.NewJaaS(cfg)
		require.NoError(t, err)
		lines := strings.Split(string(pemKey), "\n")
		secrets := append(keySecrets, lines[1], lines[len(lines)/2], string(pemKey))
		for _, v := range []any{cfg, &cfg, j, *j} {
			assertRedacted(t, v, secrets...)
		}
		assert.Contains(t, fmt.Sprintf("%+v", cfg), "PrivateKeyPEM:[redacted]")
		assert.Contains(t, fmt.Sprintf("%+v", j), "PrivateKey:[redacted]")
	})
	t.Run("sandbox", func(t *testing.T) {
		s, err := token.NewSandbox("localhost", "", 0)
		require.NoError(t, err)
		// The sandbox's key is its own; check its rendering shows none of
		// the big numbers a key dump would.
		for _, out := range renderings(s) {
			assert.NotRegexp(t, `\d{100}`, out)
		}
		for _, out := range renderings(*s) {
			assert.NotRegexp(t, `\d{100}`, out)
		}
	})
	t.Run("meethour", func(t *testing.T) {
		fake := meethourtest.NewServer(meethourtest.Config{})
		defer fake.Close()
		client, err := meethour.New(fake.ClientConfig())
		require.NoError(t, err)
		mh, err := token.NewMeetHour(client, token.MeetHourConfig{ModeratorSchedules: true})
		require.NoError(t, err)
		_, err = mh.Issue(t.Context(), ada) // logs in: a token is cached now
		require.NoError(t, err)
		for _, v := range []any{mh, client, fake.ClientConfig()} {
			assertRedacted(t, v, fake.Secrets()...)
		}
	})
	t.Run("grant", func(t *testing.T) {
		j, err := token.NewJitsi(token.JitsiConfig{Domain: "meet.example.com", AppID: "app", Secret: hsSecret(), Now: fixedNow})
		require.NoError(t, err)
		g, err := j.Issue(t.Context(), ada)
		require.NoError(t, err)
		sig := g.JWT[strings.LastIndex(g.JWT, ".")+1:]
		assertRedacted(t, g, sig, g.JWT)
		assert.Contains(t, g.String(), "JWT:[redacted]")
	})
}
