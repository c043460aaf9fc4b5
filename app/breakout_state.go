package app

import (
	"cmp"
	"slices"
	"sort"

	"github.com/meetbridge/meetbridge/externalapi"
)

// Room is the main room or a breakout room, as BreakoutRoomsUpdated lists it.
type Room struct {
	ID   externalapi.RoomID
	JID  string
	Name string
	Main bool
	// People are the display names of its participants, sorted.
	People []string
}

// Rooms are the rooms of the meeting: the main room first, then the
// breakout rooms by name.
type Rooms []Room

// RoomsFrom turns the External API's room map into a sorted list.
func RoomsFrom(m externalapi.BreakoutRooms) Rooms {
	if len(m) == 0 {
		return nil
	}
	rooms := make(Rooms, 0, len(m))
	for id, r := range m {
		if r.ID != "" {
			id = r.ID
		}
		room := Room{ID: id, JID: r.JID, Name: r.Name, Main: r.IsMainRoom}
		for _, p := range r.Participants {
			room.People = append(room.People, p.DisplayName)
		}
		slices.Sort(room.People)
		rooms = append(rooms, room)
	}
	sort.Sort(roomOrder(rooms))
	return rooms
}

// roomOrder sorts rooms main room first, then by name and id. It is a
// sort.Interface, which the console links anyway, rather than a
// slices.SortFunc, which compiles a sort of its own for Room (20 KB).
type roomOrder Rooms

func (o roomOrder) Len() int      { return len(o) }
func (o roomOrder) Swap(i, j int) { o[i], o[j] = o[j], o[i] }
func (o roomOrder) Less(i, j int) bool {
	a, b := o[i], o[j]
	if a.Main != b.Main {
		return a.Main
	}
	return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) < 0
}

// Breakout returns the breakout rooms, without the main room.
func (rs Rooms) Breakout() Rooms {
	var out Rooms
	for _, r := range rs {
		if !r.Main {
			out = append(out, r)
		}
	}
	return out
}

// Apply returns the rooms after the event.
func (rs Rooms) Apply(e externalapi.Event) Rooms {
	switch e := e.(type) {
	case externalapi.BreakoutRoomsUpdated:
		return RoomsFrom(e.Rooms)
	case externalapi.VideoConferenceLeft:
		return nil
	}
	return rs
}
