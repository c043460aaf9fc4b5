package app

import "github.com/meetbridge/meetbridge/externalapi"

// RoomState is everything the console shows about the meeting, built from
// the bridge's events by Apply alone. It is a value: Apply returns a new
// one and never changes the slices of the old one.
type RoomState struct {
	// Local is the local participant's id, once joined.
	Local        externalapi.ParticipantID
	Participants Participants
	Lobby        LobbyQueue
	Recording    Recording
	Rooms        Rooms
	Subject      string
	TileView     bool
	// HandRaised is the local participant's hand.
	HandRaised bool
}

// Apply returns the state after the event.
func (s RoomState) Apply(e externalapi.Event) RoomState {
	switch e := e.(type) {
	case externalapi.VideoConferenceJoined:
		s.Local = e.ID
	case externalapi.VideoConferenceLeft:
		s.Local, s.HandRaised = "", false
	case externalapi.SubjectChange:
		s.Subject = e.Subject
	case externalapi.TileViewChanged:
		s.TileView = e.Enabled
	case externalapi.RaiseHandUpdated:
		if e.ID != "" && e.ID == s.Local {
			s.HandRaised = e.HandRaised != 0
		}
	}
	s.Participants = s.Participants.Apply(e)
	s.Lobby = s.Lobby.Apply(e)
	s.Recording = s.Recording.Apply(e)
	s.Rooms = s.Rooms.Apply(e)
	return s
}
