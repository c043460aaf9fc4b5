//go:build js && wasm

package externalapi_test

import (
	"context"
	"errors"
	"log"
	"time"

	"github.com/meetbridge/meetbridge/externalapi"
)

// New embeds a meeting; typed methods send commands, On methods subscribe
// to events, and promise getters are bounded by a context.
func ExampleNew() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	meeting, err := externalapi.New(ctx, externalapi.Jitsi("meet.example.com"), externalapi.Options{
		RoomName:     "standup",
		ParentNodeID: "meeting",
		UserInfo:     &externalapi.UserInfo{DisplayName: "Gopher"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer meeting.Dispose()

	stop, err := meeting.OnParticipantJoined(func(e externalapi.ParticipantJoined) {
		log.Printf("%s joined", e.DisplayName)
	})
	if err != nil {
		log.Fatal(err)
	}
	defer stop()

	if err := meeting.WaitReady(ctx); err != nil {
		log.Fatal(err)
	}
	if err := meeting.SetSubject("Daily standup"); err != nil {
		log.Fatal(err)
	}
	muted, err := meeting.IsAudioMuted(ctx)
	log.Println(muted, err)
}

// A command the deployment's library does not have is an error wrapping
// ErrUnsupported, not a silent drop; renamed commands go by the name the
// library has.
func ExampleErrUnsupported() {
	ctx := context.Background()
	meeting, err := externalapi.New(ctx, externalapi.Jitsi("meet.example.com"), externalapi.Options{RoomName: "standup"})
	if err != nil {
		log.Fatal(err)
	}
	defer meeting.Dispose()

	err = meeting.SetParticipantProperties(externalapi.ParticipantProperties{"mood": "happy"}, false)
	if errors.Is(err, externalapi.ErrUnsupported) {
		log.Print("this deployment is older: ", err)
	}
	// setLowBandwidthMode on a newer library, setAudioOnly on an older one.
	if err := meeting.SetLowBandwidthMode(true); err != nil {
		log.Print(err)
	}
}
