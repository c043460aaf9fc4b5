package app

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// LobbyPanel turns the lobby on or off and lists who knocks, to admit or
// reject.
type LobbyPanel struct {
	goapp.Compo

	// API is the meeting; nil until it exists.
	API *externalapi.API
	// Queue is who knocks, as the events reported it.
	Queue LobbyQueue
	// OnAnswered is called once a knocker was admitted or rejected.
	OnAnswered func(goapp.Context, externalapi.ParticipantID)

	// enabled is the lobby as this panel last set it: the meeting reports
	// no lobby state.
	enabled bool
	err     string
}

// Render draws the panel.
func (l *LobbyPanel) Render() goapp.UI {
	off := l.API == nil
	state, toggle := "The lobby is off.", "Turn lobby on"
	if l.enabled {
		state, toggle = "The lobby is on.", "Turn lobby off"
	}
	var queue goapp.UI
	if len(l.Queue) == 0 {
		queue = goapp.P().Class("muted").Text("Nobody is waiting.")
	} else {
		queue = goapp.Ul().Class("lobby-queue").Body(
			goapp.Range(l.Queue).Slice(func(i int) goapp.UI { return l.row(l.Queue[i]) }),
		)
	}
	return goapp.Section().Class("panel", "lobby").Body(
		goapp.H3().Text("Lobby"),
		goapp.Div().Class("button-row").Body(
			goapp.Span().Class("lobby-state").Text(state),
			button("toggle-lobby", toggle, l.toggle).Disabled(off),
		),
		queue,
		errorLine(l.err),
	)
}

// row draws one knocker, with handlers scoped by their id.
func (l *LobbyPanel) row(k externalapi.Knocker) goapp.UI {
	id := k.ID
	scope := goapp.EventScope(string(id))
	off := l.API == nil
	return goapp.Li().Class("knocker").DataSet("knocker", string(id)).Body(
		goapp.Span().Class("name").Text(nameOr(k.Name, string(id))),
		goapp.Div().Class("participant-actions").Body(
			button("admit", "Admit", func(ctx goapp.Context, _ goapp.Event) { l.answer(ctx, id, true) }, scope).Disabled(off),
			button("reject danger", "Reject", func(ctx goapp.Context, _ goapp.Event) { l.answer(ctx, id, false) }, scope).Disabled(off),
		),
	)
}

// toggle turns the lobby on or off.
func (l *LobbyPanel) toggle(goapp.Context, goapp.Event) {
	on := !l.enabled
	l.err = describe(run(l.API, func(a *externalapi.API) error { return a.ToggleLobby(on) }))
	if l.err == "" {
		l.enabled = on
	}
}

// answer admits or rejects a knocker.
func (l *LobbyPanel) answer(ctx goapp.Context, id externalapi.ParticipantID, admit bool) {
	l.err = describe(run(l.API, func(a *externalapi.API) error { return a.AnswerKnockingParticipant(id, admit) }))
	if l.err == "" && l.OnAnswered != nil {
		l.OnAnswered(ctx, id)
	}
}
