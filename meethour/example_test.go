package meethour_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
)

// A server schedules a meeting, fetches the organizer's join token and
// hands the page only the token, the API key and the pcode.
func ExampleClient_GetJWT() {
	fake := meethourtest.NewServer(meethourtest.Config{}) // stands in for api.meethour.io
	defer fake.Close()
	client, err := meethour.New(fake.ClientConfig())
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	m, err := client.ScheduleMeeting(ctx, meethour.ScheduleRequest{
		Name:     "standup",
		Passcode: "pass-1234",
		Start:    time.Now().UTC(),
		Duration: time.Hour,
		Options:  []string{"JOIN_ANYTIME"},
	})
	if err != nil {
		panic(err)
	}
	jwt, err := client.GetJWT(ctx, m.ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(strings.HasPrefix(m.ID, "MHR"), strings.Count(jwt, "."), m.PCode != "")
	fmt.Println(meethour.ScriptURL(client.APIKey()))
	// Output:
	// true 2 true
	// https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey=fake-api-key-0c3e
}

// Errors say whether retrying later may help.
func ExampleAPIError() {
	fake := meethourtest.NewServer(meethourtest.Config{})
	defer fake.Close()
	client, _ := meethour.New(fake.ClientConfig())
	fake.Fail(meethourtest.InternalError)

	_, err := client.GetJWT(context.Background(), "MHR240416944")
	var ae *meethour.APIError
	fmt.Println(errors.Is(err, meethour.ErrUnavailable), errors.As(err, &ae), ae.Status)
	fmt.Println(err)
	// Output:
	// true true 500
	// meethour: login: HTTP 500: Server Error
}

// Every upcoming meeting, page after page.
func ExampleClient_AllMeetings() {
	fake := meethourtest.NewServer(meethourtest.Config{})
	defer fake.Close()
	for _, name := range []string{"standup", "retro", "planning"} {
		fake.AddMeeting(name, "pass-1234")
	}
	client, _ := meethour.New(fake.ClientConfig())
	for m, err := range client.AllMeetings(context.Background(), meethour.Upcoming, meethour.MeetingQuery{ListOptions: meethour.ListOptions{Limit: 2}}) {
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Println(m.Topic)
	}
	// Output:
	// standup
	// retro
	// planning
}

// A webhook endpoint that accepts only events Meet Hour signed.
func ExampleNewWebhookHandler() {
	secret := []byte("whsec-0123456789abcdef")
	h, err := meethour.NewWebhookHandler(meethour.WebhookConfig{
		Secret: secret,
		Handle: func(_ context.Context, e meethour.WebhookEvent) error {
			fmt.Println(e.Type, e.Join.Attendee.Name)
			return nil
		},
	})
	if err != nil {
		panic(err)
	}
	ev := meethourtest.Webhook{Type: meethour.EventJoinMeeting, ID: "ev-1", Timestamp: time.Now(), Data: meethourtest.JoinData("MHR240416944", "Ada", "ada@example.com")}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, ev.Request("http://example.com/webhooks/meethour", secret))
	fmt.Println(rec.Code)
	// Output:
	// join_meeting Ada
	// 200
}
