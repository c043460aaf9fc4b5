package app

import (
	"strconv"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// ParticipantList lists the participants with the moderator's actions on
// each: mute audio or video, kick, make moderator and send to a room.
type ParticipantList struct {
	goapp.Compo

	// API is the meeting; nil until it exists.
	API *externalapi.API
	// Participants are as the events reported them.
	Participants Participants
	// Rooms are the rooms participants can be sent to.
	Rooms Rooms

	err string
}

// Render draws the list.
func (l *ParticipantList) Render() goapp.UI {
	var list goapp.UI
	if len(l.Participants) == 0 {
		list = goapp.P().Class("muted").Text("Nobody has joined yet.")
	} else {
		list = goapp.Ul().Class("participant-list").Body(
			goapp.Range(l.Participants).Slice(func(i int) goapp.UI { return l.row(l.Participants[i]) }),
		)
	}
	return goapp.Section().Class("panel", "participants").Body(
		goapp.H3().Text("Participants ("+strconv.Itoa(len(l.Participants))+")"),
		list,
		errorLine(l.err),
	)
}

// row draws one participant. The handlers are scoped by the participant's
// id, so that a row that now shows someone else gets new handlers.
func (l *ParticipantList) row(p Participant) goapp.UI {
	id := p.ID
	scope := goapp.EventScope(string(id))
	off := l.API == nil
	var actions goapp.UI
	if !p.Local {
		var makeModerator, sendTo goapp.UI
		if p.Role != externalapi.Moderator {
			makeModerator = button("grant-moderator", "Make moderator", func(goapp.Context, goapp.Event) {
				l.do(func(a *externalapi.API) error { return a.GrantModerator(id) })
			}, scope).Disabled(off)
		}
		if len(l.Rooms) > 0 {
			sendTo = goapp.Select().Class("send-to-room").Aria("label", "Send "+p.Name+" to a room").Disabled(off).
				OnChange(func(ctx goapp.Context, _ goapp.Event) {
					room := externalapi.RoomID(ctx.JSSrc().Get("value").String())
					ctx.JSSrc().Set("value", "")
					if room != "" {
						l.do(func(a *externalapi.API) error { return a.SendParticipantToRoom(id, room) })
					}
				}, scope).
				Body(
					goapp.Option().Value("").Selected(true).Text("Send to room…"),
					goapp.Range(l.Rooms).Slice(func(i int) goapp.UI {
						r := l.Rooms[i]
						return goapp.Option().Value(string(r.ID)).Text(roomLabel(r))
					}),
				)
		}
		actions = goapp.Div().Class("participant-actions").Body(
			button("mute-audio", "Mute", func(goapp.Context, goapp.Event) {
				l.do(func(a *externalapi.API) error { return a.MuteRemoteParticipant(id, externalapi.Audio) })
			}, scope).Disabled(off),
			button("mute-video", "Stop video", func(goapp.Context, goapp.Event) {
				l.do(func(a *externalapi.API) error { return a.MuteRemoteParticipant(id, externalapi.Video) })
			}, scope).Disabled(off),
			button("kick danger", "Kick", func(goapp.Context, goapp.Event) {
				l.do(func(a *externalapi.API) error { return a.KickParticipant(id) })
			}, scope).Disabled(off),
			makeModerator,
			sendTo,
		)
	}
	return goapp.Li().Class("participant").DataSet("participant", string(id)).Body(
		goapp.Div().Class("participant-name").Body(
			goapp.Span().Class("name").Text(nameOr(p.Name, string(id))),
			badges(p),
		),
		actions,
	)
}

// badges shows what is known about a participant.
func badges(p Participant) goapp.UI {
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
	if p.HandRaised {
		add("hand", "hand raised")
	}
	return goapp.Span().Class("badges").Body(bs...)
}

// do runs a command and shows its error.
func (l *ParticipantList) do(cmd func(*externalapi.API) error) {
	l.err = describe(run(l.API, cmd))
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
