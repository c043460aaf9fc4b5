package main

import (
	"fmt"
	"sort"
	"strings"
)

// meetHourMeetings is the repeatable -meethour-meeting room=MEETING_ID
// flag: the meetings scheduled beforehand that members may join.
type meetHourMeetings map[string]string

// String lists the pairs, sorted.
func (m meetHourMeetings) String() string {
	pairs := make([]string, 0, len(m))
	for room, id := range m {
		pairs = append(pairs, room+"="+id)
	}
	sort.Strings(pairs)
	return strings.Join(pairs, ",")
}

// Set adds one room=MEETING_ID pair; the server checks the room name.
func (m *meetHourMeetings) Set(v string) error {
	room, id, ok := strings.Cut(v, "=")
	if !ok || room == "" || id == "" {
		return fmt.Errorf("want room=MEETING_ID, such as standup=MHR240416944")
	}
	if *m == nil {
		*m = meetHourMeetings{}
	}
	if _, dup := (*m)[room]; dup {
		return fmt.Errorf("room %q given twice", room)
	}
	(*m)[room] = id
	return nil
}
