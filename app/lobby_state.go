package app

import (
	"slices"

	"github.com/meetbridge/meetbridge/externalapi"
)

// LobbyQueue is who knocks in the lobby, in the order they knocked. Like
// Participants, its methods return a new queue.
type LobbyQueue []externalapi.Knocker

// Apply returns the queue after the event: a knock adds the knocker (once),
// a participant who joins leaves the queue (someone admitted them), leaving
// the conference empties it.
func (q LobbyQueue) Apply(e externalapi.Event) LobbyQueue {
	switch e := e.(type) {
	case externalapi.KnockingParticipant:
		k := e.Participant
		if k.ID == "" {
			return q
		}
		if i := q.index(k.ID); i >= 0 {
			if k.Name == "" || q[i].Name == k.Name {
				return q
			}
			out := slices.Clone(q)
			out[i].Name = k.Name
			return out
		}
		return append(slices.Clip(q), k)
	case externalapi.ParticipantJoined:
		return q.Remove(e.ID)
	case externalapi.VideoConferenceLeft:
		return nil
	}
	return q
}

// Remove returns the queue without the knocker id, once they are answered.
func (q LobbyQueue) Remove(id externalapi.ParticipantID) LobbyQueue {
	i := q.index(id)
	if i < 0 {
		return q
	}
	return slices.Delete(slices.Clone(q), i, i+1)
}

// index returns the position of id, or -1.
func (q LobbyQueue) index(id externalapi.ParticipantID) int {
	return slices.IndexFunc(q, func(k externalapi.Knocker) bool { return k.ID == id })
}
