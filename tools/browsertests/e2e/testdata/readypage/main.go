//go:build js && wasm

// Command readypage is the Go page of the ready-time benchmark: it creates a
// sandbox meeting with the bridge and records performance.now() when the
// meeting is ready, in window.readyAt.
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
	domain, _ := ds.Get("domain")
	room, _ := ds.Get("room")
	d, _ := domain.String()
	r, _ := room.String()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p := externalapi.Sandbox(d, false)
	src, _ := p.Script()
	_ = externalapi.LoadScript(ctx, src, p.Global) // New would load it; marked apart
	mark("scriptAt")
	_, err := externalapi.New(ctx, p, externalapi.Options{
		RoomName: r,
		OnLoad: func() {
			now, _ := safejs.MustGetGlobal("performance").Call("now")
			_ = safejs.Global().Set("readyAt", now)
		},
	})
	if err != nil {
		_ = safejs.Global().Set("readyError", err.Error())
	}
	mark("createdAt")
	select {}
}

// mark records performance.now() in window[name].
func mark(name string) {
	now, _ := safejs.MustGetGlobal("performance").Call("now")
	_ = safejs.Global().Set(name, now)
}
