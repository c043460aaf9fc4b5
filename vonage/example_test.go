package vonage_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/meetbridge/meetbridge/vonage"
	"github.com/meetbridge/meetbridge/vonage/vonagetest"
)

// ExampleClient_CreateRoom creates a room against the local fake (the real
// service is switched off) and prints its guest URL, which anyone may join
// with; the host URL gives owner rights and is kept back.
func ExampleClient_CreateRoom() {
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()

	client, err := vonage.New(fake.ClientConfig()) // ApplicationID, PrivateKeyPEM, BaseURL
	if err != nil {
		log.Fatal(err)
	}
	room, err := client.CreateRoom(context.Background(), vonage.CreateRoomRequest{
		DisplayName: "Standup",
		UISettings:  &vonage.UISettings{Language: vonage.LanguageEnglish},
	})
	if err != nil {
		log.Fatal(err)
	}
	guest := strings.Replace(room.GuestURL(), room.MeetingCode, "<meeting code>", 1)
	fmt.Println(room.Type, guest)
	// Output: instant https://meetings.vonage.com/<meeting code>
}

// ExampleCallbackHandler receives a callback as Vonage posts it and hands
// the typed event on.
func ExampleCallbackHandler() {
	h := vonage.CallbackHandler{OnEvent: func(_ context.Context, e vonage.CallbackEvent) {
		if j, ok := e.(*vonage.ParticipantJoined); ok {
			fmt.Println(j.EventName(), j.Name, "host:", j.IsHost)
		}
	}}
	body := `{"event":"session:participant:joined","participant_id":"p1","session_id":"s1","room_id":"r1","name":"Ada","type":"Guest","is_host":false}`
	req := httptest.NewRequest(http.MethodPost, "/vonage/callbacks", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// session:participant:joined Ada host: false
	// 204
}
