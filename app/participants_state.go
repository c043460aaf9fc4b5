package app

import (
	"slices"

	"github.com/meetbridge/meetbridge/externalapi"
)

// Participant is one person in the meeting as the console knows them from
// events.
type Participant struct {
	ID   externalapi.ParticipantID
	Name string
	// Role is empty until the meeting reports it.
	Role       externalapi.Role
	Local      bool
	AudioMuted bool
	VideoMuted bool
	HandRaised bool
}

// Participants is the participant list in join order. Its methods never
// modify it: they return a new list, so that a list handed to a component
// is never changed under it.
type Participants []Participant

// Find returns the participant with the id.
func (ps Participants) Find(id externalapi.ParticipantID) (Participant, bool) {
	i := ps.index(id)
	if i < 0 {
		return Participant{}, false
	}
	return ps[i], true
}

// index returns the position of id, or -1.
func (ps Participants) index(id externalapi.ParticipantID) int {
	return slices.IndexFunc(ps, func(p Participant) bool { return p.ID == id })
}

// update returns a copy with fn applied to participant id; ps itself when id
// is unknown.
func (ps Participants) update(id externalapi.ParticipantID, fn func(*Participant)) Participants {
	i := ps.index(id)
	if i < 0 {
		return ps
	}
	out := slices.Clone(ps)
	fn(&out[i])
	return out
}

// upsert returns a copy with p added, or with the name of the participant of
// the same id changed (and Local set when p is local).
func (ps Participants) upsert(p Participant) Participants {
	if ps.index(p.ID) < 0 {
		return append(slices.Clip(ps), p)
	}
	return ps.update(p.ID, func(q *Participant) {
		if p.Name != "" {
			q.Name = p.Name
		}
		q.Local = q.Local || p.Local
	})
}

// Seed merges the parent-side cache of the External API (ParticipantsInfo)
// into the list: unknown participants are added, known ones renamed.
func (ps Participants) Seed(infos []externalapi.ParticipantInfo) Participants {
	for _, info := range infos {
		if info.ParticipantID == "" {
			continue
		}
		ps = ps.upsert(Participant{ID: info.ParticipantID, Name: displayName(info.DisplayName, info.FormattedDisplayName)})
	}
	return ps
}

// Apply returns the list after the event; events that do not concern
// participants leave it as it is.
func (ps Participants) Apply(e externalapi.Event) Participants {
	switch e := e.(type) {
	case ParticipantsSeeded:
		return ps.Seed(e.Infos)
	case externalapi.VideoConferenceJoined:
		return ps.upsert(Participant{ID: e.ID, Name: displayName(e.DisplayName, e.FormattedDisplayName), Local: true})
	case externalapi.VideoConferenceLeft:
		return nil
	case externalapi.ParticipantJoined:
		return ps.upsert(Participant{ID: e.ID, Name: displayName(e.DisplayName, e.FormattedDisplayName)})
	case externalapi.ParticipantLeft:
		return ps.remove(e.ID)
	case externalapi.ParticipantKickedOut:
		return ps.remove(e.Kicked.ID)
	case externalapi.DisplayNameChange:
		name := displayName(e.DisplayName, e.FormattedDisplayName)
		return ps.update(e.ID, func(p *Participant) { p.Name = name })
	case externalapi.ParticipantMuted:
		return ps.update(e.ID, func(p *Participant) {
			if e.MediaType == externalapi.Video {
				p.VideoMuted = e.IsMuted
			} else {
				p.AudioMuted = e.IsMuted
			}
		})
	case externalapi.RaiseHandUpdated:
		return ps.update(e.ID, func(p *Participant) { p.HandRaised = e.HandRaised != 0 })
	case externalapi.ParticipantRoleChanged:
		return ps.update(e.ID, func(p *Participant) { p.Role = e.Role })
	}
	return ps
}

// remove returns a copy without participant id.
func (ps Participants) remove(id externalapi.ParticipantID) Participants {
	i := ps.index(id)
	if i < 0 {
		return ps
	}
	return slices.Delete(slices.Clone(ps), i, i+1)
}

// displayName prefers the plain name and falls back to the formatted one.
func displayName(plain, formatted string) string {
	if plain != "" {
		return plain
	}
	return formatted
}
