package server

import (
	"net/http"

	"github.com/meetbridge/meetbridge/externalapi"
)

// earlyStartScript serves externalapi.EarlyStartScript, with which a page
// starts its meeting while the Go module still downloads (see
// externalapi.EarlyStart); a file, so that the CSP needs no inline script.
var earlyStartScript = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(externalapi.EarlyStartScript)
})
