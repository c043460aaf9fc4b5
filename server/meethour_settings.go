package server

import (
	"fmt"
	"log/slog"
	"sort"
	"strings"
)

// redactedIfSet shows whether a secret is set without showing it.
func redactedIfSet(s string) string {
	if s == "" {
		return "<empty>"
	}
	return "[redacted]"
}

// String describes s with ClientSecret, Password, APIKey and WebhookSecret
// redacted, so that printing the settings (or a Config's field) never shows
// them.
func (s MeetHourSettings) String() string {
	rooms := make([]string, 0, len(s.Meetings))
	for room := range s.Meetings {
		rooms = append(rooms, room)
	}
	sort.Strings(rooms)
	return fmt.Sprintf("server.MeetHourSettings{BaseURL:%s ClientID:%s ClientSecret:%s Username:%s Password:%s APIKey:%s WebhookSecret:%s Meetings:[%s]}",
		s.BaseURL, s.ClientID, redactedIfSet(s.ClientSecret), s.Username, redactedIfSet(s.Password), redactedIfSet(s.APIKey),
		redactedIfSet(s.WebhookSecret), strings.Join(rooms, " "))
}

// GoString is String, so that %#v redacts too.
func (s MeetHourSettings) GoString() string { return s.String() }

// LogValue logs s with its secrets redacted.
func (s MeetHourSettings) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", s.BaseURL),
		slog.String("client_id", s.ClientID),
		slog.String("client_secret", redactedIfSet(s.ClientSecret)),
		slog.String("username", s.Username),
		slog.String("password", redactedIfSet(s.Password)),
		slog.String("api_key", redactedIfSet(s.APIKey)),
		slog.String("webhook_secret", redactedIfSet(s.WebhookSecret)),
		slog.Int("meetings", len(s.Meetings)),
	)
}
