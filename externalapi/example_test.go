//go:build !js

// Examples run on the host: the browser has no file system for their
// captured output.

package externalapi_test

import (
	"errors"
	"fmt"

	"github.com/meetbridge/meetbridge/externalapi"
)

// Providers are data: the same code embeds a self-hosted Jitsi, 8x8 JaaS or
// Meet Hour meeting.
func ExampleProvider_Script() {
	for _, p := range []externalapi.Provider{
		externalapi.Jitsi("meet.example.com"),
		externalapi.JaaS("vpaas-magic-cookie-0123"),
		externalapi.MeetHour("my-api-key"),
	} {
		src, _ := p.Script()
		fmt.Println(p.Global, src)
	}
	// Output:
	// JitsiMeetExternalAPI https://meet.example.com/external_api.js
	// JitsiMeetExternalAPI https://8x8.vc/libs/external_api.min.js
	// MeetHourExternalAPI https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey=my-api-key
}

// Sizes accept exactly the units the External API accepts.
func ExampleParseSize() {
	h, err := externalapi.ParseSize("80vh")
	fmt.Println(h, err)
	_, err = externalapi.ParseSize("80 rem")
	fmt.Println(err != nil)
	// Output:
	// 80vh <nil>
	// true
}

// DecodeEvent turns a listener payload into its typed event; note the
// lowercase displayname key of displayNameChange on the wire.
func ExampleDecodeEvent() {
	e, err := externalapi.DecodeEvent("displayNameChange", []byte(`{"id":"abcd","displayname":"Bob"}`))
	if err != nil {
		panic(err)
	}
	change := e.(externalapi.DisplayNameChange)
	fmt.Println(change.ID, change.DisplayName)

	_, err = externalapi.DecodeEvent("audioMuteStatusChanged", []byte(`{"muted":"yes"}`))
	var de *externalapi.DecodeError
	fmt.Println(errors.As(err, &de), de.Event)
	// Output:
	// abcd Bob
	// true audioMuteStatusChanged
}
