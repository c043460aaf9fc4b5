//go:build js && wasm

// Command bridge is the smallest page that embeds a meeting with package
// externalapi and no UI framework; BENCHMARKS.md measures its size. Open it
// as page.html?domain=meet.example.com&room=standup.
package main

import (
	"context"
	"log"
	"net/url"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/meetbridge/meetbridge/externalapi"
)

func main() {
	query := pageQuery()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	meeting, err := externalapi.New(ctx, externalapi.Jitsi(query.Get("domain")), externalapi.Options{
		RoomName: query.Get("room"),
		UserInfo: &externalapi.UserInfo{DisplayName: "Gopher"},
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := meeting.OnVideoConferenceJoined(func(e externalapi.VideoConferenceJoined) {
		log.Printf("joined %s as %s", e.RoomName, e.ID)
	}); err != nil {
		log.Fatal(err)
	}
	if _, err := meeting.OnParticipantJoined(func(e externalapi.ParticipantJoined) {
		log.Printf("%s joined", e.DisplayName)
	}); err != nil {
		log.Fatal(err)
	}
	select {}
}

// pageQuery returns the page URL's query parameters.
func pageQuery() url.Values {
	href, err := safejs.MustGetGlobal("location").Get("search")
	if err != nil {
		return url.Values{}
	}
	s, _ := href.String()
	q, _ := url.ParseQuery(trimQuestionMark(s))
	return q
}

// trimQuestionMark drops the leading "?" of location.search.
func trimQuestionMark(s string) string {
	if len(s) > 0 && s[0] == '?' {
		return s[1:]
	}
	return s
}
