//go:build js && wasm

package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
)

func TestEveryPromiseGetterAnswersWithTheSpecShape(t *testing.T) {
	m, joined := join(t, "getters", externalapi.Options{
		UserInfo:        &externalapi.UserInfo{DisplayName: "Alice", Email: "alice@example.com"},
		ConfigOverwrite: externalapi.Config{"deploymentInfo": map[string]any{"environment": "sandbox"}},
	})
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()

	shot, err := m.CaptureLargeVideoScreenshot(ctx)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(shot.DataURL, "data:image/png;base64,"), shot.DataURL)

	devices, err := m.AvailableDevices(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, devices.AudioInput)
	require.NotEmpty(t, devices.VideoInput)
	assert.Equal(t, externalapi.AudioInput, devices.AudioInput[0].Kind)
	current, err := m.CurrentDevices(ctx)
	require.NoError(t, err)
	require.NotNil(t, current.AudioInput)

	// Switching by label reaches the meeting and changes the current device.
	if len(devices.AudioInput) > 1 {
		ok, err := m.SetAudioInputDevice(ctx, devices.AudioInput[1].Label, "")
		require.NoError(t, err)
		assert.True(t, ok)
		current, err = m.CurrentDevices(ctx)
		require.NoError(t, err)
		assert.Equal(t, devices.AudioInput[1].Label, current.AudioInput.Label)
	}
	ok, err := m.SetVideoInputDevice(ctx, "", devices.VideoInput[0].DeviceID)
	require.NoError(t, err)
	assert.True(t, ok)
	if len(devices.AudioOutput) > 0 {
		ok, err = m.SetAudioOutputDevice(ctx, devices.AudioOutput[0].Label, "")
		require.NoError(t, err)
		assert.True(t, ok)
	}
	_, err = m.IsDeviceChangeAvailable(ctx, externalapi.InputDevice)
	require.NoError(t, err)
	_, err = m.IsMultipleAudioInputSupported(ctx)
	require.NoError(t, err)
	listAvailable, err := m.IsDeviceListAvailable(ctx)
	require.NoError(t, err)
	assert.True(t, listAvailable)

	stats, err := m.ConnectionStats(ctx)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(stats), "{"), string(stats))
	sharing, err := m.ContentSharingParticipants(ctx)
	require.NoError(t, err)
	assert.NotNil(t, sharing.SharingParticipantIDs)
	_, err = m.CustomAvatarBackgrounds(ctx)
	require.NoError(t, err)
	info, err := m.DeploymentInfo(ctx)
	require.NoError(t, err)
	assert.JSONEq(t, `{"environment":"sandbox"}`, string(info))
	_, err = m.LivestreamURL(ctx)
	require.NoError(t, err)

	rooms, err := m.RoomsInfo(ctx)
	require.NoError(t, err)
	require.Len(t, rooms.Rooms, 1)
	assert.True(t, rooms.Rooms[0].IsMainRoom)
	require.Len(t, rooms.Rooms[0].Participants, 1)
	assert.Equal(t, joined.ID, rooms.Rooms[0].Participants[0].ID)
	assert.Equal(t, externalapi.Moderator, rooms.Rooms[0].Participants[0].Role)

	session, err := m.SessionID(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, session)
	_, err = m.SharedDocumentURL(ctx)
	require.NoError(t, err)

	for name, get := range map[string]func(context.Context) (bool, error){
		"IsAudioAvailable": m.IsAudioAvailable, "IsAudioDisabled": m.IsAudioDisabled,
		"IsParticipantsPaneOpen": m.IsParticipantsPaneOpen, "IsSharingScreen": m.IsSharingScreen,
		"IsStartSilent": m.IsStartSilent, "IsVideoAvailable": m.IsVideoAvailable,
	} {
		_, err := get(ctx)
		assert.NoError(t, err, name)
	}

	// Getters follow the commands.
	muted, err := m.IsAudioMuted(ctx)
	require.NoError(t, err)
	require.NoError(t, m.ToggleAudio())
	waitFrames(t, "audio muted toggled", func() bool {
		now, err := m.IsAudioMuted(ctx)
		return err == nil && now != muted
	})
	videoMuted, err := m.IsVideoMuted(ctx)
	require.NoError(t, err)
	assert.False(t, videoMuted)

	require.NoError(t, m.ToggleModeration(true, externalapi.Video))
	waitFrames(t, "video moderation on", func() bool {
		on, err := m.IsModerationOn(ctx, externalapi.Video)
		return err == nil && on
	})
	forced, err := m.IsParticipantForceMuted(ctx, joined.ID, externalapi.Audio)
	require.NoError(t, err)
	assert.False(t, forced, "audio moderation is off")

	active, known, err := m.IsP2PActive(ctx)
	require.NoError(t, err)
	assert.True(t, known)
	assert.False(t, active)

	invited, err := m.Invite(ctx, externalapi.Invitee{Type: "phone", Number: "+15551234"})
	require.NoError(t, err)
	assert.True(t, len(invited.Result) > 0 || len(invited.Error) > 0, "invite resolves {result} or {error}")

	br, err := m.ListBreakoutRooms(ctx)
	require.NoError(t, err)
	require.Len(t, br, 1)

	// On a desktop the meeting never answers captureCameraPicture: the
	// context bounds it and later requests are still answered.
	short, cancelShort := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancelShort()
	_, err = m.CaptureCameraPicture(short, "", "", "")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	_, err = m.SessionID(ctx)
	assert.NoError(t, err)

	// The synchronous getters read the parent-side cache.
	name, err := m.DisplayName(joined.ID)
	require.NoError(t, err)
	assert.Equal(t, "Alice", name)
	email, err := m.Email(joined.ID)
	require.NoError(t, err)
	assert.Equal(t, "alice@example.com", email)
	n, err := m.NumberOfParticipants()
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	people, err := m.ParticipantsInfo()
	require.NoError(t, err)
	require.Len(t, people, 1)
	assert.Equal(t, joined.ID, people[0].ParticipantID)
	visitor, err := m.IsVisitor()
	require.NoError(t, err)
	assert.False(t, visitor)
}

func TestDeploymentInfoRejectsWithoutConfig(t *testing.T) {
	m, _ := join(t, "deployment", externalapi.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	_, err := m.DeploymentInfo(ctx)
	var pe *externalapi.PromiseError
	require.ErrorAs(t, err, &pe)
}
