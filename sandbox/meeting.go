package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"
)

// The shared meeting: every conference page open on a room is a participant
// of one meeting that the hub keeps. A page opens the meeting stream with its
// page token (issued with the page, naming its participant id and role, which
// come from the verified jwt), says hello with its own state, and then sends
// what it does as ops. The hub checks each op against the sender's role,
// applies it to the meeting and passes it on to the other pages, which play
// it and emit what Jitsi would. A page that joins gets a welcome: everyone
// already there, the breakout rooms, moderation, lobby, subject and
// recording. Control-played participants are members too, so a late page
// sees them.

// member is one person of a shared meeting.
type member struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Email      string `json:"email,omitempty"`
	Role       string `json:"role"`
	Room       string `json:"room"`
	AudioMuted bool   `json:"audioMuted"`
	VideoMuted bool   `json:"videoMuted"`
	HandRaised int64  `json:"handRaised"`
	// Page is true for a conference page, false for a control-played one.
	Page bool `json:"page"`
}

// breakoutRoom is a breakout room of a shared meeting.
type breakoutRoom struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	JID  string `json:"jid"`
}

// knocker is someone waiting in the lobby.
type knocker struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Page is true for a conference page, which joins by itself once
	// admitted; false for a control-played one.
	Page bool `json:"page,omitempty"`
}

// recording is one running recording of a shared meeting.
type recording struct {
	Mode          string `json:"mode"`
	Transcription bool   `json:"transcription"`
}

// meeting is the shared state of one room.
type meeting struct {
	members    []*member
	rooms      []breakoutRoom
	moderation struct {
		Audio    bool                `json:"audio"`
		Video    bool                `json:"video"`
		Approved map[string][]string `json:"approved"`
	}
	lobby struct {
		Enabled  bool      `json:"enabled"`
		Knocking []knocker `json:"knocking"`
	}
	subject    string
	recordings []recording
	// password locks the meeting when not empty: a page that was not in
	// it must give it to join, unless its participant is a moderator.
	password string
	// granted are the pages made moderators in the meeting: their page
	// tokens still say what the jwt said, and a page that reconnects says
	// hello again.
	granted map[string]bool
	// admitted are the pages a moderator let in from the lobby, and
	// present the pages that joined: neither knocks (again) while the
	// lobby is on.
	admitted, present map[string]bool
}

// newMeeting returns an empty meeting (its lists empty, not nil, for the
// welcome's JSON).
func newMeeting() *meeting {
	m := &meeting{admitted: map[string]bool{}, present: map[string]bool{}}
	m.moderation.Approved = map[string][]string{"audio": {}, "video": {}}
	m.lobby.Knocking = []knocker{}
	return m
}

// member returns the member with id, or nil.
func (m *meeting) member(id string) *member {
	for _, p := range m.members {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// remove drops the member with id and reports whether there was one.
func (m *meeting) remove(id string) bool {
	n := len(m.members)
	m.members = slices.DeleteFunc(m.members, func(p *member) bool { return p.ID == id })
	for k, ids := range m.moderation.Approved {
		m.moderation.Approved[k] = slices.DeleteFunc(ids, func(s string) bool { return s == id })
	}
	return len(m.members) != n
}

// welcome is what a page gets when it joins.
func (m *meeting) welcome(you string) map[string]any {
	others := []*member{}
	for _, p := range m.members {
		if p.ID != you {
			others = append(others, p)
		}
	}
	rooms := m.rooms
	if rooms == nil {
		rooms = []breakoutRoom{}
	}
	recs := m.recordings
	if recs == nil {
		recs = []recording{}
	}
	return map[string]any{
		"op": "welcome", "you": you, "members": others, "rooms": rooms,
		"moderation": m.moderation, "lobby": m.lobby, "subject": m.subject, "recordings": recs, "locked": m.password != "",
	}
}

// op is one thing a page did, as it sends it and as the other pages get it
// (with By, the sender, filled in by the hub).
type op struct {
	Op            string  `json:"op"`
	By            string  `json:"by,omitempty"`
	ID            string  `json:"id,omitempty"`
	Name          string  `json:"name,omitempty"`
	Email         string  `json:"email,omitempty"`
	MediaType     string  `json:"mediaType,omitempty"`
	Muted         *bool   `json:"muted,omitempty"`
	AudioMuted    *bool   `json:"audioMuted,omitempty"`
	VideoMuted    *bool   `json:"videoMuted,omitempty"`
	HandRaised    *int64  `json:"handRaised,omitempty"`
	Enabled       *bool   `json:"enabled,omitempty"`
	Approved      *bool   `json:"approved,omitempty"`
	RoomID        string  `json:"roomId,omitempty"`
	JID           string  `json:"jid,omitempty"`
	Text          string  `json:"text,omitempty"`
	To            string  `json:"to,omitempty"`
	Subject       *string `json:"subject,omitempty"`
	Password      *string `json:"password,omitempty"`
	Locked        *bool   `json:"locked,omitempty"`
	Mode          string  `json:"mode,omitempty"`
	On            *bool   `json:"on,omitempty"`
	Transcription bool    `json:"transcription,omitempty"`
	Stamp         string  `json:"stamp,omitempty"`
	MessageID     string  `json:"messageId,omitempty"`
}

// maxOps bounds how many ops one request may carry.
const maxOps = 256

// parseOps decodes a page's ops request: {"token": ..., "ops": [...]}.
func parseOps(body []byte) (token string, ops []op, err error) {
	var req struct {
		Token string `json:"token"`
		Ops   []op   `json:"ops"`
	}
	if err := decodeOne(body, &req); err != nil {
		return "", nil, err
	}
	if req.Token == "" {
		return "", nil, errors.New(`missing "token"`)
	}
	if len(req.Ops) == 0 || len(req.Ops) > maxOps {
		return "", nil, fmt.Errorf(`"ops" must hold 1..%d ops`, maxOps)
	}
	for i := range req.Ops {
		if err := req.Ops[i].validate(); err != nil {
			return "", nil, fmt.Errorf("op %d (%q): %w", i, req.Ops[i].Op, err)
		}
	}
	return req.Token, req.Ops, nil
}

// validate checks the sizes and values of an op's fields.
func (o *op) validate() error {
	for field, v := range map[string]string{"op": o.Op, "id": o.ID, "name": o.Name, "email": o.Email,
		"roomId": o.RoomID, "jid": o.JID, "to": o.To, "mode": o.Mode, "stamp": o.Stamp, "messageId": o.MessageID, "password": deref(o.Password)} {
		if len(v) > maxField {
			return fmt.Errorf("%q is longer than %d bytes", field, maxField)
		}
	}
	for field, v := range map[string]string{"name": o.Name, "text": o.Text, "email": o.Email} {
		if !utf8.ValidString(v) {
			return fmt.Errorf("%q is not valid UTF-8", field)
		}
	}
	if o.MediaType != "" && o.MediaType != "audio" && o.MediaType != "video" {
		return fmt.Errorf(`"mediaType" must be "audio" or "video", not %q`, o.MediaType)
	}
	if o.By != "" {
		return errors.New(`"by" is set by the server`)
	}
	if o.Locked != nil {
		return errors.New(`"locked" is set by the server`)
	}
	return nil
}

// deref is *s, or "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// errForbidden marks an op the sender may not do.
var errForbidden = errors.New("only a moderator may do this")

// apply checks op o by sender against the meeting and applies it. It
// returns who else gets it: everyone but the sender (nil), or only the
// listed participant ids.
func (m *meeting) apply(sender *member, o *op) (to []string, err error) {
	o.By = sender.ID
	moderator := sender.Role == "moderator"
	need := func(ok bool) error {
		if !ok {
			return errForbidden
		}
		return nil
	}
	target := func() (*member, error) {
		p := m.member(o.ID)
		if p == nil {
			return nil, fmt.Errorf("no participant %q", o.ID)
		}
		return p, nil
	}
	switch o.Op {
	case "hello":
		return nil, errors.New("hello twice")
	case "leave":
		if !m.remove(sender.ID) {
			return nil, errors.New("not in the meeting")
		}
		o.ID = sender.ID
		delete(m.present, sender.ID)
		delete(m.admitted, sender.ID)
	case "rename":
		sender.Name, o.ID = o.Name, sender.ID
	case "mute":
		p, err := target()
		if err != nil {
			return nil, err
		}
		if o.Muted == nil || o.MediaType == "" {
			return nil, errors.New(`mute needs "muted" and "mediaType"`)
		}
		if p != sender {
			if err := need(moderator && *o.Muted); err != nil {
				return nil, err
			}
		}
		if !*o.Muted && m.forceMuted(p, o.MediaType) {
			return nil, fmt.Errorf("%w: %s moderation is on and no moderator approved %q", errForbidden, o.MediaType, p.ID)
		}
		if o.MediaType == "audio" {
			p.AudioMuted = *o.Muted
		} else {
			p.VideoMuted = *o.Muted
		}
	case "hand":
		p, err := target()
		if err != nil {
			return nil, err
		}
		if o.HandRaised == nil {
			return nil, errors.New(`hand needs "handRaised"`)
		}
		if p != sender {
			if err := need(moderator && *o.HandRaised == 0); err != nil {
				return nil, err
			}
		}
		p.HandRaised = *o.HandRaised
	case "speak":
		o.ID = sender.ID
	case "role":
		if err := need(moderator); err != nil {
			return nil, err
		}
		p, err := target()
		if err != nil {
			return nil, err
		}
		p.Role = "moderator"
		if m.granted == nil {
			m.granted = map[string]bool{}
		}
		m.granted[p.ID] = true
	case "kick":
		if err := need(moderator); err != nil {
			return nil, err
		}
		if _, err := target(); err != nil {
			return nil, err
		}
		m.remove(o.ID)
		delete(m.present, o.ID) // back, the page knocks again
		delete(m.admitted, o.ID)
	case "addRoom":
		if err := need(moderator); err != nil {
			return nil, err
		}
		if o.RoomID == "" || m.roomIndex(o.RoomID) >= 0 {
			return nil, errors.New(`addRoom needs a new "roomId"`)
		}
		m.rooms = append(m.rooms, breakoutRoom{ID: o.RoomID, Name: o.Name, JID: o.JID})
	case "removeRoom":
		if err := need(moderator); err != nil {
			return nil, err
		}
		i := m.roomIndex(o.RoomID)
		if i < 0 {
			return nil, fmt.Errorf("no breakout room %q", o.RoomID)
		}
		m.rooms = slices.Delete(m.rooms, i, i+1)
		for _, p := range m.members {
			if p.Room == o.RoomID {
				p.Room = ""
			}
		}
	case "move":
		p, err := target()
		if err != nil {
			return nil, err
		}
		if err := need(moderator || p == sender); err != nil {
			return nil, err
		}
		if o.RoomID != "" && m.roomIndex(o.RoomID) < 0 {
			return nil, fmt.Errorf("no breakout room %q", o.RoomID)
		}
		p.Room = o.RoomID
	case "moderation":
		if err := need(moderator); err != nil {
			return nil, err
		}
		if o.Enabled == nil || o.MediaType == "" {
			return nil, errors.New(`moderation needs "enabled" and "mediaType"`)
		}
		if o.MediaType == "audio" {
			m.moderation.Audio = *o.Enabled
		} else {
			m.moderation.Video = *o.Enabled
		}
		if !*o.Enabled {
			m.moderation.Approved[o.MediaType] = []string{}
		}
	case "approve", "reject":
		if err := need(moderator); err != nil {
			return nil, err
		}
		if _, err := target(); err != nil {
			return nil, err
		}
		if o.MediaType == "" {
			return nil, errors.New(`needs "mediaType"`)
		}
		ids := slices.DeleteFunc(m.moderation.Approved[o.MediaType], func(s string) bool { return s == o.ID })
		if o.Op == "approve" {
			ids = append(ids, o.ID)
		}
		m.moderation.Approved[o.MediaType] = ids
	case "askUnmute":
		if err := need(moderator); err != nil {
			return nil, err
		}
		if _, err := target(); err != nil {
			return nil, err
		}
		return []string{o.ID}, nil
	case "lobby":
		if err := need(moderator); err != nil {
			return nil, err
		}
		if o.Enabled == nil {
			return nil, errors.New(`lobby needs "enabled"`)
		}
		m.lobby.Enabled = *o.Enabled
	case "answer":
		if err := need(moderator); err != nil {
			return nil, err
		}
		i := slices.IndexFunc(m.lobby.Knocking, func(k knocker) bool { return k.ID == o.ID })
		if i < 0 || o.Approved == nil {
			return nil, fmt.Errorf("nobody %q is knocking", o.ID)
		}
		k := m.lobby.Knocking[i]
		m.lobby.Knocking = slices.Delete(m.lobby.Knocking, i, i+1)
		switch {
		case *o.Approved && k.Page:
			m.admitted[k.ID] = true // its page says hello again
		case *o.Approved:
			m.members = append(m.members, &member{ID: k.ID, Name: k.Name, Role: "participant"})
		}
	case "end":
		if err := need(moderator); err != nil {
			return nil, err
		}
		m.members = m.members[:0]
		m.rooms = nil
		m.granted = nil
		m.password = ""
		clear(m.admitted)
		clear(m.present)
	case "chat":
		o.ID = sender.ID
		if o.To != "" {
			if _, err := m.memberOrErr(o.To); err != nil {
				return nil, err
			}
			return []string{o.To}, nil
		}
	case "lock":
		if err := need(moderator); err != nil {
			return nil, err
		}
		if o.Password == nil {
			return nil, errors.New(`lock needs "password" ("" unlocks)`)
		}
		m.password = *o.Password
		// The others learn that the meeting is locked, not the password.
		locked := m.password != ""
		o.Password, o.Locked = nil, &locked
	case "subject":
		if err := need(moderator); err != nil {
			return nil, err
		}
		if o.Subject == nil {
			return nil, errors.New(`subject needs "subject"`)
		}
		m.subject = *o.Subject
	case "recording":
		if err := need(moderator); err != nil {
			return nil, err
		}
		if o.On == nil || (o.Mode != "file" && o.Mode != "stream") {
			return nil, errors.New(`recording needs "on" and "mode" file or stream`)
		}
		m.recordings = slices.DeleteFunc(m.recordings, func(r recording) bool { return r.Mode == o.Mode })
		if *o.On {
			m.recordings = append(m.recordings, recording{Mode: o.Mode, Transcription: o.Transcription})
		}
	default:
		return nil, fmt.Errorf("unknown op %q", o.Op)
	}
	return nil, nil
}

// forceMuted reports whether p may not unmute mediaType: its moderation is
// on, p is no moderator and no moderator approved p (as jitsi-meet's
// av-moderation keeps such a participant muted).
func (m *meeting) forceMuted(p *member, mediaType string) bool {
	on := m.moderation.Audio
	if mediaType == "video" {
		on = m.moderation.Video
	}
	return on && p.Role != "moderator" && !slices.Contains(m.moderation.Approved[mediaType], p.ID)
}

// mustKnock reports whether the page participant p must wait in the lobby:
// the lobby is on, p is no moderator, and p neither was admitted nor is
// back from a reconnection.
// needsPassword reports whether the page p must give the password to
// join: the meeting is locked, p is no moderator and was not in it.
func (m *meeting) needsPassword(p *member) bool {
	return m.password != "" && p.Role != "moderator" && !m.present[p.ID]
}

func (m *meeting) mustKnock(p *member) bool {
	return m.lobby.Enabled && p.Role != "moderator" && !m.admitted[p.ID] && !m.present[p.ID]
}

// knock puts k in the lobby and reports whether k is new there.
func (m *meeting) knock(k knocker) bool {
	if slices.ContainsFunc(m.lobby.Knocking, func(q knocker) bool { return q.ID == k.ID }) {
		return false
	}
	m.lobby.Knocking = append(m.lobby.Knocking, k)
	return true
}

// unknock takes id out of the lobby and reports whether it was there.
func (m *meeting) unknock(id string) bool {
	n := len(m.lobby.Knocking)
	m.lobby.Knocking = slices.DeleteFunc(m.lobby.Knocking, func(k knocker) bool { return k.ID == id })
	return len(m.lobby.Knocking) != n
}

// memberOrErr returns the member with id or an error naming it.
func (m *meeting) memberOrErr(id string) (*member, error) {
	if p := m.member(id); p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("no participant %q", id)
}

// roomIndex returns the position of breakout room id, or -1.
func (m *meeting) roomIndex(id string) int {
	return slices.IndexFunc(m.rooms, func(r breakoutRoom) bool { return r.ID == id })
}

// played applies a control action to the meeting, so that pages joining
// later see the control-played participants as they are.
func (m *meeting) played(a *action) {
	switch a.Action {
	case "join":
		if m.member(a.ID) == nil {
			m.members = append(m.members, &member{ID: a.ID, Name: a.Name, Email: a.Email, Role: "participant"})
		}
	case "leave":
		m.remove(a.ID)
		m.unknock(a.ID)
	case "knock":
		if m.member(a.ID) == nil {
			m.knock(knocker{ID: a.ID, Name: a.Name})
		}
	case "raiseHand", "lowerHand":
		if p := m.member(a.ID); p != nil {
			p.HandRaised = 0
			if a.Action == "raiseHand" {
				p.HandRaised = 1
			}
		}
	case "mute":
		if p := m.member(a.ID); p != nil && a.Muted != nil {
			if a.MediaType == "audio" {
				p.AudioMuted = *a.Muted
			} else {
				p.VideoMuted = *a.Muted
			}
		}
	case "rename":
		if p := m.member(a.ID); p != nil {
			p.Name = a.Name
		}
	}
}

// encodeLine encodes v as one line of JSON (no HTML escaping).
func encodeLine(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // only our own types: cannot fail
	return bytes.TrimRight(buf.Bytes(), "\n")
}
