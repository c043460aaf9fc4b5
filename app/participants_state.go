package app

import (
	"slices"
	"strings"

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
	// Room is the room the participant is in, as the meeting's room lists
	// tell; empty until one does.
	Room externalapi.RoomID
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

// Place returns the list after a full list of the meeting's rooms (from
// breakoutRoomsUpdated or getRoomsInfo): everyone listed is in, in their
// room and with their role, taking back what departed remembers of those
// who left the local room; those last seen in another room and listed
// nowhere now are out.
func (ps Participants) Place(rooms []PlacedRoom, departed Participants) Participants {
	listed := map[externalapi.ParticipantID]bool{}
	for _, r := range rooms {
		for _, q := range r.People {
			if q.ID == "" {
				continue
			}
			listed[q.ID] = true
			if ps.index(q.ID) < 0 {
				p, ok := departed.Find(q.ID)
				if !ok {
					p = Participant{ID: q.ID, Name: q.Name}
				}
				ps = append(slices.Clip(ps), p)
			}
			ps = ps.update(q.ID, func(p *Participant) {
				p.Room = r.ID
				if q.Role != "" {
					p.Role = q.Role
				}
				if q.Name != "" {
					p.Name = q.Name
				}
			})
		}
	}
	// Who leaves the local room says so (participantLeft); who leaves
	// another room only drops out of the lists.
	var here externalapi.RoomID
	for _, p := range ps {
		if p.Local {
			here = p.Room
		}
	}
	return slices.DeleteFunc(slices.Clone(ps), func(p Participant) bool {
		return !p.Local && !listed[p.ID] && p.Room != "" && p.Room != here
	})
}

// PlacedRoom is a room and who is in it, as a room list tells.
type PlacedRoom struct {
	ID     externalapi.RoomID
	People []PlacedPerson
}

// PlacedPerson is one person of a PlacedRoom.
type PlacedPerson struct {
	ID   externalapi.ParticipantID
	Name string
	Role externalapi.Role
}

// placedFromUpdate reads breakoutRoomsUpdated's rooms, whose participants
// are keyed by occupant JID (room@host/<participant id>).
func placedFromUpdate(rooms externalapi.BreakoutRooms) []PlacedRoom {
	out := make([]PlacedRoom, 0, len(rooms))
	for id, r := range rooms {
		if r.ID != "" {
			id = r.ID
		}
		pr := PlacedRoom{ID: id}
		for jid, q := range r.Participants {
			if q.JID != "" {
				jid = q.JID
			}
			_, pid, ok := strings.Cut(jid, "/")
			if !ok {
				continue
			}
			pr.People = append(pr.People, PlacedPerson{ID: externalapi.ParticipantID(pid), Name: q.DisplayName, Role: q.Role})
		}
		out = append(out, pr)
	}
	return out
}

// placedFromInfo reads getRoomsInfo's rooms.
func placedFromInfo(info externalapi.RoomsInfo) []PlacedRoom {
	out := make([]PlacedRoom, 0, len(info.Rooms))
	for _, r := range info.Rooms {
		pr := PlacedRoom{ID: r.ID}
		for _, q := range r.Participants {
			pr.People = append(pr.People, PlacedPerson{ID: q.ID, Name: q.DisplayName, Role: q.Role})
		}
		out = append(out, pr)
	}
	return out
}

// remember returns a copy holding ps (replacing those of the same id),
// bounded to the last maxDeparted.
func (ps Participants) remember(add ...Participant) Participants {
	out := slices.Clone(ps)
	for _, p := range add {
		if p.Local {
			continue
		}
		out = slices.DeleteFunc(out, func(q Participant) bool { return q.ID == p.ID })
		out = append(out, p)
	}
	if len(out) > maxDeparted {
		out = out[len(out)-maxDeparted:]
	}
	return out
}

// clip returns ps with no spare capacity, so that appending copies.
func (ps Participants) clip() Participants { return slices.Clip(ps) }
