//go:build !(js && wasm)

package externalapi_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/meetbridge/meetbridge/externalapi"
)

// A server writes the meeting into the page, so that it starts while the Go
// module downloads; the Go program then takes it over with Adopt. With
// html/template, insert the snippet as template.HTML(head); serve
// externalapi.EarlyStartScript at externalapi.EarlyStartPath (cmd/server
// does).
func ExampleEarlyStart() {
	early := externalapi.EarlyStart{
		Provider: externalapi.Jitsi("meet.example.org"),
		Options:  externalapi.Options{RoomName: "standup", ParentNodeID: "meeting", UserInfo: &externalapi.UserInfo{DisplayName: "Ada"}},
	}
	head, err := early.HTML("")
	if err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(strings.TrimSpace(head), "\n")
	fmt.Println(lines[1]) // the provider's library
	fmt.Println(lines[2]) // the early start script

	data, err := early.JSON() // what lines[0] carries
	if err != nil {
		fmt.Println(err)
		return
	}
	var d struct {
		Global, Domain string
		Options        map[string]any
		ParentNodeID   string
	}
	if err := json.Unmarshal(data, &d); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Global, d.Domain, d.Options["roomName"], d.Options["userInfo"], d.ParentNodeID)
	// Output:
	// <script src="https://meet.example.org/external_api.js"></script>
	// <script src="/meetbridge-early-start.js"></script>
	// JitsiMeetExternalAPI meet.example.org standup map[displayName:Ada] meeting
}
