package app

import (
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vonageGrant is a Vonage grant for a moderator.
var vonageGrant = Grant{
	Provider: ProviderVonage, Domain: "meetings.vonage.com", RoomName: "standup", Moderator: true,
	RoomURL: "https://meetings.vonage.com/?room_token=123456789&participant_token=secret",
}

func TestRoomFrameURL(t *testing.T) {
	for _, ok := range []string{vonageGrant.RoomURL, "http://127.0.0.1:8080/room", "http://localhost/x", "http://[::1]:9/x"} {
		u, err := RoomFrameURL(Grant{RoomURL: ok})
		assert.NoError(t, err, ok)
		assert.Equal(t, ok, u)
	}
	for _, bad := range []string{"", "http://meetings.vonage.com/123", "javascript:alert(1)", "https://user:pw@meetings.vonage.com/", "//meetings.vonage.com/x", "https:///x", "%zz"} {
		_, err := RoomFrameURL(Grant{RoomURL: bad})
		assert.Error(t, err, bad)
	}
}

func TestProviderCapabilities(t *testing.T) {
	v := ProviderCapabilities(ProviderVonage)
	assert.False(t, v.ExternalAPI)
	assert.Contains(t, v.Missing, "recording")
	assert.Contains(t, v.Missing, "lobby admission")
	assert.NotEmpty(t, v.Note)
	for _, p := range []string{ProviderSandbox, ProviderJitsi, ProviderJaaS, ProviderMeetHour} {
		c := ProviderCapabilities(p)
		assert.True(t, c.ExternalAPI, p)
		assert.Empty(t, c.Missing, p)
		assert.Nil(t, capabilitiesNotice(c), p)
	}
}

func TestMeetingRendersARoomURLAsAPlainIframe(t *testing.T) {
	m := &Meeting{ElementID: "v1", RoomURL: vonageGrant.RoomURL}
	tree := m.Render()
	assert.NoError(t, goapp.Match(goapp.Div().ID("v1").Class("meeting-frame"), tree, 0))
	assert.NoError(t, goapp.Match(goapp.IFrame().Src(vonageGrant.RoomURL).Allow("%s", RoomFrameAllow).AllowFullscreen(true).
		Title("Video meeting").Class("meeting-room-frame"), tree, 0, 0))
	for _, f := range []string{"camera", "microphone", "display-capture", "autoplay", "fullscreen"} {
		assert.Contains(t, RoomFrameAllow, f)
	}
}

func TestJoinPageAndConsoleEmbedAVonageRoom(t *testing.T) {
	p := &JoinPage{}
	guest := vonageGrant
	guest.Moderator, guest.RoomURL = false, "https://meetings.vonage.com/123456789"
	p.onJoin(goapp.Context{}, Join{Request: TokenRequest{Room: "standup", DisplayName: "Bob"}, Grant: guest})
	require.Empty(t, p.joined.err)
	assert.Equal(t, guest.RoomURL, p.joined.roomURL, "the join page embeds the guest URL")

	p.onJoin(goapp.Context{}, Join{Grant: Grant{Provider: ProviderVonage, RoomURL: "http://meetings.vonage.com/1"}})
	assert.Contains(t, p.joined.err, "https")

	c := &Console{session: &Session{SignedIn: true, User: "mod", Moderator: true}}
	c.joinWith(Join{Grant: vonageGrant, Request: TokenRequest{Room: "standup", DisplayName: "Mod"}})
	require.Equal(t, stepMeeting, c.step())
	tree := c.Render()
	assert.Equal(t, vonageGrant.RoomURL, c.joined.roomURL, "the moderator's console embeds the host URL")
	assert.NoError(t, goapp.Match(goapp.Div().Class("notice", "provider-limits"), tree, 1, 0, 1, 1))
	assert.NoError(t, goapp.Match(goapp.Text("This provider does not offer these controls here:"), tree, 1, 0, 1, 1, 0, 0))
	assert.NoError(t, goapp.Match(goapp.Text("recording"), tree, 1, 0, 1, 1, 1, 6, 0))
	for i := 2; i <= 3; i++ { // the alerts and the event log follow the notice
		assert.Error(t, goapp.Match(&Controls{}, tree, 1, 0, 1, i), "no controls that would do nothing")
	}

	// The same place holds the controls for a provider that has them.
	c.joinWith(Join{Grant: Grant{Provider: ProviderJitsi, Domain: "meet.example.com", RoomName: "standup", JWT: "t",
		ScriptURL: "https://meet.example.com/external_api.js", Moderator: true}, Request: TokenRequest{Room: "standup", DisplayName: "Mod"}})
	assert.NoError(t, goapp.Match(&Controls{}, c.Render(), 1, 0, 1, 2), "after the alerts")
}
