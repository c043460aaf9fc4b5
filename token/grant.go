package token

import (
	"fmt"
	"log/slog"
	"time"
)

// Grant is what the page receives: the External API constructor's domain,
// roomName and jwt (and for Meet Hour apiKey and pcode), the script to load,
// and when the token expires. Serve it with Cache-Control: no-store.
type Grant struct {
	// Provider is the issuer's Provider().
	Provider string `json:"provider"`
	// Domain is the constructor's first argument.
	Domain string `json:"domain"`
	// RoomName is the constructor's roomName, such as "<appID>/<room>" for
	// JaaS or the meeting id for Meet Hour.
	RoomName string `json:"roomName"`
	// JWT is the join token.
	JWT string `json:"jwt"`
	// ScriptURL is the External API script to load.
	ScriptURL string `json:"scriptURL"`
	// APIKey is Meet Hour's apiKey option.
	APIKey string `json:"apiKey,omitempty"`
	// PCode is Meet Hour's pcode option, the meeting's encrypted password.
	PCode string `json:"pcode,omitempty"`
	// RoomURL is the page to embed in a plain iframe, for a provider with
	// no External API (Vonage): the guest URL, or for a moderator the host
	// URL, which carries owner rights. Empty for the others.
	RoomURL string `json:"roomURL,omitempty"`
	// ExpiresAt is the token's exp in UTC; zero when a Meet Hour token has
	// none.
	ExpiresAt time.Time `json:"expiresAt,omitzero"`
}

// String describes g without its token, for logs.
func (g Grant) String() string {
	return fmt.Sprintf("token.Grant{Provider:%s Domain:%s RoomName:%s JWT:%s ScriptURL:%s APIKey:%s PCode:%s RoomURL:%s ExpiresAt:%s}",
		g.Provider, g.Domain, g.RoomName, secretState(len(g.JWT) > 0), g.ScriptURL, g.APIKey, secretState(len(g.PCode) > 0),
		secretState(len(g.RoomURL) > 0), g.ExpiresAt.Format(time.RFC3339))
}

// GoString is String, so that %#v hides the token too.
func (g Grant) GoString() string { return g.String() }

// LogValue logs g without its token.
func (g Grant) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("provider", g.Provider),
		slog.String("domain", g.Domain),
		slog.String("room_name", g.RoomName),
		slog.Time("expires_at", g.ExpiresAt),
	)
}
