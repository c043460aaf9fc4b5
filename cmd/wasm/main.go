//go:build js && wasm

// Command wasm is the browser entry of meetbridge: the go-app client of the
// join page and the moderator console. It registers the routes and runs
// them; the go-app Handler that serves the page lives in the server alone,
// which keeps it out of this bundle.
package main

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/app"
)

func main() {
	app.Routes()
	goapp.RunWhenOnBrowser()
}
