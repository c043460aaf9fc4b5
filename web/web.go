// Package web holds the static assets of the meetbridge pages.
package web

import "embed"

// Assets are the page template, its script and its stylesheet.
//
//go:embed index.html boot.js style.css
var Assets embed.FS
