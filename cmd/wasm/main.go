//go:build js && wasm

// Command wasm is the browser entry of meetbridge: it embeds the meeting that
// the server describes in the page's data attributes and lists its events.
package main

import (
	"context"
	"fmt"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/meetbridge/meetbridge/externalapi"
)

func main() {
	if err := run(); err != nil {
		setStatus("error: "+err.Error(), true)
	}
	select {}
}

// run creates the meeting and wires its events to the page.
func run() error {
	body, err := safejs.MustGetGlobal("document").Get("body")
	if err != nil {
		return err
	}
	domain := dataAttr(body, "domain")
	room := dataAttr(body, "room")
	provider := externalapi.Jitsi(domain)
	if dataAttr(body, "provider") == "sandbox" {
		provider = externalapi.Sandbox(domain, dataAttr(body, "secure") == "true")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	setStatus("loading "+domain+"…", false)
	meeting, err := externalapi.New(ctx, provider, externalapi.Options{
		RoomName:     room,
		ParentNodeID: "meeting",
		UserInfo:     &externalapi.UserInfo{DisplayName: "Gopher"},
		OnLoad:       func() { setStatus("ready", false) },
	})
	if err != nil {
		return err
	}
	subscriptions := []func() (externalapi.Unsubscribe, error){
		func() (externalapi.Unsubscribe, error) {
			return meeting.OnVideoConferenceJoined(func(e externalapi.VideoConferenceJoined) {
				logEvent(fmt.Sprintf("joined %s as %s (%s)", e.RoomName, e.DisplayName, e.ID))
			})
		},
		func() (externalapi.Unsubscribe, error) {
			return meeting.OnParticipantJoined(func(e externalapi.ParticipantJoined) {
				logEvent(fmt.Sprintf("%s joined", e.DisplayName))
			})
		},
		func() (externalapi.Unsubscribe, error) {
			return meeting.OnParticipantLeft(func(e externalapi.ParticipantLeft) {
				logEvent(fmt.Sprintf("%s left", e.ID))
			})
		},
		func() (externalapi.Unsubscribe, error) {
			return meeting.OnAudioMuteStatusChanged(func(e externalapi.AudioMuteStatusChanged) {
				logEvent(fmt.Sprintf("microphone muted: %t", e.Muted))
			})
		},
		func() (externalapi.Unsubscribe, error) {
			return meeting.OnError(func(err error) { logEvent("error: " + err.Error()) })
		},
	}
	for _, subscribe := range subscriptions {
		if _, err := subscribe(); err != nil {
			return err
		}
	}
	return nil
}

// dataAttr reads a data-* attribute of el.
func dataAttr(el safejs.Value, name string) string {
	ds, err := el.Get("dataset")
	if err != nil {
		return ""
	}
	v, err := ds.Get(name)
	if err != nil || v.Type() != safejs.TypeString {
		return ""
	}
	s, _ := v.String()
	return s
}

// setStatus shows a line in the page header.
func setStatus(text string, isError bool) {
	el, err := safejs.MustGetGlobal("document").Call("getElementById", "status")
	if err != nil || el.IsNull() {
		return
	}
	_ = el.Set("textContent", text)
	class := ""
	if isError {
		class = "error"
	}
	_ = el.Set("className", class)
}

// logEvent appends a line to the event list.
func logEvent(text string) {
	doc := safejs.MustGetGlobal("document")
	list, err := doc.Call("getElementById", "events")
	if err != nil || list.IsNull() {
		return
	}
	item, err := doc.Call("createElement", "li")
	if err != nil {
		return
	}
	_ = item.Set("textContent", time.Now().Format("15:04:05 ")+text)
	_, _ = list.Call("prepend", item)
}
