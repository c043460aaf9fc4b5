package externalapi

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPromiseGettersDecodeTheActualShapes(t *testing.T) {
	a, f := newFakeAPI()
	defer a.Dispose()
	ctx := context.Background()
	f.results = map[string]string{
		"captureLargeVideoScreenshot":   `{"dataURL":"data:image/png;base64,AA"}`,
		"getContentSharingParticipants": `{"sharingParticipantIds":["p1"]}`,
		"getLivestreamUrl":              `{"livestreamUrl":"https://live/x"}`,
		"getAvailableDevices":           `{"audioInput":[{"deviceId":"m1","kind":"audioinput","label":"Mic 1"}],"audioOutput":[],"videoInput":[]}`,
		"getCurrentDevices":             `{"videoInput":{"deviceId":"c1","kind":"videoinput","label":"Cam"}}`,
		"getRoomsInfo":                  `{"rooms":[{"isMainRoom":true,"id":"main","jid":"m@x","participants":[{"id":"p1","role":"moderator","displayName":"A","avatarUrl":""}]}]}`,
		"getSessionId":                  `"abc"`,
		"isAudioMuted":                  `true`,
		"isP2pActive":                   `null`,
		"invite":                        `{"error":{"message":"no dial-out"}}`,
		"setAudioInputDevice":           `true`,
		"listBreakoutRooms":             `{"r1":{"id":"r1","jid":"r1@x","name":"R","isMainRoom":false,"participants":{}}}`,
		"getParticipantsInfo":           `[{"participantId":"p1","displayName":"A","formattedDisplayName":"A (me)"}]`,
		"getDisplayName":                `"Bob"`,
		"getNumberOfParticipants":       `3`,
	}

	shot, err := a.CaptureLargeVideoScreenshot(ctx)
	require.NoError(t, err)
	assert.Equal(t, "data:image/png;base64,AA", shot.DataURL)

	sharing, err := a.ContentSharingParticipants(ctx)
	require.NoError(t, err)
	assert.Equal(t, []ParticipantID{"p1"}, sharing.SharingParticipantIDs)

	live, err := a.LivestreamURL(ctx)
	require.NoError(t, err)
	assert.Equal(t, "https://live/x", live.URL)

	devices, err := a.AvailableDevices(ctx)
	require.NoError(t, err)
	mic, ok := devices.Find(AudioInput, "Mic 1")
	assert.True(t, ok)
	assert.Equal(t, "m1", mic.DeviceID)

	current, err := a.CurrentDevices(ctx)
	require.NoError(t, err)
	assert.Nil(t, current.AudioInput)
	assert.Equal(t, "Cam", current.VideoInput.Label)

	rooms, err := a.RoomsInfo(ctx)
	require.NoError(t, err)
	assert.Equal(t, Moderator, rooms.Rooms[0].Participants[0].Role)

	id, err := a.SessionID(ctx)
	require.NoError(t, err)
	assert.Equal(t, "abc", id)

	muted, err := a.IsAudioMuted(ctx)
	require.NoError(t, err)
	assert.True(t, muted)

	_, known, err := a.IsP2PActive(ctx)
	require.NoError(t, err)
	assert.False(t, known)

	res, err := a.Invite(ctx, Invitee{Type: "phone", Number: "+123"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"message":"no dial-out"}`, string(res.Error))

	switched, err := a.SetAudioInputDevice(ctx, "Mic 1", "")
	require.NoError(t, err)
	assert.True(t, switched)

	br, err := a.ListBreakoutRooms(ctx)
	require.NoError(t, err)
	assert.Equal(t, "R", br["r1"].Name)

	people, err := a.ParticipantsInfo()
	require.NoError(t, err)
	assert.Equal(t, ParticipantID("p1"), people[0].ParticipantID)

	name, err := a.DisplayName("p2")
	require.NoError(t, err)
	assert.Equal(t, "Bob", name)
	email, err := a.Email("p2") // undefined in the cache
	require.NoError(t, err)
	assert.Equal(t, "", email)

	n, err := a.NumberOfParticipants()
	require.NoError(t, err)
	assert.Equal(t, 3, n)

	assert.Contains(t, f.calls, `setAudioInputDevice["Mic 1",""]`)
	assert.Contains(t, f.calls, `invite[[{"type":"phone","number":"+123"}]]`)
}

func TestUnexpectedResultShapeIsAResultError(t *testing.T) {
	a, f := newFakeAPI()
	defer a.Dispose()
	f.results["isVideoMuted"] = `{"muted":true}`
	_, err := a.IsVideoMuted(context.Background())
	var re *ResultError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "isVideoMuted", re.Method)
}

func TestHungPromiseReturnsWithTheContext(t *testing.T) {
	a, _ := newFakeAPI()
	defer a.Dispose()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := a.CaptureCameraPicture(ctx, FacingUser, "smile", "Photo")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestDisposeEndsPendingGetters(t *testing.T) {
	a, f := newFakeAPI()
	errs := make(chan error, 1)
	go func() {
		_, err := a.AvailableDevices(context.Background())
		errs <- err
	}()
	assert.Equal(t, "getAvailableDevices", waitFor(t, f.awaiting))
	require.NoError(t, a.Dispose())
	assert.ErrorIs(t, waitFor(t, errs), ErrDisposed)
}

func TestGetterArgumentsAreValidated(t *testing.T) {
	a, f := newFakeAPI()
	defer a.Dispose()
	ctx := context.Background()
	_, err := a.IsModerationOn(ctx, "screen")
	assert.ErrorContains(t, err, "unknown media type")
	_, err = a.IsParticipantForceMuted(ctx, "", Audio)
	assert.ErrorContains(t, err, "is required")
	_, err = a.IsDeviceChangeAvailable(ctx, "sideways")
	assert.ErrorContains(t, err, "unknown device direction")
	_, err = a.SetVideoInputDevice(ctx, "", "")
	assert.ErrorIs(t, err, errNoDevice)
	_, err = a.SetDevice(ctx, Device{Kind: "printer", Label: "x"})
	assert.ErrorContains(t, err, "unknown device kind")
	_, err = a.Invite(ctx)
	assert.ErrorContains(t, err, "no invitees")
	_, err = a.CaptureCameraPicture(ctx, "sideways", "", "")
	assert.ErrorContains(t, err, "unknown facing mode")
	_, err = a.DisplayName("")
	assert.ErrorContains(t, err, "is required")
	assert.Empty(t, f.calls, "nothing reached the meeting")
}
