package app

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/meetbridge/meetbridge/externalapi"
)

// applyAll applies events in order.
func applyAll(s RoomState, events ...externalapi.Event) RoomState {
	for _, e := range events {
		s = s.Apply(e)
	}
	return s
}

func TestParticipantsApply(t *testing.T) {
	s := applyAll(RoomState{},
		externalapi.VideoConferenceJoined{ID: "me", DisplayName: "Mod", RoomName: "standup"},
		ParticipantsSeeded{Infos: []externalapi.ParticipantInfo{
			{ParticipantID: "me", DisplayName: "Mod"},
			{ParticipantID: "p0", FormattedDisplayName: "Early (guest)"},
			{ParticipantID: ""},
		}},
		externalapi.ParticipantJoined{ID: "p1", DisplayName: "Ada"},
		externalapi.ParticipantJoined{ID: "p2", DisplayName: "Bob"},
		externalapi.DisplayNameChange{ID: "p1", DisplayName: "Ada L."},
		externalapi.ParticipantMuted{ID: "p1", IsMuted: true, MediaType: externalapi.Audio},
		externalapi.ParticipantMuted{ID: "p2", IsMuted: true, MediaType: externalapi.Video},
		externalapi.RaiseHandUpdated{ID: "p2", HandRaised: 1700000000000},
		externalapi.ParticipantRoleChanged{ID: "p1", Role: externalapi.Moderator},
		externalapi.ParticipantLeft{ID: "p0"},
		externalapi.ParticipantMuted{ID: "ghost", IsMuted: true},
		externalapi.ParticipantJoined{ID: "p1", DisplayName: ""},
	)
	assert.Equal(t, externalapi.ParticipantID("me"), s.Local)
	assert.Equal(t, Participants{
		{ID: "me", Name: "Mod", Local: true},
		{ID: "p1", Name: "Ada L.", Role: externalapi.Moderator, AudioMuted: true},
		{ID: "p2", Name: "Bob", VideoMuted: true, HandRaised: true},
	}, s.Participants)

	s = applyAll(s,
		externalapi.ParticipantMuted{ID: "p1", IsMuted: false, MediaType: externalapi.Audio},
		externalapi.RaiseHandUpdated{ID: "p2", HandRaised: 0},
		externalapi.ParticipantKickedOut{Kicked: externalapi.KickParty{ID: "p1"}},
	)
	assert.Equal(t, Participants{{ID: "me", Name: "Mod", Local: true}, {ID: "p2", Name: "Bob", VideoMuted: true}}, s.Participants)

	s = s.Apply(externalapi.VideoConferenceLeft{RoomName: "standup"})
	assert.Empty(t, s.Participants)
	assert.Empty(t, s.Local)
}

func TestParticipantsApplyNeverChangesTheOldList(t *testing.T) {
	before := Participants{}.Apply(externalapi.ParticipantJoined{ID: "p1", DisplayName: "Ada"})
	before = before.Apply(externalapi.ParticipantJoined{ID: "p2", DisplayName: "Bob"})
	snapshot := append(Participants(nil), before...)
	for _, e := range []externalapi.Event{
		externalapi.DisplayNameChange{ID: "p1", DisplayName: "X"},
		externalapi.ParticipantMuted{ID: "p1", IsMuted: true},
		externalapi.RaiseHandUpdated{ID: "p2", HandRaised: 1},
		externalapi.ParticipantRoleChanged{ID: "p2", Role: externalapi.Moderator},
		externalapi.ParticipantLeft{ID: "p1"},
		externalapi.ParticipantJoined{ID: "p3"},
		ParticipantsSeeded{Infos: []externalapi.ParticipantInfo{{ParticipantID: "p1", DisplayName: "Y"}}},
	} {
		after := before.Apply(e)
		assert.Equal(t, snapshot, before, "%T changed the old list", e)
		assert.NotEqual(t, before, after, "%T", e)
	}
	p, ok := before.Find("p2")
	assert.True(t, ok)
	assert.Equal(t, "Bob", p.Name)
	_, ok = before.Find("nobody")
	assert.False(t, ok)
}

func TestLobbyQueueApply(t *testing.T) {
	q := LobbyQueue{}.
		Apply(externalapi.KnockingParticipant{Participant: externalapi.Knocker{ID: "k1", Name: "Kim"}}).
		Apply(externalapi.KnockingParticipant{Participant: externalapi.Knocker{ID: "k2", Name: "Lee"}}).
		Apply(externalapi.KnockingParticipant{Participant: externalapi.Knocker{ID: "k1", Name: "Kim"}}).
		Apply(externalapi.KnockingParticipant{Participant: externalapi.Knocker{ID: ""}})
	assert.Equal(t, LobbyQueue{{ID: "k1", Name: "Kim"}, {ID: "k2", Name: "Lee"}}, q, "a second knock does not queue twice")

	renamed := q.Apply(externalapi.KnockingParticipant{Participant: externalapi.Knocker{ID: "k2", Name: "Lee S."}})
	assert.Equal(t, "Lee", q[1].Name, "the old queue is unchanged")
	assert.Equal(t, "Lee S.", renamed[1].Name)

	assert.Equal(t, LobbyQueue{{ID: "k2", Name: "Lee"}}, q.Remove("k1"))
	assert.Equal(t, q, q.Remove("nobody"))
	assert.Equal(t, LobbyQueue{{ID: "k1", Name: "Kim"}}, q.Apply(externalapi.ParticipantJoined{ID: "k2"}), "admitted elsewhere")
	assert.Empty(t, q.Apply(externalapi.VideoConferenceLeft{}))
	assert.Len(t, q, 2)
}

func TestRecordingApply(t *testing.T) {
	r := Recording{}.Apply(externalapi.RecordingStatusChanged{On: true, Mode: externalapi.RecordFile})
	assert.Equal(t, Recording{File: true}, r)
	assert.True(t, r.On(externalapi.RecordFile))
	assert.False(t, r.On(externalapi.RecordStream))

	r = r.Apply(externalapi.RecordingStatusChanged{On: true, Mode: externalapi.RecordStream, Transcription: true})
	assert.Equal(t, Recording{File: true, Stream: true, Transcription: true}, r)
	r = r.Apply(externalapi.RecordingStatusChanged{On: false, Mode: externalapi.RecordStream, Error: "recording.failedToStart"})
	assert.Equal(t, Recording{File: true, Error: "recording.failedToStart"}, r)
	r = r.Apply(externalapi.RecordingStatusChanged{On: false, Mode: externalapi.RecordFile})
	assert.Equal(t, Recording{}, r, "a later change clears the error")
	r = r.Apply(externalapi.RecordingStatusChanged{On: true, Mode: externalapi.RecordLocal})
	assert.True(t, r.On(externalapi.RecordLocal))

	r = r.Apply(externalapi.RecordingLinkAvailable{Link: "https://rec.example/1", TTL: 86400})
	r = r.Apply(externalapi.RecordingLinkAvailable{Link: "https://rec.example/1", TTL: 86400})
	r = r.Apply(externalapi.RecordingLinkAvailable{Link: ""})
	r2 := r.Apply(externalapi.RecordingLinkAvailable{Link: "https://rec.example/2"})
	assert.Equal(t, []RecordingLink{{URL: "https://rec.example/1", TTL: 86400}}, r.Links, "deduplicated; the old state is unchanged")
	assert.Len(t, r2.Links, 2)

	left := r2.Apply(externalapi.VideoConferenceLeft{})
	assert.Equal(t, Recording{Links: r2.Links}, left, "links outlive the conference")
}

func TestRoomsApply(t *testing.T) {
	rooms := externalapi.BreakoutRooms{
		"main": {ID: "main", JID: "main@conf", Name: "Main", IsMainRoom: true, Participants: map[string]externalapi.BreakoutParticipant{
			"a@x": {DisplayName: "Zed"}, "b@x": {DisplayName: "Ada"},
		}},
		"r2": {ID: "r2", JID: "r2@breakout", Name: "Beta"},
		"r1": {JID: "r1@breakout", Name: "Alpha", Participants: map[string]externalapi.BreakoutParticipant{"c@x": {DisplayName: "Kim"}}},
	}
	rs := Rooms{}.Apply(externalapi.BreakoutRoomsUpdated{Rooms: rooms})
	assert.Equal(t, Rooms{
		{ID: "main", JID: "main@conf", Name: "Main", Main: true, People: []string{"Ada", "Zed"}},
		{ID: "r1", JID: "r1@breakout", Name: "Alpha", People: []string{"Kim"}},
		{ID: "r2", JID: "r2@breakout", Name: "Beta"},
	}, rs, "main room first, then by name; a room without an id takes its key")
	assert.Equal(t, Rooms{rs[1], rs[2]}, rs.Breakout())
	assert.Nil(t, rs.Apply(externalapi.VideoConferenceLeft{}))
	assert.Nil(t, RoomsFrom(nil))
	assert.Equal(t, rs, rs.Apply(externalapi.ParticipantJoined{ID: "x"}))
}

func TestRoomStateApply(t *testing.T) {
	s := applyAll(RoomState{},
		externalapi.VideoConferenceJoined{ID: "me"},
		externalapi.SubjectChange{Subject: "Planning"},
		externalapi.TileViewChanged{Enabled: true},
		externalapi.RaiseHandUpdated{ID: "someone-else", HandRaised: 5},
	)
	assert.Equal(t, "Planning", s.Subject)
	assert.True(t, s.TileView)
	assert.False(t, s.HandRaised, "another participant's hand")
	s = s.Apply(externalapi.RaiseHandUpdated{ID: "me", HandRaised: 5})
	assert.True(t, s.HandRaised)
	s = s.Apply(externalapi.KnockingParticipant{Participant: externalapi.Knocker{ID: "k", Name: "Kim"}})
	assert.Len(t, s.Lobby, 1)
	s = s.Apply(externalapi.VideoConferenceLeft{})
	assert.False(t, s.HandRaised)
	assert.Empty(t, s.Lobby)
	assert.Equal(t, "Planning", s.Subject)
}
