package app

import "github.com/meetbridge/meetbridge/externalapi"

// RoomState is everything the console shows about the meeting, built by
// Apply alone from the bridge's events and from what its getters answered
// (fed in as the Seeded pseudo-events). It is a value: Apply returns a new
// one and never changes the slices of the old one.
type RoomState struct {
	// Local is the local participant's id, once joined.
	Local externalapi.ParticipantID
	// Participants are everyone in the meeting, in every room.
	Participants Participants
	// Departed remembers those who left the local room (to a breakout
	// room, or the local participant moved), so that their role, mute and
	// hand come back with them.
	Departed   Participants
	Lobby      LobbyQueue
	Recording  Recording
	Rooms      Rooms
	Moderation Moderation
	Chat       Chat
	Devices    Devices
	Alerts     Alerts
	Subject    string
	TileView   bool
	// HandRaised is the local participant's hand.
	HandRaised bool
	// Ended is set when the local participant is out of the meeting for
	// good (it ended, they left or were kicked): the console then offers
	// to join again.
	Ended bool
	// EndReason says why, for the panel.
	EndReason string
}

// maxDeparted bounds what Departed remembers.
const maxDeparted = 1000

// RoomsSeeded carries getRoomsInfo's answer, read after breakout changes
// and on joining. It is not an External API event.
type RoomsSeeded struct{ Info externalapi.RoomsInfo }

// EventName implements externalapi.Event.
func (RoomsSeeded) EventName() string { return "meetbridge.roomsSeeded" }

// Apply returns the state after the event.
func (s RoomState) Apply(e externalapi.Event) RoomState {
	switch e := e.(type) {
	case externalapi.VideoConferenceJoined:
		s.Local, s.Ended, s.EndReason = e.ID, false, ""
	case externalapi.VideoConferenceLeft:
		// Moving between rooms leaves and joins: remember everyone.
		s.Departed = s.Departed.remember(s.Participants...)
		s.Local, s.HandRaised, s.Participants = "", false, nil
	case externalapi.ReadyToClose:
		s.Ended = true
		if s.EndReason == "" {
			s.EndReason = "You left the meeting, or it ended."
		}
	case externalapi.ParticipantKickedOut:
		if e.Kicked.Local || (e.Kicked.ID != "" && e.Kicked.ID == s.Local) {
			s.EndReason = "You were removed from the meeting by " + nameOr(e.Kicker.Name, "a moderator") + "."
		}
		s.Departed = s.Departed.remove(e.Kicked.ID)
	case externalapi.ParticipantLeft:
		if p, ok := s.Participants.Find(e.ID); ok {
			s.Departed = s.Departed.remember(p)
		}
	case externalapi.ParticipantJoined:
		if p, ok := s.Departed.Find(e.ID); ok && s.Participants.index(e.ID) < 0 {
			s.Participants = append(s.Participants.clip(), p)
		}
	case externalapi.SubjectChange:
		s.Subject = e.Subject
	case externalapi.TileViewChanged:
		s.TileView = e.Enabled
	case externalapi.RaiseHandUpdated:
		if e.ID != "" && e.ID == s.Local {
			s.HandRaised = e.HandRaised != 0
		}
	case externalapi.AudioMuteStatusChanged:
		// Deployments before participantMuted was sent for the local
		// participant tell its mute only here.
		s.Participants = s.Participants.update(s.Local, func(p *Participant) { p.AudioMuted = e.Muted })
	case externalapi.VideoMuteStatusChanged:
		s.Participants = s.Participants.update(s.Local, func(p *Participant) { p.VideoMuted = e.Muted })
	case externalapi.BreakoutRoomsUpdated:
		s.Participants = s.Participants.Place(placedFromUpdate(e.Rooms), s.Departed)
	case RoomsSeeded:
		s.Participants = s.Participants.Place(placedFromInfo(e.Info), s.Departed)
	}
	s.Participants = s.Participants.Apply(e)
	s.Lobby = s.Lobby.Apply(e)
	s.Recording = s.Recording.Apply(e)
	s.Rooms = s.Rooms.Apply(e)
	s.Moderation = s.Moderation.Apply(e)
	s.Chat = s.Chat.Apply(e)
	s.Devices = s.Devices.Apply(e)
	s.Alerts = s.Alerts.Apply(e)
	return s
}

// LocalModerator reports whether the local participant is a moderator, as
// the meeting said.
func (s RoomState) LocalModerator() bool {
	p, ok := s.Participants.Find(s.Local)
	return ok && p.Role == externalapi.Moderator
}

// InMeeting reports whether the console can act on the meeting: joined and
// not ended.
func (s RoomState) InMeeting() bool { return s.Local != "" && !s.Ended }

// ForceMuted reports whether AV moderation holds participant p's media
// muted: moderation on, p no moderator and not approved.
func (s RoomState) ForceMuted(p Participant, media externalapi.MediaType) bool {
	return s.Moderation.On(media) && p.Role != externalapi.Moderator && !s.Moderation.Approved(p.ID, media)
}

// Revocable reports whether a moderator can take back participant p's
// approval of the media: moderation on, p no moderator and approved.
func (s RoomState) Revocable(p Participant, media externalapi.MediaType) bool {
	return s.Moderation.On(media) && p.Role != externalapi.Moderator && s.Moderation.Approved(p.ID, media)
}
