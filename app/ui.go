package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// errorLine renders a message as an alert, or nothing when it is empty.
func errorLine(msg string) goapp.UI {
	if msg == "" {
		return nil
	}
	return goapp.P().Class("error").Attr("role", "alert").Text(msg)
}

// button is a plain button (never a form submit) with a class.
func button(class, label string, onClick goapp.EventHandler, opts ...goapp.EventOption) goapp.HTMLButton {
	return goapp.Button().Type("button").Class(class).Text(label).OnClick(onClick, opts...)
}

// field is a labelled input showing value, with an optional error; onEnter
// (if any) runs when Enter is pressed in it.
func field(id, label, kind, value, errMsg string, onInput goapp.EventHandler, onEnter goapp.EventHandler) goapp.UI {
	input := goapp.Input().ID(id).Type(kind).Value(value).OnInput(onInput)
	if onEnter != nil {
		input = input.OnKeyDown(func(ctx goapp.Context, e goapp.Event) {
			if e.Get("key").String() == "Enter" {
				onEnter(ctx, e)
			}
		})
	}
	if errMsg != "" {
		input = input.Aria("invalid", "true").Class("invalid")
	}
	return goapp.Div().Class("field").Body(
		goapp.Label().For(id).Text(label),
		input,
		errorLine(errMsg),
	)
}

// clientFor returns c, or a client of the page's origin when c is nil.
func clientFor(ctx goapp.Context, c *Client) *Client {
	if c != nil {
		return c
	}
	base := ""
	if u := ctx.Page().URL(); u != nil && u.Host != "" {
		base = u.Scheme + "://" + u.Host
	}
	return &Client{BaseURL: base}
}
