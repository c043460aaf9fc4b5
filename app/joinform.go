package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// Join is a granted join: what the user asked for and what the server gave.
type Join struct {
	Request TokenRequest
	Grant   Grant
}

// JoinForm asks for a room, a display name and an optional email, checks
// them as the server would, asks the server for a join token and hands the
// grant to OnJoin.
type JoinForm struct {
	goapp.Compo

	// Client calls the server; nil means the page's own origin.
	Client *Client
	// Room and DisplayName prefill the form when it mounts.
	Room, DisplayName string
	// Title heads the form.
	Title string
	// Role is the token role to ask for (RoleModerator in the console).
	Role string
	// OnJoin is called on the UI goroutine with the grant.
	OnJoin func(goapp.Context, Join)

	req     TokenRequest
	errs    JoinErrors
	err     string
	busy    bool
	prefill bool
}

// OnMount prefills the form once.
func (f *JoinForm) OnMount(goapp.Context) {
	if !f.prefill {
		f.prefill = true
		f.req.Room, f.req.DisplayName = f.Room, f.DisplayName
	}
}

// Render draws the form.
func (f *JoinForm) Render() goapp.UI {
	title := f.Title
	if title == "" {
		title = "Join a meeting"
	}
	label := "Join"
	if f.busy {
		label = "Joining…"
	}
	return goapp.Div().Class("card", "join-form").Body(
		goapp.H2().Text(title),
		field("join-room", "Room", "text", f.req.Room, f.errs.Room, f.ValueTo(&f.req.Room), f.submit),
		field("join-name", "Your name", "text", f.req.DisplayName, f.errs.DisplayName, f.ValueTo(&f.req.DisplayName), f.submit),
		field("join-email", "Email (optional)", "email", f.req.Email, f.errs.Email, f.ValueTo(&f.req.Email), f.submit),
		goapp.Div().Class("actions").Body(
			button("primary join-submit", label, f.submit).Disabled(f.busy),
		),
		errorLine(f.err),
	)
}

// submit validates the form and asks for a token.
func (f *JoinForm) submit(ctx goapp.Context, _ goapp.Event) {
	if f.busy {
		return
	}
	f.req.Role = f.Role
	req := f.req.Normalize()
	f.req.Room = req.Room
	f.errs, f.err = req.Validate(), ""
	if !f.errs.OK() {
		return
	}
	f.busy = true
	client := clientFor(ctx, f.Client)
	ctx.Async(func() {
		g, err := client.Token(ctx, req)
		ctx.Dispatch(func(ctx goapp.Context) {
			f.busy = false
			if err != nil {
				f.err = describe(err)
				return
			}
			if f.OnJoin != nil {
				f.OnJoin(ctx, Join{Request: req, Grant: g})
			}
		})
	})
}
