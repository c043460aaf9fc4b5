// Package web holds the static assets of the meetbridge pages, served under
// /web/: the console's stylesheet and the app icons.
package web

import "embed"

// Assets are the files served under /web/.
//
//go:embed *.css *.svg *.png
var Assets embed.FS
