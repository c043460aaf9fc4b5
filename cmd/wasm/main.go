//go:build js && wasm

// Command wasm is the browser entry of meetbridge: the go-app client of the
// join page and the moderator console. It registers the routes and runs
// them; the go-app Handler that serves the page lives in the server alone,
// which keeps it out of this bundle. Build it with -tags=externalapi_stdjson
// (make build does): go-app links encoding/json anyway, so package
// externalapi then uses it instead of its own readers and writers, which
// makes the bundle 38 KB brotli smaller.
package main

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/app"
)

func main() {
	app.Routes()
	goapp.RunWhenOnBrowser()
}
