package app

import (
	"slices"

	"github.com/meetbridge/meetbridge/externalapi"
)

// Moderation is the meeting's audio and video moderation as the events and
// isModerationOn told: whether each is on and whom a moderator approved.
type Moderation struct {
	Audio, Video bool
	// ApprovedAudio and ApprovedVideo are the approved participants.
	ApprovedAudio, ApprovedVideo []externalapi.ParticipantID
}

// ModerationSeeded carries isModerationOn's answers, read on joining. It is
// not an External API event.
type ModerationSeeded struct{ Audio, Video bool }

// EventName implements externalapi.Event.
func (ModerationSeeded) EventName() string { return "meetbridge.moderationSeeded" }

// ForceMutedSeeded carries isParticipantForceMuted's answer for one
// participant and medium, read on joining while moderation is on: one not
// held is approved. It is not an External API event.
type ForceMutedSeeded struct {
	ID     externalapi.ParticipantID
	Media  externalapi.MediaType
	Forced bool
}

// EventName implements externalapi.Event.
func (ForceMutedSeeded) EventName() string { return "meetbridge.forceMutedSeeded" }

// On reports whether moderation of the media is on.
func (m Moderation) On(media externalapi.MediaType) bool {
	if media == externalapi.Video {
		return m.Video
	}
	return m.Audio
}

// Approved reports whether participant id may use the media.
func (m Moderation) Approved(id externalapi.ParticipantID, media externalapi.MediaType) bool {
	if media == externalapi.Video {
		return slices.Contains(m.ApprovedVideo, id)
	}
	return slices.Contains(m.ApprovedAudio, id)
}

// Apply returns the moderation after the event.
func (m Moderation) Apply(e externalapi.Event) Moderation {
	switch e := e.(type) {
	case ModerationSeeded:
		m.Audio, m.Video = e.Audio, e.Video
	case ForceMutedSeeded:
		m = m.approve(e.ID, e.Media, !e.Forced)
	case externalapi.ModerationStatusChanged:
		if e.MediaType == externalapi.Video {
			m.Video = e.Enabled
			if !e.Enabled {
				m.ApprovedVideo = nil
			}
		} else {
			m.Audio = e.Enabled
			if !e.Enabled {
				m.ApprovedAudio = nil
			}
		}
	case externalapi.ModerationParticipantApproved:
		m = m.approve(e.ID, e.MediaType, true)
	case externalapi.ModerationParticipantRejected:
		m = m.approve(e.ID, e.MediaType, false)
	case externalapi.ReadyToClose:
		return Moderation{}
	}
	return m
}

// approve returns a copy with id approved or not for the media.
func (m Moderation) approve(id externalapi.ParticipantID, media externalapi.MediaType, ok bool) Moderation {
	list := &m.ApprovedAudio
	if media == externalapi.Video {
		list = &m.ApprovedVideo
	}
	out := slices.DeleteFunc(slices.Clone(*list), func(q externalapi.ParticipantID) bool { return q == id })
	if ok {
		out = append(out, id)
	}
	*list = out
	return m
}
