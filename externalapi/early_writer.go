//go:build !(js && wasm)

package externalapi

import (
	"fmt"
	"html"
	"slices"
	"strings"
)

// EarlyStart describes a meeting that the page starts by itself, so that the
// meeting's iframe loads while the Go module downloads and compiles. A
// server or a build step writes it into the page as JSON (JSON, HTML);
// EarlyStartScript creates the meeting from it, and the Go program takes it
// over with Adopt.
//
// Options are written as New hands them to the library, with two
// exceptions: OnLoad, a Go callback, is left out (give it to Adopt), and
// ParentNodeID is written as the element's id, which the script looks up.
// Values in a Config must be what New accepts (basic values, maps, slices,
// json.RawMessage, MarshalText), or JSON fails as New would.
type EarlyStart struct {
	// Provider is the meeting service; Adopt must be given the same
	// domain and global.
	Provider Provider
	// Options are the meeting's constructor options.
	Options Options
}

// earlyEvents lists every event name of definitions.json, sorted: the script
// records these (and those the library's getSupportedEvents names) until
// Adopt.
func earlyEvents() []any {
	names := make([]string, 0, len(eventTable))
	for _, e := range eventTable {
		names = append(names, e.Name)
	}
	slices.Sort(names)
	out := make([]any, len(names))
	for i, n := range names {
		out[i] = n
	}
	return out
}

// data is the JSON object the script reads, as a plain value.
func (e EarlyStart) data() (plainObject, string, error) {
	opts, err := constructorOptions(e.Provider, e.Options)
	if err != nil {
		return nil, "", err
	}
	script, err := e.Provider.Script()
	if err != nil {
		return nil, "", err
	}
	plainOpts, err := plainValue(opts)
	if err != nil {
		return nil, "", fmt.Errorf("externalapi: early start options: %w", err)
	}
	d := plainObject{
		{key: "global", value: e.Provider.Global},
		{key: "domain", value: e.Provider.Domain},
		{key: "script", value: script},
		{key: "options", value: plainOpts},
		{key: "events", value: earlyEvents()},
	}
	if e.Options.ParentNodeID != "" {
		d = append(d, plainMember{key: "parentNodeId", value: e.Options.ParentNodeID})
	}
	return d, script, nil
}

// JSON returns the data for the page's
// <script type="application/json" id="meetbridge-early-start"> element
// (EarlyStartDataID): the provider's global, domain and script URL, the
// constructor options and the event names to record. It is safe inside a
// script element: <, > and & are escaped as \u003c, \u003e and \u0026.
func (e EarlyStart) JSON() ([]byte, error) {
	d, _, err := e.data()
	if err != nil {
		return nil, err
	}
	return plainJSON(d)
}

// HTML returns the elements that start the meeting early: the data
// element, the provider's script and the early start script at scriptPath
// (EarlyStartPath when empty). Put them at the end of the body, after the
// meeting's parent element and after the script that starts fetching the Go
// module: the meeting is then created as soon as the provider's script is
// there, while the module downloads and compiles. (In the head, the script
// waits until the page is parsed.) With html/template, insert it as
// template.HTML.
func (e EarlyStart) HTML(scriptPath string) (string, error) {
	if scriptPath == "" {
		scriptPath = EarlyStartPath
	}
	if err := checkURL(scriptPath); err != nil {
		return "", fmt.Errorf("externalapi: early start script path: %w", err)
	}
	d, script, err := e.data()
	if err != nil {
		return "", err
	}
	j, err := plainJSON(d)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(`<script type="application/json" id="` + EarlyStartDataID + `">`)
	b.Write(j)
	b.WriteString("</script>\n")
	for _, src := range []string{script, scriptPath} {
		b.WriteString(`<script src="` + html.EscapeString(src) + `"></script>` + "\n")
	}
	return b.String(), nil
}
