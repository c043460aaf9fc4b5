package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// Routes registers the pages with go-app: the join page at JoinPath and the
// moderator console at ConsolePath. Both the browser entry and the server
// (which builds the go-app Handler) call it.
func Routes() {
	goapp.Route(JoinPath, func() goapp.Composer { return &JoinPage{} })
	goapp.Route(ConsolePath, func() goapp.Composer { return &Console{} })
}
