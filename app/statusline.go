package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// The pages' paths.
const (
	JoinPath    = "/"
	ConsolePath = "/console"
)

// StatusLine says who the browser is signed in as, with a link to the
// other page and, when OnSignOut is set, a sign-out button.
type StatusLine struct {
	goapp.Compo

	// Session is nil while it is being checked.
	Session *Session
	// Err is why the session could not be checked.
	Err string
	// LinkTo and LinkText make the link; no link when LinkTo is empty.
	LinkTo, LinkText string
	// OnSignOut, when set, shows a sign-out button to a signed-in user.
	OnSignOut func(goapp.Context)
	// Busy disables the sign-out button.
	Busy bool
}

// Render draws the line.
func (s *StatusLine) Render() goapp.UI {
	var who goapp.UI
	switch {
	case s.Err != "":
		who = goapp.Span().Class("error").Text("Could not check your session: " + s.Err)
	case s.Session == nil:
		who = goapp.Span().Class("muted").Text("Checking your session…")
	case !s.Session.SignedIn:
		who = goapp.Span().Text("Not signed in")
	default:
		role := ""
		if s.Session.Moderator {
			role = " (moderator)"
		}
		who = goapp.Span().Body(goapp.Text("Signed in as "), goapp.Strong().Text(s.Session.User), goapp.Text(role))
	}
	var signOut goapp.UI
	if s.OnSignOut != nil && s.Session != nil && s.Session.SignedIn {
		signOut = button("sign-out link-button", "Sign out", s.signOut).Disabled(s.Busy)
	}
	var link goapp.UI
	if s.LinkTo != "" {
		link = goapp.A().Class("status-link").Href(s.LinkTo).Text(s.LinkText)
	}
	return goapp.Div().Class("status-line").Body(who, signOut, link)
}

// signOut hands the click to the owner.
func (s *StatusLine) signOut(ctx goapp.Context, _ goapp.Event) {
	if s.OnSignOut != nil {
		s.OnSignOut(ctx)
	}
}
