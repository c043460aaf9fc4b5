package app

import (
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// Controls are the meeting-wide controls: mute everyone, audio and video
// moderation, subject, password, tile view, raise hand and ending the
// meeting (after a confirmation).
type Controls struct {
	goapp.Compo

	// API is the meeting while one can act on it (tile view, hand); nil
	// disables those.
	API *externalapi.API
	// ModeratorAPI is the meeting while the local participant may
	// moderate it; nil disables the moderator's controls.
	ModeratorAPI *externalapi.API
	// Subject, TileView, HandRaised and Moderation are as the meeting
	// reported them.
	Subject    string
	TileView   bool
	HandRaised bool
	Moderation Moderation

	subject    string
	password   string
	locked     bool
	confirmEnd bool
	err        string
}

// Render draws the controls.
func (c *Controls) Render() goapp.UI {
	off, modOff := c.API == nil, c.ModeratorAPI == nil
	tile, hand := "Tile view", "Raise hand"
	if c.TileView {
		tile = "Leave tile view"
	}
	if c.HandRaised {
		hand = "Lower hand"
	}
	var end goapp.UI
	if c.confirmEnd && !modOff {
		end = goapp.Div().Class("confirm").Body(
			goapp.Span().Text("End the meeting for everyone?"),
			button("end-confirm danger", "End it", c.endConfirmed),
			button("end-cancel", "Cancel", c.endCancelled),
		)
	} else {
		end = button("end-conference danger", "End meeting for everyone", c.endAsked).Disabled(modOff)
	}
	current := "No subject set."
	if c.Subject != "" {
		current = "Subject: " + c.Subject
	}
	lock := "The meeting has no password."
	if c.locked {
		lock = "The meeting is locked with a password."
	}
	return goapp.Section().Class("panel", "controls").Body(
		goapp.H3().Text("Meeting"),
		goapp.Div().Class("button-row").Body(
			button("mute-all-audio", "Mute everyone", c.muteAll(externalapi.Audio)).Disabled(modOff),
			button("mute-all-video", "Stop everyone's video", c.muteAll(externalapi.Video)).Disabled(modOff),
		),
		goapp.Div().Class("button-row", "moderation").Body(
			c.moderationButton(externalapi.Audio, modOff),
			c.moderationButton(externalapi.Video, modOff),
		),
		goapp.Div().Class("inline-form").Body(
			goapp.Input().ID("subject-input").Type("text").Placeholder("Meeting subject").Aria("label", "Meeting subject").
				Value(c.subject).OnInput(c.ValueTo(&c.subject)),
			button("set-subject", "Set subject", c.setSubject).Disabled(modOff),
		),
		goapp.P().Class("muted", "subject").Text(current),
		goapp.Div().Class("inline-form").Body(
			goapp.Input().ID("password-input").Type("password").Placeholder("Meeting password").Aria("label", "Meeting password").
				AutoComplete(false).Value(c.password).OnInput(c.ValueTo(&c.password)),
			button("set-password", "Lock", c.setPassword).Disabled(modOff || strings.TrimSpace(c.password) == ""),
			button("clear-password", "Unlock", c.clearPassword).Disabled(modOff || !c.locked),
		),
		goapp.P().Class("muted", "lock-state").Text(lock),
		goapp.Div().Class("button-row").Body(
			button("tile-view", tile, c.toggleTileView).Disabled(off),
			button("raise-hand", hand, c.raiseHand).Disabled(off),
		),
		end,
		errorLine(c.err),
	)
}

// moderationButton turns the media's moderation on or off.
func (c *Controls) moderationButton(media externalapi.MediaType, off bool) goapp.UI {
	on := c.Moderation.On(media)
	what := "audio"
	if media == externalapi.Video {
		what = "video"
	}
	label := "Turn on " + what + " moderation"
	if on {
		label = "Turn off " + what + " moderation"
	}
	return button("toggle-moderation-"+what, label, func(goapp.Context, goapp.Event) {
		// go-app keeps the first handler: read the state at the click.
		want := !c.Moderation.On(media)
		c.doModerator(func(a *externalapi.API) error { return a.ToggleModeration(want, media) })
	}).Disabled(off).Aria("pressed", on)
}

// do runs a command and shows its error.
func (c *Controls) do(cmd func(*externalapi.API) error) bool {
	c.err = describe(run(c.API, cmd))
	return c.err == ""
}

// doModerator runs a moderator's command and shows its error.
func (c *Controls) doModerator(cmd func(*externalapi.API) error) bool {
	c.err = describe(run(c.ModeratorAPI, cmd))
	return c.err == ""
}

// muteAll mutes everyone's audio or video.
func (c *Controls) muteAll(media externalapi.MediaType) goapp.EventHandler {
	return func(goapp.Context, goapp.Event) {
		c.doModerator(func(a *externalapi.API) error { return a.MuteEveryone(media) })
	}
}

// setSubject sets the subject for everyone.
func (c *Controls) setSubject(goapp.Context, goapp.Event) {
	subject := c.subject
	c.doModerator(func(a *externalapi.API) error { return a.SetSubject(subject) })
}

// setPassword locks the meeting with the password. The meeting reports no
// lock state: the panel shows what it set.
func (c *Controls) setPassword(goapp.Context, goapp.Event) {
	pw := strings.TrimSpace(c.password)
	if c.doModerator(func(a *externalapi.API) error { return a.SetPassword(pw) }) {
		c.locked, c.password = true, ""
		if input := goapp.Window().GetElementByID("password-input"); input.Truthy() {
			input.Set("value", "")
		}
	}
}

// clearPassword unlocks the meeting.
func (c *Controls) clearPassword(goapp.Context, goapp.Event) {
	if c.doModerator(func(a *externalapi.API) error { return a.SetPassword("") }) {
		c.locked = false
	}
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
	c.doModerator(func(a *externalapi.API) error { return a.EndConference() })
}
