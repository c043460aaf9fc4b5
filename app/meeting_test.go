package app

import (
	"errors"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"

	"github.com/meetbridge/meetbridge/externalapi"
)

func TestMeetingRendersItsContainerFirst(t *testing.T) {
	m := &Meeting{ElementID: "standup"}
	tree := m.Render()
	assert.NoError(t, goapp.Match(goapp.Div().ID("standup").Class("meeting-frame"), tree, 0))
	assert.NoError(t, goapp.Match(goapp.P().Class("meeting-status").Text("Connecting to the meeting…"), tree, 1))

	m.state, m.err = MeetingFailed, errors.New("script blocked")
	tree = m.Render()
	assert.NoError(t, goapp.Match(goapp.Div().ID("standup").Class("meeting-frame"), tree, 0), "the container keeps its place")
	assert.NoError(t, goapp.Match(goapp.Span().Text("The meeting could not start: script blocked"), tree, 1, 0))
	assert.NoError(t, goapp.Match(goapp.Button().Type("button").Class("retry").Text("Try again").OnClick(func(goapp.Context, goapp.Event) {}), tree, 1, 1))

	assert.Equal(t, DefaultMeetingElementID, (&Meeting{}).containerID())
}

func TestMeetingIsANewMeetingWhenItsRoomJWTOrAttemptChange(t *testing.T) {
	mk := func() *Meeting {
		return &Meeting{ElementID: "m", Provider: externalapi.Sandbox("127.0.0.1:8080", false), Options: externalapi.Options{RoomName: "standup", JWT: "a"}}
	}
	assert.Equal(t, mk().CompoID(), mk().CompoID())
	for name, change := range map[string]func(*Meeting){
		"room":     func(m *Meeting) { m.Options.RoomName = "retro" },
		"jwt":      func(m *Meeting) { m.Options.JWT = "b" },
		"provider": func(m *Meeting) { m.Provider = externalapi.Jitsi("meet.example.com") },
		"attempt":  func(m *Meeting) { m.Attempt++ },
	} {
		m := mk()
		change(m)
		assert.NotEqual(t, mk().CompoID(), m.CompoID(), name)
	}
}
