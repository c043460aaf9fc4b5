package server

import (
	"net/http"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/app"
)

// goappPaths are the paths go-app's handler answers: the pages of
// app.Routes and the resources its loader needs. /wasm_exec.js is not
// among them: it must be the toolchain's copy, which the server serves.
var goappPaths = []string{
	"/{$}", "/console", "/app.js", "/goapp.js", "/app.css", "/app-worker.js",
	"/manifest.webmanifest", "/manifest.json",
}

// versioned resolves the /web/ resources of go-app's page to URLs that
// carry the bundle's version, so that they can be cached for long.
type versioned struct{ version string }

// Resolve implements goapp.ResourceResolver.
func (v versioned) Resolve(location string) string {
	if strings.HasPrefix(location, "/web/") {
		return location + "?v=" + v.version
	}
	return location
}

// newGoappHandler returns go-app's handler for the pages of package app.
func newGoappHandler(version string) http.Handler {
	app.Routes()
	return &goapp.Handler{
		Name:                    "meetbridge",
		ShortName:               "meetbridge",
		Title:                   "meetbridge",
		Description:             "Video meetings embedded and moderated from Go",
		Lang:                    "en",
		Icon:                    goapp.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", SVG: "/web/icon.svg"},
		Styles:                  []string{"/web/console.css"},
		LoadingLabel:            "Loading meetbridge… {progress}%",
		Resources:               versioned{version: version},
		Version:                 version,
		WasmContentLengthHeader: wasmLengthHeader,
		BackgroundColor:         "#1d2330",
		ThemeColor:              "#1d2330",
	}
}
