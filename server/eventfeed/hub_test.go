package eventfeed_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/meetbridge/meetbridge/server/eventfeed"
)

// readEvent reads the stream up to the next "provider" event.
func readEvent(t *testing.T, sc *bufio.Scanner) eventfeed.Event {
	t.Helper()
	named := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "event: provider":
			named = true
		case named && strings.HasPrefix(line, "data: "):
			var e eventfeed.Event
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &e); err != nil {
				t.Fatalf("data line %q: %v", line, err)
			}
			return e
		}
	}
	t.Fatalf("stream ended before an event: %v", sc.Err())
	return eventfeed.Event{}
}

func TestStreamDeliversPublishedEventsInOrder(t *testing.T) {
	hub := eventfeed.NewHub()
	srv := httptest.NewServer(hub)
	defer srv.Close()

	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type = %q", ct)
	}
	sc := bufio.NewScanner(resp.Body)
	// The subscription exists once the stream has said it is connected.
	if !sc.Scan() || sc.Text() != ": connected" {
		t.Fatalf("first line %q, want the connected comment", sc.Text())
	}

	for _, typ := range []string{"join_meeting", "exit_meeting"} {
		e, err := eventfeed.NewEvent("meethour", typ, map[string]string{"name": "Dan"})
		if err != nil {
			t.Fatal(err)
		}
		hub.Publish(e)
	}
	for _, want := range []string{"join_meeting", "exit_meeting"} {
		got := readEvent(t, sc)
		if got.Source != "meethour" || got.Type != want || string(got.Payload) != `{"name":"Dan"}` || got.Time.IsZero() {
			t.Fatalf("got %+v, want a meethour %s event with its payload", got, want)
		}
	}

	hub.Close()
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "data: ") {
			t.Fatalf("data after Close: %q", sc.Text())
		}
	}
}

func TestPublishNeverBlocksOnASlowSubscriber(t *testing.T) {
	hub := eventfeed.NewHub()
	events, stop := hub.Subscribe()
	defer stop()
	for i := 0; i < 1000; i++ { // far more than any buffer; must return
		hub.Publish(eventfeed.Event{Type: "x"})
	}
	if len(events) == 0 {
		t.Fatal("the subscriber got nothing")
	}
	stop()
	stop() // twice is harmless
	if _, ok := <-events; !ok {
		t.Fatal("buffered events were dropped by stop")
	}
}

func TestNewEventRejectsWhatJSONCannotHold(t *testing.T) {
	if _, err := eventfeed.NewEvent("vonage", "x", func() {}); err == nil {
		t.Fatal("a func payload was accepted")
	}
}
