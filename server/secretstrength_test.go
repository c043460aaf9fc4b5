package server

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWeakSecretsAreRefusedWithHowToMakeOne(t *testing.T) {
	weak := map[string]string{
		"one letter repeated":     strings.Repeat("a", 32),
		"a word repeated":         "changemechangemechangemechangeme",
		"a placeholder":           "password-password-password-12345",
		"a short token":           "abc",
		"binary digits":           "10010111010001101011100100101101",
		"a keyboard walk":         "qwertyuiopasdfghjklzxcvbnm123456",
		"a sequence":              "abcdefghijklmnopqrstuvwxyz012345",
		"a pattern of two":        strings.Repeat("ab", 20),
		"words and a short tail":  "0123456789abcdef0123456789abcdef-very-secret",
		"the test control token":  "test-control-token",
		"only digits, not enough": "31415926535897932384",
	}
	for name, secret := range weak {
		t.Run("jitsi "+name, func(t *testing.T) {
			_, err := New(Config{PublicHost: "127.0.0.1:8080", WasmPath: writeBundle(t), Provider: ProviderJitsi,
				Jitsi: JitsiSettings{Domain: "meet.example.com", AppID: "a", Secret: []byte(secret)}}, newTestLogger(&logBuffer{}))
			assert.ErrorContains(t, err, "MEETBRIDGE_JITSI_APP_SECRET")
			assert.ErrorContains(t, err, "openssl rand -base64 32")
			if len(secret) > 8 {
				assert.NotContains(t, err.Error(), secret, "the error never repeats the secret")
			}
		})
		t.Run("control token "+name, func(t *testing.T) {
			_, err := New(Config{PublicHost: "127.0.0.1:8080", WasmPath: writeBundle(t), SandboxControlToken: secret}, newTestLogger(&logBuffer{}))
			assert.ErrorContains(t, err, "MEETBRIDGE_SANDBOX_CONTROL_TOKEN) is weak")
			assert.ErrorContains(t, err, "openssl rand -base64 32")
		})
	}
	_, err := New(Config{PublicHost: "127.0.0.1:8080", WasmPath: writeBundle(t), MetricsToken: "metrics"}, newTestLogger(&logBuffer{}))
	assert.ErrorContains(t, err, "MEETBRIDGE_METRICS_TOKEN")
	_, err = New(Config{PublicHost: "127.0.0.1:8080", WasmPath: writeBundle(t), Provider: ProviderMeetHour,
		MeetHour: MeetHourSettings{ClientID: "c", ClientSecret: "changeme", Username: "u@example.com", Password: "password1", APIKey: "k"}}, newTestLogger(&logBuffer{}))
	assert.ErrorContains(t, err, "MEETBRIDGE_MEETHOUR_CLIENT_SECRET")
	assert.ErrorContains(t, err, "MEETBRIDGE_MEETHOUR_PASSWORD")
}

func TestGoodSecretsPass(t *testing.T) {
	for _, secret := range []string{
		testSecret,                                    // openssl rand -base64 32
		"3f2a9c1d8e7b6a5f4c3d2e1f0a9b8c7d",            // 32 hex digits, 128 bits
		"q8Xk2vB9mPz4LwN7rT1yH6sD3fG5jK0aZcVbQeUi",    // 40 random letters and digits
		"vJ3bS0uQ-4Yx_e8n9KwR2tLmA7cZp1oHfD6iGsN5kUE", // TokenFile's kind (base64url of 32 bytes)
	} {
		assert.NoError(t, checkSecret("k", secret, minKeyBits), secret)
	}
	// Credentials a provider issued or a person chose need less.
	assert.NoError(t, checkSecret("p", "fake-password-7d2f5a61", minCredentialBits))
	assert.NoError(t, checkSecret("p", "correct horse battery staple", minCredentialBits))
}
