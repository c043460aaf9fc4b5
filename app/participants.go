package app

import (
	"strconv"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// ParticipantList lists everyone in the meeting, under their room when
// there are breakout rooms, with the actions on each: a moderator's (mute
// audio or video, ask to unmute, approve video, kick, make moderator, send
// to a room) and anyone's (pin, show on stage, volume).
type ParticipantList struct {
	goapp.Compo

	// API is the meeting while one can act on it; nil disables pin,
	// stage and volume.
	API *externalapi.API
	// ModeratorAPI is the meeting while the local participant may
	// moderate it; nil disables the moderator's actions.
	ModeratorAPI *externalapi.API
	// State is the meeting as the console knows it.
	State RoomState

	err string
}

// roomGroup is a room and the participants in it.
type roomGroup struct {
	room   Room
	people Participants
}

// groups sorts the participants into their rooms: the main room first (with
// whoever no room list placed yet), then the breakout rooms. Without
// breakout rooms there is one group.
func (l *ParticipantList) groups() []roomGroup {
	ps := l.State.Participants
	breakout := l.State.Rooms.Breakout()
	if len(breakout) == 0 {
		return []roomGroup{{people: ps}}
	}
	var out []roomGroup
	placed := map[externalapi.ParticipantID]bool{}
	for _, r := range l.State.Rooms {
		g := roomGroup{room: r}
		for _, p := range ps {
			if p.Room == r.ID {
				g.people = append(g.people, p)
				placed[p.ID] = true
			}
		}
		out = append(out, g)
	}
	for i := range out {
		if out[i].room.Main {
			for _, p := range ps {
				if !placed[p.ID] {
					out[i].people = append(out[i].people, p)
				}
			}
		}
	}
	return out
}

// Render draws the list.
func (l *ParticipantList) Render() goapp.UI {
	var body goapp.UI
	switch {
	case l.State.Ended:
		body = goapp.P().Class("muted").Text("The meeting has ended.")
	case len(l.State.Participants) == 0:
		body = goapp.P().Class("muted").Text("Nobody has joined yet.")
	default:
		groups := l.groups()
		body = goapp.Div().Class("room-groups").Body(goapp.Range(groups).Slice(func(i int) goapp.UI {
			g := groups[i]
			var head goapp.UI
			if len(groups) > 1 {
				head = goapp.H4().Class("room-name").Text(roomLabel(g.room) + " (" + strconv.Itoa(len(g.people)) + ")")
			}
			var list goapp.UI
			if len(g.people) == 0 {
				list = goapp.P().Class("muted").Text("Empty.")
			} else {
				list = goapp.Ul().Class("participant-list").Body(
					goapp.Range(g.people).Slice(func(j int) goapp.UI { return l.row(g.people[j]) }),
				)
			}
			return goapp.Div().Class("room-group").DataSet("room", string(g.room.ID)).Body(head, list)
		}))
	}
	return goapp.Section().Class("panel", "participants").Body(
		goapp.H3().Text("Participants ("+strconv.Itoa(len(l.State.Participants))+")"),
		body,
		errorLine(l.err),
	)
}

// row draws one participant. The handlers are scoped by the participant's
// id, so that a row that now shows someone else gets new handlers.
func (l *ParticipantList) row(p Participant) goapp.UI {
	id := p.ID
	scope := goapp.EventScope(string(id))
	off, modOff := l.API == nil, l.ModeratorAPI == nil
	s := l.State
	heldAudio, heldVideo := s.ForceMuted(p, externalapi.Audio), s.ForceMuted(p, externalapi.Video)
	var actions goapp.UI
	if !p.Local {
		var makeModerator, sendTo, askUnmute, approveVideo, revokeAudio, revokeVideo goapp.UI
		if p.Role != externalapi.Moderator {
			makeModerator = button("grant-moderator", "Make moderator", func(goapp.Context, goapp.Event) {
				l.doModerator(func(a *externalapi.API) error { return a.GrantModerator(id) })
			}, scope).Disabled(modOff)
		}
		if p.AudioMuted || heldAudio {
			askUnmute = button("ask-to-unmute", "Ask to unmute", func(goapp.Context, goapp.Event) {
				l.doModerator(func(a *externalapi.API) error { return a.AskToUnmute(id) })
			}, scope).Disabled(modOff)
		}
		if heldVideo {
			approveVideo = button("approve-video", "Allow video", func(goapp.Context, goapp.Event) {
				l.doModerator(func(a *externalapi.API) error { return a.ApproveVideo(id) })
			}, scope).Disabled(modOff)
		}
		// An approval under moderation can be taken back (rejectParticipant).
		if s.Revocable(p, externalapi.Audio) {
			revokeAudio = button("revoke-audio", "Revoke mic", func(goapp.Context, goapp.Event) {
				l.doModerator(func(a *externalapi.API) error { return a.RejectParticipant(id, externalapi.Audio) })
			}, scope).Disabled(modOff)
		}
		if s.Revocable(p, externalapi.Video) {
			revokeVideo = button("revoke-video", "Revoke video", func(goapp.Context, goapp.Event) {
				l.doModerator(func(a *externalapi.API) error { return a.RejectParticipant(id, externalapi.Video) })
			}, scope).Disabled(modOff)
		}
		if len(s.Rooms) > 0 {
			sendTo = goapp.Select().Class("send-to-room").Aria("label", "Send "+p.Name+" to a room").Disabled(modOff).
				OnChange(func(ctx goapp.Context, _ goapp.Event) {
					room := externalapi.RoomID(ctx.JSSrc().Get("value").String())
					ctx.JSSrc().Set("value", "")
					if room != "" {
						l.doModerator(func(a *externalapi.API) error { return a.SendParticipantToRoom(id, room) })
					}
				}, scope).
				Body(
					goapp.Option().Value("").Selected(true).Text("Send to room…"),
					goapp.Range(s.Rooms).Slice(func(i int) goapp.UI {
						r := s.Rooms[i]
						if r.ID == p.Room {
							return nil
						}
						return goapp.Option().Value(string(r.ID)).Text(roomLabel(r))
					}),
				)
		}
		actions = goapp.Div().Class("participant-actions").Body(
			button("mute-audio", "Mute", func(goapp.Context, goapp.Event) {
				l.doModerator(func(a *externalapi.API) error { return a.MuteRemoteParticipant(id, externalapi.Audio) })
			}, scope).Disabled(modOff || p.AudioMuted),
			button("mute-video", "Stop video", func(goapp.Context, goapp.Event) {
				l.doModerator(func(a *externalapi.API) error { return a.MuteRemoteParticipant(id, externalapi.Video) })
			}, scope).Disabled(modOff || p.VideoMuted),
			askUnmute,
			approveVideo,
			revokeAudio,
			revokeVideo,
			button("kick danger", "Kick", func(goapp.Context, goapp.Event) {
				l.doModerator(func(a *externalapi.API) error { return a.KickParticipant(id) })
			}, scope).Disabled(modOff),
			makeModerator,
			sendTo,
			button("pin", "Pin", func(goapp.Context, goapp.Event) {
				l.do(func(a *externalapi.API) error { return a.PinParticipant(id, "") })
			}, scope).Disabled(off),
			button("stage", "Show on stage", func(goapp.Context, goapp.Event) {
				l.do(func(a *externalapi.API) error { return a.SetLargeVideoParticipant(id, "") })
			}, scope).Disabled(off),
			goapp.Input().Type("range").Class("volume").Min(0).Max(100).Value(100).Aria("label", "Volume of "+nameOr(p.Name, string(id))).
				Disabled(off).OnChange(func(ctx goapp.Context, _ goapp.Event) {
				v, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
				if err != nil {
					return
				}
				l.do(func(a *externalapi.API) error { return a.SetParticipantVolume(id, externalapi.Volume(float64(v)/100)) })
			}, scope),
		)
	}
	return goapp.Li().Class("participant").DataSet("participant", string(id)).Body(
		goapp.Div().Class("participant-name").Body(
			goapp.Span().Class("name").Text(nameOr(p.Name, string(id))),
			badges(p, heldAudio, heldVideo),
		),
		actions,
	)
}

// badges shows what is known about a participant.
func badges(p Participant, heldAudio, heldVideo bool) goapp.UI {
	var bs []goapp.UI
	add := func(class, text string) { bs = append(bs, goapp.Span().Class("badge", class).Text(text)) }
	if p.Local {
		add("you", "you")
	}
	if p.Role == externalapi.Moderator {
		add("moderator", "moderator")
	}
	if p.AudioMuted {
		add("audio-muted", "mic off")
	}
	if p.VideoMuted {
		add("video-muted", "camera off")
	}
	if heldAudio || heldVideo {
		add("held", "needs approval")
	}
	if p.HandRaised {
		add("hand", "hand raised")
	}
	return goapp.Span().Class("badges").Body(bs...)
}

// do runs a command and shows its error.
func (l *ParticipantList) do(cmd func(*externalapi.API) error) {
	l.err = describe(run(l.API, cmd))
}

// doModerator runs a moderator's command and shows its error.
func (l *ParticipantList) doModerator(cmd func(*externalapi.API) error) {
	l.err = describe(run(l.ModeratorAPI, cmd))
}

// roomLabel names a room in a list.
func roomLabel(r Room) string {
	if r.Main {
		return "Main room"
	}
	return nameOr(r.Name, string(r.ID))
}

// nameOr returns name, or fallback when name is empty.
func nameOr(name, fallback string) string {
	if name != "" {
		return name
	}
	return fallback
}
