package externalapi

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSize(t *testing.T) {
	for _, s := range []string{"640px", "100%", "12.5em", "10pt", "80vh", "50vw", "100dvh", "100lvw", "90svh", "0px"} {
		sz, err := ParseSize(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, sz.String())
	}
	for _, s := range []string{"", "100", "px", "-5px", "10 px", "5rem", "1e3px", "100%%", "50vmin", "abc", "1.px", ".5em", "1.2.3px", "+3px", "0x10px", "5vhx"} {
		_, err := ParseSize(s)
		assert.Error(t, err, s)
	}
	b, err := json.Marshal([]Size{Px(640), Percent(50), MustParseSize("80vh")})
	require.NoError(t, err)
	assert.JSONEq(t, `[640,"50%","80vh"]`, string(b))
	assert.Panics(t, func() { MustParseSize("wide") })
	assert.Equal(t, "100%", Size{}.String())
	assert.Error(t, Px(-1).Validate())
}

func TestConstructorOptions(t *testing.T) {
	o := Options{
		RoomName:                 "standup",
		Width:                    Px(800),
		Height:                   MustParseSize("80vh"),
		ConfigOverwrite:          Config{"prejoinConfig": map[string]any{"enabled": false}},
		InterfaceConfigOverwrite: Config{"SHOW_JITSI_WATERMARK": false},
		JWT:                      "tok",
		Lang:                     "de",
		Invitees:                 []Invitee{{Type: "phone", Number: "+1"}},
		Devices:                  &PreferredDevices{AudioInput: "Mic 1"},
		UserInfo:                 &UserInfo{DisplayName: "Alice", Email: "a@x"},
		ICEServers:               &ICEServers{Replace: []ICEServerRule{{TargetType: "turn", URLs: "turn:t.example:443"}, {TargetType: "turns"}}},
		E2EEKey:                  "k",
		Release:                  "release-1234",
		Sandbox:                  "allow-scripts allow-same-origin",
	}
	m, err := constructorOptions(JaaS("vpaas-magic-cookie-abc"), o)
	require.NoError(t, err)
	b, err := json.Marshal(m)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"roomName": "vpaas-magic-cookie-abc/standup",
		"width": 800, "height": "80vh",
		"configOverwrite": {"prejoinConfig": {"enabled": false}},
		"interfaceConfigOverwrite": {"SHOW_JITSI_WATERMARK": false},
		"jwt": "tok", "lang": "de",
		"invitees": [{"type":"phone","number":"+1"}],
		"devices": {"audioInput": "Mic 1"},
		"userInfo": {"displayName": "Alice", "email": "a@x"},
		"iceServers": {"replace": [{"targetType":"turn","urls":"turn:t.example:443"},{"targetType":"turns","urls":null}]},
		"e2eeKey": "k", "release": "release-1234",
		"sandbox": "allow-scripts allow-same-origin"
	}`, string(b))
}

func TestMeetHourOptions(t *testing.T) {
	m, err := constructorOptions(MeetHour("key-1"), Options{RoomName: "m1", PCode: "enc"})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"roomName": "m1", "apiKey": "key-1", "pcode": "enc"}, m)

	_, err = constructorOptions(MeetHour(""), Options{RoomName: "m1"})
	assert.ErrorContains(t, err, "option apiKey is required")
	m, err = constructorOptions(MeetHour(""), Options{RoomName: "m1", APIKey: "k2"})
	require.NoError(t, err, "the option supplies the key")
	assert.Equal(t, "k2", m["apiKey"])
}

func TestInvalidOptions(t *testing.T) {
	cases := map[string]Options{
		"no room name":           {},
		"contains ' '":           {RoomName: "my room"},
		"contains '?'":           {RoomName: "a?b"},
		"empty or relative":      {RoomName: "../x"},
		"more than a tenant":     {RoomName: "a/b/c"},
		"width":                  {RoomName: "r", Width: Px(-3)},
		"unknown sandbox":        {RoomName: "r", Sandbox: "allow-scripts allow-everything"},
		"rule 0 has no target t": {RoomName: "r", ICEServers: &ICEServers{Replace: []ICEServerRule{{URLs: "turn:x"}}}},
	}
	for want, o := range cases {
		_, err := constructorOptions(Jitsi("meet.example.com"), o)
		assert.ErrorContains(t, err, want)
	}
	assert.NoError(t, Options{RoomName: "tenant/room-1_a.b~c@d"}.Validate())
}

func TestProviderScripts(t *testing.T) {
	for _, tc := range []struct {
		p    Provider
		want string
	}{
		{Jitsi("meet.example.com"), "https://meet.example.com/external_api.js"},
		{Jitsi("meet.example.com:8443/tenant"), "https://meet.example.com:8443/tenant/external_api.js"},
		{Sandbox("127.0.0.1:8080", false), "http://127.0.0.1:8080/external_api.js"},
		{Sandbox("localhost:8443", true), "https://localhost:8443/external_api.js"},
		{JaaS("vpaas-magic-cookie-abc"), "https://8x8.vc/libs/external_api.min.js"},
		{MeetHour("k&y=1"), "https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey=k%26y%3D1"},
		// Escaped alike on the host (net/url) and in the browser (encodeURIComponent).
		{Provider{Name: "r", Domain: "d", Global: "X", ScriptURL: "https://{domain}/{release}/e.js", Release: "v 1/2?#"},
			"https://d/v%201%2F2%3F%23/e.js"},
	} {
		got, err := tc.p.Script()
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
	for want, p := range map[string]Provider{
		"no domain":            {Global: "X", ScriptURL: "s"},
		"without a scheme":     Jitsi("https://meet.example.com"),
		"no global":            {Domain: "d", ScriptURL: "s"},
		"no script URL":        {Domain: "d", Global: "X"},
		"option apiKey":        MeetHour(""),
		"script URL needs a r": {Domain: "d", Global: "X", ScriptURL: "https://d/{release}/x.js"},
	} {
		_, err := p.Script()
		assert.ErrorContains(t, err, want)
	}
}

func TestMediaEncryptionKeyWireForm(t *testing.T) {
	s, err := mediaEncryptionKeyArg(nil, 1)
	require.NoError(t, err)
	assert.Equal(t, `{"exportedKey":false,"index":1}`, s)
	s, err = mediaEncryptionKeyArg([]byte{0, 7, 255}, 12)
	require.NoError(t, err)
	assert.Equal(t, `{"exportedKey":[0,7,255],"index":12}`, s)
	_, err = mediaEncryptionKeyArg([]byte{}, 0)
	assert.Error(t, err)
	_, err = mediaEncryptionKeyArg(nil, -1)
	assert.Error(t, err)
}
