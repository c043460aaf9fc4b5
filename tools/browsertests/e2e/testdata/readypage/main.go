//go:build js && wasm

// Command readypage is the Go page of the ready-time benchmark: it creates a
// sandbox meeting with the bridge, or with data-mode="early" adopts the one
// the page started early (externalapi.Adopt), and records performance.now()
// when Go sees the meeting ready, in window.readyAt.
package main

import (
	"context"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/meetbridge/meetbridge/externalapi"
)

func main() {
	mark("mainAt")
	body, _ := safejs.MustGetGlobal("document").Get("body")
	ds, _ := body.Get("dataset")
	d, r, mode := dataString(ds, "domain"), dataString(ds, "room"), dataString(ds, "mode")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p := externalapi.Sandbox(d, false)
	onLoad := func() { mark("readyAt") }
	var err error
	if mode == "early" {
		_, err = externalapi.Adopt(ctx, p, externalapi.AdoptOptions{OnLoad: onLoad})
		mark("adoptedAt")
	} else {
		src, _ := p.Script()
		_ = externalapi.LoadScript(ctx, src, p.Global) // New would load it; marked apart
		mark("scriptAt")
		_, err = externalapi.New(ctx, p, externalapi.Options{RoomName: r, OnLoad: onLoad})
		mark("createdAt")
	}
	if err != nil {
		_ = safejs.Global().Set("readyError", err.Error())
	}
	select {}
}

// dataString reads a data- attribute of the body.
func dataString(ds safejs.Value, key string) string {
	v, err := ds.Get(key)
	if err != nil || v.Type() != safejs.TypeString {
		return ""
	}
	s, _ := v.String()
	return s
}

// mark records performance.now() in window[name].
func mark(name string) {
	now, _ := safejs.MustGetGlobal("performance").Call("now")
	_ = safejs.Global().Set(name, now)
}
