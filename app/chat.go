package app

import (
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// ChatPanel shows the chat and sends messages to everyone or privately to
// one participant.
type ChatPanel struct {
	goapp.Compo

	// API is the meeting while one can chat; nil disables sending.
	API *externalapi.API
	// Messages are the chat's messages, oldest first.
	Messages []ChatMessage
	// Participants are who can get a private message (all but Local).
	Participants Participants
	Local        externalapi.ParticipantID

	text string
	to   string
	err  string
}

// Render draws the chat.
func (c *ChatPanel) Render() goapp.UI {
	off := c.API == nil
	shown := c.Messages
	if len(shown) > 50 {
		shown = shown[len(shown)-50:]
	}
	var list goapp.UI
	if len(shown) == 0 {
		list = goapp.P().Class("muted").Text("No messages yet.")
	} else {
		list = goapp.Ol().Class("chat-messages").Body(goapp.Range(shown).Slice(func(i int) goapp.UI {
			m := shown[i]
			who := "You"
			if m.Incoming {
				who = nameOr(m.Nick, string(m.From))
			}
			if m.Private {
				who += " (private)"
			}
			return goapp.Li().Class("chat-message").DataSet("incoming", m.Incoming).Body(
				goapp.Strong().Text(who+": "),
				goapp.Span().Class("text").Text(m.Text),
			)
		}))
	}
	return goapp.Section().Class("panel", "chat").Body(
		goapp.H3().Text("Chat"),
		list,
		goapp.Div().Class("inline-form").Body(
			goapp.Select().ID("chat-to").Aria("label", "Send to").OnChange(c.ValueTo(&c.to)).Body(
				goapp.Option().Value("").Selected(c.to == "").Text("Everyone"),
				goapp.Range(c.Participants).Slice(func(i int) goapp.UI {
					p := c.Participants[i]
					if p.ID == c.Local || p.Local {
						return nil
					}
					return goapp.Option().Value(string(p.ID)).Selected(c.to == string(p.ID)).Text(nameOr(p.Name, string(p.ID)) + " (private)")
				}),
			),
			goapp.Input().ID("chat-text").Type("text").Placeholder("Message").Aria("label", "Chat message").
				Value(c.text).OnInput(c.ValueTo(&c.text)).OnKeyDown(func(ctx goapp.Context, e goapp.Event) {
				if e.Get("key").String() == "Enter" {
					c.send(ctx, e)
				}
			}),
			button("send-chat", "Send", c.send).Disabled(off || strings.TrimSpace(c.text) == ""),
		),
		errorLine(c.err),
	)
}

// send sends the message to everyone or to the chosen participant.
func (c *ChatPanel) send(goapp.Context, goapp.Event) {
	text := strings.TrimSpace(c.text)
	if text == "" {
		return
	}
	to := externalapi.ParticipantID(c.to)
	c.err = describe(run(c.API, func(a *externalapi.API) error { return a.SendChatMessage(text, to, false) }))
	if c.err == "" {
		c.text = ""
		if input := goapp.Window().GetElementByID("chat-text"); input.Truthy() {
			input.Set("value", "")
		}
	}
}
