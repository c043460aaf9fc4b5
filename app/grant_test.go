package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
)

func TestProviderFromGrant(t *testing.T) {
	cases := []struct {
		name   string
		grant  Grant
		want   externalapi.Provider
		opts   externalapi.Options
		script string
	}{
		{
			name:  "sandbox over http",
			grant: Grant{Provider: "sandbox", Domain: "127.0.0.1:8080", RoomName: "standup", JWT: "t", ScriptURL: "http://127.0.0.1:8080/external_api.js"},
			want: func() externalapi.Provider {
				p := externalapi.Sandbox("127.0.0.1:8080", false)
				p.ScriptURL = "http://127.0.0.1:8080/external_api.js"
				return p
			}(),
			opts:   externalapi.Options{RoomName: "standup", JWT: "t"},
			script: "http://127.0.0.1:8080/external_api.js",
		},
		{
			name:  "sandbox, script path on this site",
			grant: Grant{Provider: "sandbox", Domain: "meet.example.com", RoomName: "standup", JWT: "t", ScriptURL: "/external_api.js"},
			want: func() externalapi.Provider {
				p := externalapi.Sandbox("meet.example.com", false)
				p.ScriptURL = "/external_api.js"
				return p
			}(),
			opts:   externalapi.Options{RoomName: "standup", JWT: "t"},
			script: "/external_api.js",
		},
		{
			name:  "jitsi",
			grant: Grant{Provider: "jitsi", Domain: "meet.example.com", RoomName: "dailystandup", JWT: "t", ScriptURL: "https://meet.example.com/libs/external_api.min.js"},
			want: func() externalapi.Provider {
				p := externalapi.Jitsi("meet.example.com")
				p.ScriptURL = "https://meet.example.com/libs/external_api.min.js"
				return p
			}(),
			opts:   externalapi.Options{RoomName: "dailystandup", JWT: "t"},
			script: "https://meet.example.com/libs/external_api.min.js",
		},
		{
			name: "jaas keeps the app id in the room and adds no prefix",
			grant: Grant{Provider: "jaas", Domain: "8x8.vc", RoomName: "vpaas-magic-cookie-abc/standup", JWT: "t",
				ScriptURL: "https://8x8.vc/vpaas-magic-cookie-abc/external_api.js"},
			want: externalapi.Provider{
				Name: "jaas", Domain: "8x8.vc", Global: "JitsiMeetExternalAPI",
				ScriptURL:       "https://8x8.vc/vpaas-magic-cookie-abc/external_api.js",
				FrameNamePrefix: "jitsiConferenceFrame",
			},
			opts:   externalapi.Options{RoomName: "vpaas-magic-cookie-abc/standup", JWT: "t"},
			script: "https://8x8.vc/vpaas-magic-cookie-abc/external_api.js",
		},
		{
			name: "meethour",
			grant: Grant{Provider: "meethour", Domain: "meethour.io", RoomName: "MH1234", JWT: "t", APIKey: "key 1", PCode: "enc",
				ScriptURL: "https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey=key+1"},
			want: func() externalapi.Provider {
				p := externalapi.MeetHour("key 1")
				p.ScriptURL = "https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey=key+1"
				return p
			}(),
			opts:   externalapi.Options{RoomName: "MH1234", JWT: "t", PCode: "enc"},
			script: "https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey=key+1",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, o, err := ProviderFromGrant(tc.grant)
			require.NoError(t, err)
			assert.Equal(t, tc.want, p)
			assert.Equal(t, tc.opts, o)
			script, err := p.Script()
			require.NoError(t, err)
			assert.Equal(t, tc.script, script, "the grant's script is used as it is")
		})
	}
}

func TestProviderFromGrantSandboxHTTPS(t *testing.T) {
	p, _, err := ProviderFromGrant(Grant{Provider: "sandbox", Domain: "meet.example.com", RoomName: "standup", ScriptURL: "https://meet.example.com/external_api.js"})
	require.NoError(t, err)
	want := externalapi.Sandbox("meet.example.com", true)
	want.ScriptURL = "https://meet.example.com/external_api.js"
	assert.Equal(t, want, p)
}

func TestProviderFromGrantRefuses(t *testing.T) {
	ok := Grant{Provider: "jitsi", Domain: "meet.example.com", RoomName: "standup", ScriptURL: "https://meet.example.com/external_api.js"}
	cases := map[string]func(*Grant){
		"unknown provider":       func(g *Grant) { g.Provider = "zoom" },
		"no script":              func(g *Grant) { g.ScriptURL = "" },
		"javascript script":      func(g *Grant) { g.ScriptURL = "javascript:alert(1)" },
		"data script":            func(g *Grant) { g.ScriptURL = "data:text/javascript,1" },
		"protocol-relative":      func(g *Grant) { g.ScriptURL = "//evil.example/x.js" },
		"relative without slash": func(g *Grant) { g.ScriptURL = "external_api.js" },
		"no domain":              func(g *Grant) { g.Domain = "" },
		"bad room":               func(g *Grant) { g.RoomName = "a/b/c" },
		"no room":                func(g *Grant) { g.RoomName = "" },
		"meethour without key":   func(g *Grant) { g.Provider = "meethour" },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			g := ok
			mutate(&g)
			_, _, err := ProviderFromGrant(g)
			assert.Error(t, err)
		})
	}
}
