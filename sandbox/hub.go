package sandbox

import (
	"errors"
	"sync"
)

// hub fans control actions and meeting ops out to the event streams of each
// room, and keeps each room's shared meeting.
type hub struct {
	mu    sync.Mutex
	rooms map[string]*roomHub
}

// roomHub is one room: its streams and its meeting.
type roomHub struct {
	subs    map[*subscriber]struct{}
	meeting *meeting
	// pages maps a page's participant id to its current stream.
	pages map[string]*subscriber
}

// subscriber is one event stream.
type subscriber struct {
	ch chan []byte
	// dropped is closed when the subscriber fell too far behind.
	dropped chan struct{}
	// participant is the page's participant id; empty for a plain control
	// stream.
	participant string
}

// newHub returns a hub with no rooms.
func newHub() *hub {
	return &hub{rooms: make(map[string]*roomHub)}
}

// room returns the room, creating it; h.mu is held.
func (h *hub) room(name string) *roomHub {
	r := h.rooms[name]
	if r == nil {
		r = &roomHub{subs: make(map[*subscriber]struct{}), meeting: newMeeting(), pages: make(map[string]*subscriber)}
		h.rooms[name] = r
	}
	return r
}

// subscribe opens a plain control stream of room (it gets the control's
// actions, never the pages' ops).
func (h *hub) subscribe(room string) *subscriber {
	return h.subscribePage(room, "")
}

// subscribePage opens the stream of a page whose participant is id (none
// for a plain control stream); it is the page's current stream at once, so
// that a hello sent as soon as the stream opens finds it.
func (h *hub) subscribePage(room, id string) *subscriber {
	s := &subscriber{ch: make(chan []byte, subscriberBuffer), dropped: make(chan struct{}), participant: id}
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.room(room)
	r.subs[s] = struct{}{}
	if id != "" {
		r.pages[id] = s
	}
	return s
}

// unsubscribe ends a stream. A page's participant leaves the meeting when
// its current stream ends.
func (h *hub) unsubscribe(room string, s *subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.remove(room, s)
}

// remove deletes s from room, and the room once it has no streams left;
// h.mu is held.
func (h *hub) remove(room string, s *subscriber) {
	r := h.rooms[room]
	if r == nil {
		return
	}
	delete(r.subs, s)
	if s.participant != "" && r.pages[s.participant] == s {
		delete(r.pages, s.participant)
		if p := r.meeting.member(s.participant); p != nil && p.Page {
			r.meeting.remove(p.ID)
			h.sendOps(room, r, encodeLine(op{Op: "leave", By: p.ID, ID: p.ID}), s, nil)
		}
		// A page that goes while knocking leaves the lobby.
		if r.meeting.unknock(s.participant) {
			h.sendOps(room, r, encodeLine(op{Op: "leave", By: s.participant, ID: s.participant}), s, nil)
		}
	}
	if len(r.subs) == 0 {
		delete(h.rooms, room)
	}
}

// sendOps queues a meeting op on the page streams of room, as send does.
// The control's plain streams, which anyone who knows the room may open,
// never get ops: they carry the participants' names, emails and chat.
func (h *hub) sendOps(room string, r *roomHub, msg []byte, skip *subscriber, only []string) int {
	return h.send(room, r, msg, skip, only, true)
}

// send queues msg on the streams of room except skip (only those of the
// participants in only, when not nil; only page streams when pagesOnly)
// and returns how many took it. A stream whose queue is full is dropped
// (its page reconnects) rather than holding up the others. h.mu is held.
func (h *hub) send(room string, r *roomHub, msg []byte, skip *subscriber, only []string, pagesOnly bool) int {
	n := 0
	var full []*subscriber
	for s := range r.subs {
		if s == skip || pagesOnly && s.participant == "" {
			continue
		}
		if only != nil {
			keep := false
			for _, id := range only {
				keep = keep || (s.participant == id && r.pages[id] == s)
			}
			if !keep {
				continue
			}
		}
		select {
		case s.ch <- msg:
			n++
		default:
			full = append(full, s)
		}
	}
	for _, s := range full {
		// Telling the others that an earlier one left may have dropped s
		// already: its channel must be closed once.
		if _, ok := r.subs[s]; !ok {
			continue
		}
		close(s.dropped)
		h.remove(room, s)
	}
	return n
}

// publish queues a control action on every stream of room, plays it on the
// room's meeting and returns how many streams took it.
func (h *hub) publish(room string, msg []byte) int {
	return h.publishAction(room, msg, nil)
}

// publishAction is publish with the parsed action a (nil for raw messages).
func (h *hub) publishAction(room string, msg []byte, a *action) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.rooms[room]
	if r == nil {
		return 0
	}
	if a != nil {
		r.meeting.played(a)
	}
	return h.send(room, r, msg, nil, nil, false)
}

// subscribers returns how many streams room has.
func (h *hub) subscribers(room string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if r := h.rooms[room]; r != nil {
		return len(r.subs)
	}
	return 0
}

// lobbyHolds reports whether a new page of role would wait in room's lobby.
func (h *hub) lobbyHolds(room, role string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.rooms[room]
	return r != nil && r.meeting.lobby.Enabled && role != "moderator"
}

// passwordHolds reports whether a new page of role must give the password
// of room's meeting to join.
func (h *hub) passwordHolds(room, role string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.rooms[room]
	return r != nil && r.meeting.needsPassword(&member{Role: role})
}

// errNotJoined answers ops of a page that has not said hello.
var errNotJoined = errors.New("the page has not joined the meeting (say hello on an open stream first)")

// pageOps plays the ops of the page c on room's meeting: a hello makes its
// participant a member (the page's current stream gets the welcome, the
// others a join); every other op is checked and passed on.
func (h *hub) pageOps(room string, c pageClaims, ops []op) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.rooms[room]
	if r == nil {
		return errNotJoined
	}
	for i := range ops {
		o := &ops[i]
		stream := r.pages[c.ID]
		if o.Op == "hello" {
			if err := h.hello(room, r, c, o); err != nil {
				return err
			}
			continue
		}
		sender := r.meeting.member(c.ID)
		if sender == nil || stream == nil {
			return errNotJoined
		}
		only, err := r.meeting.apply(sender, o)
		if err != nil {
			return err
		}
		h.sendOps(room, r, encodeLine(o), r.pages[c.ID], only)
	}
	return nil
}

// hello adds the page's participant to the meeting (again, after a
// reconnection) with the state it reports; h.mu is held.
func (h *hub) hello(room string, r *roomHub, c pageClaims, o *op) error {
	stream := r.pages[c.ID]
	if stream == nil {
		return errNotJoined
	}
	r.meeting.remove(c.ID)
	p := &member{ID: c.ID, Role: c.Role, Name: c.Name, Email: c.Email, Page: true}
	if r.meeting.granted[c.ID] {
		p.Role = "moderator"
	}
	if !c.Named {
		p.Name, p.Email = o.Name, o.Email
	}
	if o.RoomID != "" && r.meeting.roomIndex(o.RoomID) >= 0 {
		p.Room = o.RoomID
	}
	p.AudioMuted = o.AudioMuted != nil && *o.AudioMuted
	p.VideoMuted = o.VideoMuted != nil && *o.VideoMuted
	if o.HandRaised != nil {
		p.HandRaised = *o.HandRaised
	}
	if r.meeting.needsPassword(p) && deref(o.Password) != r.meeting.password {
		// As Jitsi asks for the password of a locked room: the page hears
		// that it needs one (again, after a wrong one) and joins when its
		// hello carries the right one.
		h.sendOps(room, r, encodeLine(map[string]any{"op": "passwordRequired", "you": p.ID, "wrong": o.Password != nil}), nil, []string{c.ID})
		return nil
	}
	if r.meeting.mustKnock(p) {
		// The page waits in the lobby: the others see it knock, it hears
		// it waits, and a moderator's answer reaches it as an answer op.
		k := knocker{ID: p.ID, Name: p.Name, Page: true}
		if r.meeting.knock(k) {
			h.sendOps(room, r, encodeLine(map[string]any{"op": "knock", "by": p.ID, "knocker": k}), stream, nil)
		}
		h.sendOps(room, r, encodeLine(map[string]any{"op": "waiting", "you": p.ID}), nil, []string{c.ID})
		return nil
	}
	r.meeting.present[p.ID] = true
	r.meeting.members = append(r.meeting.members, p)
	h.sendOps(room, r, encodeLine(r.meeting.welcome(c.ID)), nil, []string{c.ID})
	h.sendOps(room, r, encodeLine(map[string]any{"op": "join", "by": p.ID, "member": p}), stream, nil)
	return nil
}
