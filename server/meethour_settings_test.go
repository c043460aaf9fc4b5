package server

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMeetHourSettingsNeverShowSecrets(t *testing.T) {
	s := MeetHourSettings{
		BaseURL: "https://api.meethour.io", ClientID: "client-id", Username: "owner@example.com",
		ClientSecret: "client-secret-4e1c", Password: "password-7d2f", APIKey: "api-key-0c3e",
		WebhookSecret: "whsec-0123456789abcdef", Meetings: map[string]string{"standup": "MHR1"},
	}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("start", "meethour", s)
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("start", "meethour", s)
	for _, out := range []string{fmt.Sprint(s), fmt.Sprintf("%+v", s), fmt.Sprintf("%#v", s), fmt.Sprintf("%v", &s), logged.String()} {
		for _, secret := range []string{s.ClientSecret, s.Password, s.WebhookSecret} {
			assert.NotContains(t, out, secret)
		}
		assert.Contains(t, out, "client-id", "what is not secret still shows")
		assert.Contains(t, out, "standup")
	}
}
