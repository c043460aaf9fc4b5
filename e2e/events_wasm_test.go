//go:build js && wasm

package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
)

// on subscribes a typed handler that forwards events to a buffered channel
// without ever blocking the API's dispatcher.
func on[E any](t *testing.T, subscribe func(func(E)) (externalapi.Unsubscribe, error)) <-chan E {
	t.Helper()
	ch := make(chan E, 64)
	_, err := subscribe(func(e E) {
		select {
		case ch <- e:
		default:
		}
	})
	require.NoError(t, err)
	return ch
}

func TestEventsFromTheSimulatedSideReachTypedHandlers(t *testing.T) {
	m, joined := join(t, "events", externalapi.Options{})
	joinedCh := on(t, m.OnParticipantJoined)
	speaker := on(t, m.OnDominantSpeakerChanged)
	knock := on(t, m.OnKnockingParticipant)
	hand := on(t, m.OnRaiseHandUpdated)
	message := on(t, m.OnIncomingMessage)
	endpoint := on(t, m.OnEndpointTextMessageReceived)
	muted := on(t, m.OnParticipantMuted)
	renamed := on(t, m.OnDisplayNameChange)
	link := on(t, m.OnRecordingLinkAvailable)
	camera := on(t, m.OnCameraError)
	left := on(t, m.OnParticipantLeft)

	m.control(t, map[string]any{"action": "join", "id": "dave1", "name": "Dave", "email": "dave@example.com"})
	j := recv(t, joinedCh)
	assert.Equal(t, externalapi.ParticipantJoined{ID: "dave1", DisplayName: "Dave", FormattedDisplayName: "Dave"}, externalapi.ParticipantJoined{ID: j.ID, DisplayName: j.DisplayName, FormattedDisplayName: j.FormattedDisplayName})
	n, err := m.NumberOfParticipants()
	require.NoError(t, err)
	assert.Equal(t, 2, n, "the parent-side cache counts Dave")

	m.control(t, map[string]any{"action": "speak", "id": "dave1"})
	assert.Equal(t, externalapi.ParticipantID("dave1"), recv(t, speaker).ID)

	m.control(t, map[string]any{"action": "raiseHand", "id": "dave1"})
	h := recv(t, hand)
	assert.Equal(t, externalapi.ParticipantID("dave1"), h.ID)
	assert.Positive(t, h.HandRaised, "a timestamp")
	m.control(t, map[string]any{"action": "lowerHand", "id": "dave1"})
	assert.Zero(t, recv(t, hand).HandRaised)

	m.control(t, map[string]any{"action": "message", "from": "dave1", "text": "hi there", "private": true})
	msg := recv(t, message)
	assert.Equal(t, "hi there", msg.Message)
	assert.Equal(t, externalapi.ParticipantID("dave1"), msg.From)
	assert.True(t, msg.PrivateMessage)

	m.control(t, map[string]any{"action": "endpointMessage", "from": "dave1", "text": "ping"})
	ep := recv(t, endpoint)
	assert.Equal(t, "ping", ep.Data.EventData.Text)
	assert.Equal(t, externalapi.ParticipantID("dave1"), ep.Data.SenderInfo.ID)

	m.control(t, map[string]any{"action": "mute", "id": "dave1", "mediaType": "video", "muted": true})
	mu := recv(t, muted)
	assert.Equal(t, externalapi.ParticipantMuted{ID: "dave1", IsMuted: true, MediaType: externalapi.Video}, mu)

	m.control(t, map[string]any{"action": "rename", "id": "dave1", "name": "David"})
	assert.Equal(t, "David", recv(t, renamed).DisplayName)
	name, err := m.DisplayName("dave1")
	require.NoError(t, err)
	assert.Equal(t, "David", name, "the cache follows displayname")

	m.control(t, map[string]any{"action": "recordingLink", "link": "https://recordings.example/1", "ttl": 3600})
	l := recv(t, link)
	assert.Equal(t, "https://recordings.example/1", l.Link)
	assert.Equal(t, int64(3600), l.TTL)

	m.control(t, map[string]any{"action": "fail", "type": "camera.permissionDenied", "message": "denied"})
	assert.Equal(t, "camera.permissionDenied", recv(t, camera).Type)

	require.NoError(t, m.ToggleLobby(true))
	m.control(t, map[string]any{"action": "knock", "id": "erin1", "name": "Erin"})
	assert.Equal(t, externalapi.Knocker{ID: "erin1", Name: "Erin"}, recv(t, knock).Participant)

	m.control(t, map[string]any{"action": "leave", "id": "dave1"})
	assert.Equal(t, externalapi.ParticipantID("dave1"), recv(t, left).ID)
	n, err = m.NumberOfParticipants()
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.NotEmpty(t, joined.ID)
}
