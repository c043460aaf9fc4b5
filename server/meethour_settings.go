package server

import (
	"fmt"
	"log/slog"
	"sort"
	"strings"

	"github.com/meetbridge/meetbridge/internal/redact"
)

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
		s.BaseURL, s.ClientID, redact.State(s.ClientSecret), s.Username, redact.State(s.Password), redact.State(s.APIKey),
		redact.State(s.WebhookSecret), strings.Join(rooms, " "))
}

// GoString is String, so that %#v redacts too.
func (s MeetHourSettings) GoString() string { return s.String() }

// LogValue logs s with its secrets redacted.
func (s MeetHourSettings) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", s.BaseURL),
		slog.String("client_id", s.ClientID),
		slog.String("client_secret", redact.State(s.ClientSecret)),
		slog.String("username", s.Username),
		slog.String("password", redact.State(s.Password)),
		slog.String("api_key", redact.State(s.APIKey)),
		slog.String("webhook_secret", redact.State(s.WebhookSecret)),
		slog.Int("meetings", len(s.Meetings)),
	)
}
