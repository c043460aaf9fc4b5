package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
)

// rooms builds a breakoutRoomsUpdated payload: room id -> participant id ->
// role, with names equal to ids.
func rooms(spec map[externalapi.RoomID]map[externalapi.ParticipantID]externalapi.Role) externalapi.BreakoutRoomsUpdated {
	out := externalapi.BreakoutRooms{}
	for id, people := range spec {
		r := externalapi.BreakoutRoom{ID: id, JID: string(id) + "@conference.sandbox", Name: string(id), IsMainRoom: id == "main",
			Participants: map[string]externalapi.BreakoutParticipant{}}
		for pid, role := range people {
			jid := r.JID + "/" + string(pid)
			r.Participants[jid] = externalapi.BreakoutParticipant{DisplayName: string(pid), JID: jid, Role: role}
		}
		out[id] = r
	}
	return externalapi.BreakoutRoomsUpdated{Rooms: out}
}

func TestTheDriftSequenceKeepsDansRoleAndMute(t *testing.T) {
	const mod = externalapi.Moderator
	start := applyAll(RoomState{},
		externalapi.VideoConferenceJoined{ID: "me", DisplayName: "Mod"},
		externalapi.ParticipantRoleChanged{ID: "me", Role: mod},
		externalapi.ParticipantJoined{ID: "dan", DisplayName: "dan"},
		externalapi.ParticipantRoleChanged{ID: "dan", Role: mod},
		externalapi.ParticipantMuted{ID: "dan", IsMuted: true, MediaType: externalapi.Audio},
		rooms(map[externalapi.RoomID]map[externalapi.ParticipantID]externalapi.Role{"main": {"me": mod, "dan": mod}, "r1": {}}),
		externalapi.ParticipantLeft{ID: "dan"},
		rooms(map[externalapi.RoomID]map[externalapi.ParticipantID]externalapi.Role{"main": {"me": mod}, "r1": {"dan": mod}}),
	)
	inR1, ok := start.Participants.Find("dan")
	require.True(t, ok, "Dan is listed under R1 while he is there")
	assert.Equal(t, Participant{ID: "dan", Name: "dan", Role: mod, AudioMuted: true, Room: "r1"}, inR1)

	// R1 is removed: Dan comes back. The sandbox, like Jitsi, re-announces
	// his role and tracks; the console must hold even where a deployment
	// only says he joined.
	for name, back := range map[string][]externalapi.Event{
		"announced": {
			externalapi.ParticipantJoined{ID: "dan", DisplayName: "dan"},
			externalapi.ParticipantRoleChanged{ID: "dan", Role: mod},
			externalapi.ParticipantMuted{ID: "dan", IsMuted: true, MediaType: externalapi.Audio},
		},
		"joined only": {externalapi.ParticipantJoined{ID: "dan", DisplayName: "dan"}},
	} {
		s := applyAll(start, back...)
		s = s.Apply(rooms(map[externalapi.RoomID]map[externalapi.ParticipantID]externalapi.Role{"main": {"me": mod, "dan": mod}}))
		got, ok := s.Participants.Find("dan")
		require.True(t, ok, name)
		assert.Equal(t, Participant{ID: "dan", Name: "dan", Role: mod, AudioMuted: true, Room: "main"}, got, name)
		assert.Len(t, s.Participants, 2, name)
	}
}

func TestEndedAndKicked(t *testing.T) {
	s := applyAll(RoomState{},
		externalapi.VideoConferenceJoined{ID: "me"},
		externalapi.ParticipantRoleChanged{ID: "me", Role: externalapi.Moderator},
	)
	assert.True(t, s.InMeeting())
	assert.True(t, s.LocalModerator())
	ended := applyAll(s, externalapi.VideoConferenceLeft{}, externalapi.ReadyToClose{})
	assert.True(t, ended.Ended)
	assert.False(t, ended.InMeeting())
	kicked := applyAll(s,
		externalapi.ParticipantKickedOut{Kicked: externalapi.KickParty{ID: "me", Local: true}, Kicker: externalapi.KickParty{ID: "x", Name: "Ada"}},
		externalapi.VideoConferenceLeft{}, externalapi.ReadyToClose{})
	assert.Equal(t, "You were removed from the meeting by Ada.", kicked.EndReason)
	again := kicked.Apply(externalapi.VideoConferenceJoined{ID: "me2"})
	assert.False(t, again.Ended, "joining again clears the end")
}

func TestModerationChatDevicesAndAlerts(t *testing.T) {
	s := applyAll(RoomState{},
		externalapi.VideoConferenceJoined{ID: "me"},
		externalapi.ParticipantJoined{ID: "bob", DisplayName: "Bob"},
		ModerationSeeded{Video: true},
		externalapi.ModerationStatusChanged{MediaType: externalapi.Audio, Enabled: true},
		externalapi.ModerationParticipantApproved{ID: "bob", MediaType: externalapi.Audio},
		externalapi.IncomingMessage{From: "bob", Nick: "Bob", Message: "hi", PrivateMessage: true},
		externalapi.OutgoingMessage{Message: "hello all"},
		DevicesSeeded{Available: externalapi.DeviceList{AudioInput: []externalapi.Device{{DeviceID: "m1", Label: "Mic"}}},
			Current: externalapi.CurrentDevices{AudioInput: &externalapi.Device{DeviceID: "m1"}}},
		externalapi.CameraError{Type: "camera.permissionDenied", Message: "denied"},
	)
	bob, _ := s.Participants.Find("bob")
	assert.False(t, s.ForceMuted(bob, externalapi.Audio), "approved")
	assert.True(t, s.ForceMuted(bob, externalapi.Video), "video moderation seeded on")
	assert.Equal(t, []ChatMessage{
		{From: "bob", Nick: "Bob", Text: "hi", Private: true, Incoming: true},
		{Text: "hello all"},
	}, s.Chat.Messages)
	assert.Equal(t, "m1", s.Devices.CurrentID(externalapi.AudioInput))
	assert.Equal(t, Alerts{{Kind: "camera", Text: "Camera failed: denied"}}, s.Alerts)
	s = s.Apply(externalapi.ModerationStatusChanged{MediaType: externalapi.Audio, Enabled: false})
	assert.True(t, s.Moderation.Video)
	assert.False(t, s.Moderation.Approved("bob", externalapi.Audio), "turning moderation off forgets approvals")
}

func TestGuestActivity(t *testing.T) {
	a := Activity{}
	for _, e := range []externalapi.Event{
		externalapi.VideoConferenceJoined{ID: "me", RoomName: "standup"},
		externalapi.AudioMuteStatusChanged{Muted: true},
		externalapi.ParticipantRoleChanged{ID: "other", Role: externalapi.Moderator},
		externalapi.ParticipantRoleChanged{ID: "me", Role: externalapi.Moderator},
		externalapi.ParticipantKickedOut{Kicked: externalapi.KickParty{ID: "me", Local: true}},
		externalapi.TileViewChanged{Enabled: true},
	} {
		a = a.Apply(e)
	}
	assert.Equal(t, []ActivityItem{
		{Event: "videoConferenceJoined", Text: "You joined standup."},
		{Event: "audioMuteStatusChanged", Text: "Your microphone is off."},
		{Event: "participantRoleChanged", Text: "You are a moderator now."},
		{Event: "participantKickedOut", Text: "A moderator removed you from the meeting."},
	}, a.Items, "only what concerns the guest")
}

func TestEventBatchKeepsOrderAndSchedulesOnce(t *testing.T) {
	var b eventBatch
	assert.True(t, b.add(externalapi.ParticipantJoined{ID: "a"}), "the first event schedules a hand-over")
	assert.False(t, b.add(externalapi.ParticipantJoined{ID: "b"}), "later ones join it")
	assert.Equal(t, []externalapi.Event{externalapi.ParticipantJoined{ID: "a"}, externalapi.ParticipantJoined{ID: "b"}}, b.take())
	assert.True(t, b.add(externalapi.ParticipantLeft{ID: "a"}), "after the hand-over, the next event schedules again")
}

func TestForceMutedSeededApproves(t *testing.T) {
	s := applyAll(RoomState{},
		externalapi.VideoConferenceJoined{ID: "me"},
		externalapi.ParticipantJoined{ID: "bob"},
		externalapi.ParticipantJoined{ID: "cy"},
		ModerationSeeded{Audio: true},
		ForceMutedSeeded{ID: "bob", Media: externalapi.Audio, Forced: false},
		ForceMutedSeeded{ID: "cy", Media: externalapi.Audio, Forced: true},
	)
	bob, _ := s.Participants.Find("bob")
	cy, _ := s.Participants.Find("cy")
	assert.False(t, s.ForceMuted(bob, externalapi.Audio), "approved before the console came")
	assert.True(t, s.ForceMuted(cy, externalapi.Audio))
}

func TestTheLocalMuteFollowsTheMuteStatusEvents(t *testing.T) {
	s := applyAll(RoomState{},
		externalapi.VideoConferenceJoined{ID: "me", DisplayName: "Mod"},
		externalapi.ParticipantJoined{ID: "dan", DisplayName: "dan"},
		externalapi.AudioMuteStatusChanged{Muted: true},
		externalapi.VideoMuteStatusChanged{Muted: true},
	)
	me, ok := s.Participants.Find("me")
	require.True(t, ok)
	assert.True(t, me.AudioMuted, "a deployment that sends no participantMuted for the local participant still shows its mute")
	assert.True(t, me.VideoMuted)
	dan, _ := s.Participants.Find("dan")
	assert.False(t, dan.AudioMuted || dan.VideoMuted, "only the local participant")
	s = s.Apply(externalapi.AudioMuteStatusChanged{Muted: false})
	me, _ = s.Participants.Find("me")
	assert.False(t, me.AudioMuted)
}
