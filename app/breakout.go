package app

import (
	"strconv"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// BreakoutPanel adds breakout rooms, assigns everyone to them and lists
// them to close or remove.
type BreakoutPanel struct {
	goapp.Compo

	// API is the meeting; nil until it exists.
	API *externalapi.API
	// Rooms are as BreakoutRoomsUpdated reported them.
	Rooms Rooms

	name string
	err  string
}

// Render draws the panel.
func (b *BreakoutPanel) Render() goapp.UI {
	off := b.API == nil
	breakout := b.Rooms.Breakout()
	var list goapp.UI
	if len(breakout) == 0 {
		list = goapp.P().Class("muted").Text("No breakout rooms.")
	} else {
		list = goapp.Ul().Class("room-list").Body(
			goapp.Range(breakout).Slice(func(i int) goapp.UI { return b.row(breakout[i]) }),
		)
	}
	return goapp.Section().Class("panel", "breakout").Body(
		goapp.H3().Text("Breakout rooms"),
		goapp.Div().Class("inline-form").Body(
			goapp.Input().ID("breakout-name").Type("text").Placeholder("Room name (optional)").Aria("label", "Breakout room name").
				Value(b.name).OnInput(b.ValueTo(&b.name)),
			button("add-room", "Add room", b.add).Disabled(off),
		),
		goapp.Div().Class("button-row").Body(
			button("auto-assign", "Assign everyone", b.autoAssign).Disabled(off),
		),
		list,
		errorLine(b.err),
	)
}

// row draws one breakout room, with handlers scoped by its id.
func (b *BreakoutPanel) row(r Room) goapp.UI {
	id, jid := r.ID, r.JID
	scope := goapp.EventScope(string(id))
	off := b.API == nil
	people := "empty"
	if n := len(r.People); n > 0 {
		people = strconv.Itoa(n) + ": " + strings.Join(r.People, ", ")
	}
	return goapp.Li().Class("room").DataSet("room", string(id)).Body(
		goapp.Span().Class("name").Text(roomLabel(r)),
		goapp.Span().Class("muted").Text(" ("+people+")"),
		goapp.Div().Class("participant-actions").Body(
			button("close-room", "Close", func(goapp.Context, goapp.Event) {
				b.do(func(a *externalapi.API) error { return a.CloseBreakoutRoom(id) })
			}, scope).Disabled(off),
			button("remove-room danger", "Remove", func(goapp.Context, goapp.Event) {
				b.do(func(a *externalapi.API) error { return a.RemoveBreakoutRoom(jid) })
			}, scope).Disabled(off),
		),
	)
}

// add creates a breakout room, named or not.
func (b *BreakoutPanel) add(goapp.Context, goapp.Event) {
	name := strings.TrimSpace(b.name)
	if b.do(func(a *externalapi.API) error { return a.AddBreakoutRoom(name) }) {
		b.name = ""
		// go-app drops an empty value attribute instead of clearing the
		// input: clear it here.
		if input := goapp.Window().GetElementByID("breakout-name"); input.Truthy() {
			input.Set("value", "")
		}
	}
}

// autoAssign spreads the participants over the breakout rooms.
func (b *BreakoutPanel) autoAssign(goapp.Context, goapp.Event) {
	b.do(func(a *externalapi.API) error { return a.AutoAssignToBreakoutRooms() })
}

// do runs a command and shows its error.
func (b *BreakoutPanel) do(cmd func(*externalapi.API) error) bool {
	b.err = describe(run(b.API, cmd))
	return b.err == ""
}
