package server

import (
	"fmt"
	"log/slog"
	"sort"
	"strings"

	"github.com/meetbridge/meetbridge/internal/redact"
	"github.com/meetbridge/meetbridge/meethour"
)

// clientConfig is the part of s the Meet Hour client takes, for printing:
// meethour.Config redacts the client secret and the password.
func (s MeetHourSettings) clientConfig() meethour.Config {
	return meethour.Config{BaseURL: s.BaseURL, ClientID: s.ClientID, ClientSecret: s.ClientSecret,
		Username: s.Username, Password: s.Password, APIKey: s.APIKey}
}

// rooms lists the configured rooms, sorted.
func (s MeetHourSettings) rooms() []string {
	rooms := make([]string, 0, len(s.Meetings))
	for room := range s.Meetings {
		rooms = append(rooms, room)
	}
	sort.Strings(rooms)
	return rooms
}

// String describes s with ClientSecret, Password and WebhookSecret
// redacted, so that printing the settings (or a Config's field) never shows
// them. The API key shows: the page gets it anyway.
func (s MeetHourSettings) String() string {
	return fmt.Sprintf("server.MeetHourSettings{Client:%s WebhookSecret:%s Meetings:[%s]}",
		s.clientConfig(), redact.State(s.WebhookSecret), strings.Join(s.rooms(), " "))
}

// GoString is String, so that %#v redacts too.
func (s MeetHourSettings) GoString() string { return s.String() }

// LogValue logs s with its secrets redacted.
func (s MeetHourSettings) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Any("client", s.clientConfig()),
		slog.String("webhook_secret", redact.State(s.WebhookSecret)),
		slog.Any("meetings", s.rooms()),
	)
}
