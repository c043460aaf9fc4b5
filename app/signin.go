package app

import (
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// SignInForm signs a moderator in and hands the session to OnSignIn.
type SignInForm struct {
	goapp.Compo

	// Client calls the server; nil means the page's own origin.
	Client *Client
	// Notice is shown above the form, such as why signing in is needed.
	Notice string
	// OnSignIn is called on the UI goroutine with the new session.
	OnSignIn func(goapp.Context, Session)

	username, password string
	err                string
	busy               bool
}

// Render draws the form.
func (f *SignInForm) Render() goapp.UI {
	var notice goapp.UI
	if f.Notice != "" {
		notice = goapp.P().Class("notice").Text(f.Notice)
	}
	label := "Sign in"
	if f.busy {
		label = "Signing in…"
	}
	return goapp.Div().Class("card", "sign-in").Body(
		goapp.H2().Text("Moderator sign-in"),
		notice,
		field("sign-in-user", "User name", "text", f.username, "", f.ValueTo(&f.username), f.submit),
		field("sign-in-password", "Password", "password", f.password, "", f.ValueTo(&f.password), f.submit),
		goapp.Div().Class("actions").Body(
			button("primary sign-in-submit", label, f.submit).Disabled(f.busy),
		),
		errorLine(f.err),
	)
}

// submit signs in.
func (f *SignInForm) submit(ctx goapp.Context, _ goapp.Event) {
	if f.busy {
		return
	}
	user := strings.TrimSpace(f.username)
	if user == "" || f.password == "" {
		f.err = "enter your user name and password"
		return
	}
	f.busy, f.err = true, ""
	client, password := clientFor(ctx, f.Client), f.password
	ctx.Async(func() {
		s, err := client.Login(ctx, user, password)
		ctx.Dispatch(func(ctx goapp.Context) {
			f.busy = false
			if err != nil {
				f.err = describe(err)
				return
			}
			f.password = ""
			if f.OnSignIn != nil {
				f.OnSignIn(ctx, s)
			}
		})
	})
}
