package app

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// Controls are the meeting-wide controls: mute everyone, subject, tile
// view, raise hand and ending the meeting (after a confirmation).
type Controls struct {
	goapp.Compo

	// API is the meeting; nil until it exists.
	API *externalapi.API
	// Subject, TileView and HandRaised are as the meeting reported them.
	Subject    string
	TileView   bool
	HandRaised bool

	subject    string
	confirmEnd bool
	err        string
}

// Render draws the controls.
func (c *Controls) Render() goapp.UI {
	off := c.API == nil
	tile, hand := "Tile view", "Raise hand"
	if c.TileView {
		tile = "Leave tile view"
	}
	if c.HandRaised {
		hand = "Lower hand"
	}
	var end goapp.UI
	if c.confirmEnd {
		end = goapp.Div().Class("confirm").Body(
			goapp.Span().Text("End the meeting for everyone?"),
			button("end-confirm danger", "End it", c.endConfirmed).Disabled(off),
			button("end-cancel", "Cancel", c.endCancelled),
		)
	} else {
		end = button("end-conference danger", "End meeting for everyone", c.endAsked).Disabled(off)
	}
	current := "No subject set."
	if c.Subject != "" {
		current = "Subject: " + c.Subject
	}
	return goapp.Section().Class("panel", "controls").Body(
		goapp.H3().Text("Meeting"),
		goapp.Div().Class("button-row").Body(
			button("mute-all-audio", "Mute everyone", c.muteAll(externalapi.Audio)).Disabled(off),
			button("mute-all-video", "Stop everyone's video", c.muteAll(externalapi.Video)).Disabled(off),
		),
		goapp.Div().Class("inline-form").Body(
			goapp.Input().ID("subject-input").Type("text").Placeholder("Meeting subject").Aria("label", "Meeting subject").
				Value(c.subject).OnInput(c.ValueTo(&c.subject)),
			button("set-subject", "Set subject", c.setSubject).Disabled(off),
		),
		goapp.P().Class("muted", "subject").Text(current),
		goapp.Div().Class("button-row").Body(
			button("tile-view", tile, c.toggleTileView).Disabled(off),
			button("raise-hand", hand, c.raiseHand).Disabled(off),
		),
		end,
		errorLine(c.err),
	)
}

// do runs a command and shows its error.
func (c *Controls) do(cmd func(*externalapi.API) error) bool {
	c.err = describe(run(c.API, cmd))
	return c.err == ""
}

// muteAll mutes everyone's audio or video.
func (c *Controls) muteAll(media externalapi.MediaType) goapp.EventHandler {
	if media == externalapi.Video {
		return func(goapp.Context, goapp.Event) {
			c.do(func(a *externalapi.API) error { return a.MuteEveryone(externalapi.Video) })
		}
	}
	return func(goapp.Context, goapp.Event) {
		c.do(func(a *externalapi.API) error { return a.MuteEveryone(externalapi.Audio) })
	}
}

// setSubject sets the subject for everyone.
func (c *Controls) setSubject(goapp.Context, goapp.Event) {
	subject := c.subject
	c.do(func(a *externalapi.API) error { return a.SetSubject(subject) })
}

// toggleTileView turns tile view on or off.
func (c *Controls) toggleTileView(goapp.Context, goapp.Event) {
	on := !c.TileView
	c.do(func(a *externalapi.API) error { return a.SetTileView(on) })
}

// raiseHand raises or lowers the local hand.
func (c *Controls) raiseHand(goapp.Context, goapp.Event) {
	c.do(func(a *externalapi.API) error { return a.ToggleRaiseHand() })
}

// endAsked asks for a confirmation.
func (c *Controls) endAsked(goapp.Context, goapp.Event) { c.confirmEnd, c.err = true, "" }

// endCancelled drops the confirmation.
func (c *Controls) endCancelled(goapp.Context, goapp.Event) { c.confirmEnd = false }

// endConfirmed ends the meeting for everyone.
func (c *Controls) endConfirmed(goapp.Context, goapp.Event) {
	c.confirmEnd = false
	c.do(func(a *externalapi.API) error { return a.EndConference() })
}
