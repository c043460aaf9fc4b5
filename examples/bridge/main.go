//go:build js && wasm

// Command bridge is the smallest page that embeds a meeting with package
// externalapi and no UI framework; BENCHMARKS.md measures its size. Open it
// as page.html?domain=meet.example.com&room=standup.
package main

import (
	"context"
	"fmt"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/meetbridge/meetbridge/externalapi"
)

func main() {
	query := pageQuery()
	// A timer rather than context.WithTimeout, whose String method would
	// link time's formatting (about 20 KB brotli) into this small page.
	ctx, cancel := context.WithCancel(context.Background())
	defer time.AfterFunc(20*time.Second, cancel).Stop()
	meeting, err := externalapi.New(ctx, externalapi.Jitsi(query.Get("domain")), externalapi.Options{
		RoomName: query.Get("room"),
		UserInfo: &externalapi.UserInfo{DisplayName: "Gopher"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := meeting.OnVideoConferenceJoined(func(e externalapi.VideoConferenceJoined) {
		fmt.Printf("joined %s as %s\n", e.RoomName, e.ID)
	}); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := meeting.OnParticipantJoined(func(e externalapi.ParticipantJoined) {
		fmt.Printf("%s joined\n", e.DisplayName)
	}); err != nil {
		fmt.Println(err)
		return
	}
	select {}
}

// pageQuery returns the page URL's query parameters, read with the browser's
// URLSearchParams (net/url would add about 51 KB brotli to the page).
func pageQuery() query {
	search, err := safejs.MustGetGlobal("location").Get("search")
	if err == nil {
		var params safejs.Value
		if params, err = safejs.MustGetGlobal("URLSearchParams").New(search); err == nil {
			return query{params}
		}
	}
	return query{}
}

// query reads URLSearchParams.
type query struct{ params safejs.Value }

// Get returns the first value of name, or "".
func (q query) Get(name string) string {
	if q.params.IsUndefined() {
		return ""
	}
	v, err := q.params.Call("get", name)
	if err != nil || v.IsNull() {
		return ""
	}
	s, _ := v.String()
	return s
}
