package vonage_test

import (
	"context"
	"fmt"
	"log"
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
