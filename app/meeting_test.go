package app

import (
	"errors"
	"testing"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
)

func TestMeetingRendersItsContainerFirst(t *testing.T) {
	m := &Meeting{ElementID: "standup"}
	tree := m.Render()
	assert.NoError(t, goapp.Match(goapp.Div().ID("standup").Class("meeting-frame"), tree, 0))
	assert.NoError(t, goapp.Match(goapp.P().Class("meeting-status").Text("Connecting to the meeting…"), tree, 1))

	m.state, m.err = MeetingFailed, errors.New("script blocked")
	tree = m.Render()
	assert.NoError(t, goapp.Match(goapp.Div().ID("standup").Class("meeting-frame"), tree, 0), "the container keeps its place")
	assert.NoError(t, goapp.Match(goapp.P().Class("meeting-status", "error").Text("The meeting could not start: script blocked"), tree, 1))

	assert.Equal(t, DefaultMeetingElementID, (&Meeting{}).containerID())
}
