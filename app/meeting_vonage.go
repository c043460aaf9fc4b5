package app

import (
	"errors"
	"fmt"
	"net/url"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/internal/loopback"
)

// ProviderVonage names Vonage Meetings, whose rooms are embedded by URL.
const ProviderVonage = "vonage"

// RoomFrameAllow is the allow attribute of a plain meeting iframe: what a
// video room needs from the browser (the server's Permissions-Policy
// delegates the same features to the meeting origin).
const RoomFrameAllow = "camera; microphone; display-capture; fullscreen; autoplay; clipboard-write; speaker-selection; screen-wake-lock"

// RoomFrameURL returns the page a grant of a provider without an External
// API embeds: its RoomURL, which must be an https URL (plain http only on a
// loopback host, for tests).
func RoomFrameURL(g Grant) (string, error) {
	if g.RoomURL == "" {
		return "", errors.New("grant: no room URL")
	}
	u, err := url.Parse(g.RoomURL)
	if err != nil {
		return "", fmt.Errorf("grant: room URL: %w", err)
	}
	if u.Host == "" || u.User != nil || !loopback.SecureScheme(u) {
		return "", errors.New("grant: the room URL must be an https URL")
	}
	return u.String(), nil
}

// renderRoomFrame draws the plain iframe of a provider without an External
// API, in the same container a bridged meeting uses.
func (m *Meeting) renderRoomFrame() goapp.UI {
	return goapp.Div().Class("meeting").Body(
		goapp.Div().ID(m.containerID()).Class("meeting-frame").Body(
			goapp.IFrame().
				Src(m.RoomURL).
				Allow("%s", RoomFrameAllow).
				AllowFullscreen(true).
				Title("Video meeting").
				Class("meeting-room-frame"),
		),
	)
}

// Capabilities say what the console can do with a provider's meeting.
type Capabilities struct {
	// ExternalAPI says the page can command the meeting and follow its
	// events through the bridge.
	ExternalAPI bool
	// Missing names, for people, the console controls the provider does
	// not offer; empty when it offers them all.
	Missing []string
	// Note tells the moderator where those controls are instead.
	Note string
}

// ProviderCapabilities returns what the console can do with a provider's
// meeting, so that it shows plainly what is not offered rather than buttons
// that do nothing.
func ProviderCapabilities(provider string) Capabilities {
	if provider == ProviderVonage {
		return Capabilities{
			Missing: []string{
				"mute and camera controls", "subject", "tile view", "raised hands",
				"participant list and removal", "lobby admission", "recording", "breakout rooms",
				"live meeting events from the page",
			},
			Note: "Vonage rooms have no control API: use the controls inside the room (you hold its host link). " +
				"Vonage's callbacks still reach the server's event log.",
		}
	}
	return Capabilities{ExternalAPI: true}
}

// capabilitiesNotice draws what a provider does not offer, or nothing.
func capabilitiesNotice(c Capabilities) goapp.UI {
	if len(c.Missing) == 0 {
		return nil
	}
	items := make([]goapp.UI, len(c.Missing))
	for i, m := range c.Missing {
		items[i] = goapp.Li().Text(m)
	}
	return goapp.Div().Class("notice", "provider-limits").Body(
		goapp.P().Text("This provider does not offer these controls here:"),
		goapp.Ul().Body(items...),
		goapp.P().Class("muted").Text(c.Note),
	)
}
