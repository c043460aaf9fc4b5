package eventfeed_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"go.uber.org/goleak"

	"github.com/meetbridge/meetbridge/internal/redistest"
	"github.com/meetbridge/meetbridge/server/eventfeed"
)

func TestRedisHubsShareEventsAcrossInstances(t *testing.T) {
	srv := redistest.Start(t)
	before := goleak.IgnoreCurrent()
	ctx := context.Background()
	hubs := make([]*eventfeed.Hub, 2) // one per instance, each on its own client
	clients := make([]*redis.Client, 2)
	for i := range hubs {
		client := redis.NewClient(&redis.Options{Addr: srv.Addr})
		clients[i] = client
		h, err := eventfeed.NewRedisHub(ctx, client, "test:events")
		if err != nil {
			t.Fatal(err)
		}
		hubs[i] = h
	}
	onB, stopB := hubs[1].Subscribe()
	defer stopB()
	onA, stopA := hubs[0].Subscribe()
	defer stopA()

	e, err := eventfeed.NewEvent("meethour", "join_meeting", map[string]string{"name": "Dan"})
	if err != nil {
		t.Fatal(err)
	}
	hubs[0].Publish(e)
	for name, ch := range map[string]<-chan eventfeed.Event{"the other instance": onB, "the publishing instance": onA} {
		got := receive(t, ch)
		if got.Type != "join_meeting" || got.Source != "meethour" || string(got.Payload) != `{"name":"Dan"}` || !got.Time.Equal(e.Time) {
			t.Fatalf("%s got %+v", name, got)
		}
	}
	for _, ch := range []<-chan eventfeed.Event{onA, onB} {
		if len(ch) != 0 {
			t.Fatal("an event was delivered twice")
		}
	}

	// Without Redis the event still reaches this instance's subscribers.
	srv.Stop()
	hubs[1].Publish(eventfeed.Event{Source: "vonage", Type: "session:started"})
	if got := receive(t, onB); got.Type != "session:started" {
		t.Fatalf("got %+v with Redis down", got)
	}

	for _, h := range hubs {
		h.Close()
	}
	if _, ok := <-onA; ok {
		t.Fatal("the subscription outlived Close")
	}
	for _, c := range []func(){stopA, stopB} {
		c()
	}
	for _, c := range clients {
		c.Close()
	}
	goleak.VerifyNone(t, before)
}

// receive waits for the next event, failing the test after a generous
// bound instead of hanging it.
func receive(t *testing.T, ch <-chan eventfeed.Event) eventfeed.Event {
	t.Helper()
	select {
	case e := <-ch:
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
		return eventfeed.Event{}
	}
}
