package meethour_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/internal/redispipe"
	"github.com/meetbridge/meetbridge/internal/redistest"
	"github.com/meetbridge/meetbridge/internal/sharedcache"
	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
)

var webhookSecret = []byte("whsec-0123456789abcdef")

// webhookFixture is a webhook handler on a loopback server and what it
// received.
type webhookFixture struct {
	url   string
	clock *clock
	mu    sync.Mutex
	got   []meethour.WebhookEvent
	fail  error
}

func newWebhookFixture(t *testing.T, cache sharedcache.Cache) *webhookFixture {
	t.Helper()
	f := &webhookFixture{clock: newClock()}
	h, err := meethour.NewWebhookHandler(meethour.WebhookConfig{
		Secret: webhookSecret, Now: f.clock.Now, Cache: cache,
		Handle: func(_ context.Context, e meethour.WebhookEvent) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.fail != nil {
				return f.fail
			}
			f.got = append(f.got, e)
			return nil
		},
	})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

func (f *webhookFixture) events() []meethour.WebhookEvent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]meethour.WebhookEvent(nil), f.got...)
}

// send posts req and returns the status and the envelope's message.
func send(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var env struct {
		Success bool   `json:"success"`
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&env))
	assert.Equal(t, res.StatusCode, env.Code)
	assert.Equal(t, res.StatusCode == 200, env.Success)
	return res.StatusCode, env.Message
}

func TestWebhookValidEvents(t *testing.T) {
	f := newWebhookFixture(t, nil)
	now := f.clock.Now()
	join := meethourtest.Webhook{Type: meethour.EventJoinMeeting, ID: "ev-1", Timestamp: now, Data: meethourtest.JoinData("MHR1", "Ada", "ada@example.com")}
	status, msg := send(t, join.Request(f.url, webhookSecret))
	require.Equal(t, http.StatusOK, status, msg)

	// The .NET SDK's header works too; an uppercase hex signature too.
	exit := meethourtest.Webhook{Type: meethour.EventExitMeeting, ID: "ev-2", Timestamp: now.Add(-time.Minute), Data: meethourtest.JoinData("MHR1", "Ada", "ada@example.com")}
	req := exit.Request(f.url, webhookSecret)
	req.Header.Set(meethour.SignatureHeaderAlternate, strings.ToUpper(req.Header.Get(meethour.SignatureHeader)))
	req.Header.Del(meethour.SignatureHeader)
	status, msg = send(t, req)
	require.Equal(t, http.StatusOK, status, msg)

	rec := meethourtest.Webhook{Type: meethour.EventSaveMeetingRecording, ID: "ev-3", Timestamp: now, Data: meethourtest.RecordingData("MHR1", "standup.mp4", "https://s3.example.com/standup.mp4?sig=x")}
	status, _ = send(t, rec.Request(f.url, webhookSecret))
	require.Equal(t, http.StatusOK, status)

	other := meethourtest.Webhook{Type: "meeting_ended", ID: "ev-4", Timestamp: now, Data: map[string]any{"meeting_id": "MHR1"}}
	status, _ = send(t, other.Request(f.url, webhookSecret))
	require.Equal(t, http.StatusOK, status, "an event type not known yet is accepted, untyped")

	got := f.events()
	require.Len(t, got, 4)
	assert.Equal(t, "ev-1", got[0].ID)
	assert.Equal(t, now, got[0].Timestamp)
	require.NotNil(t, got[0].Join)
	assert.Equal(t, "Ada", got[0].Join.Attendee.Name)
	assert.Equal(t, meethour.Text("411001"), got[0].Join.Location.Postal)
	require.NotNil(t, got[1].Exit)
	assert.Nil(t, got[1].Join)
	require.NotNil(t, got[2].Recording)
	assert.Equal(t, "https://s3.example.com/standup.mp4?sig=x", got[2].Recording.RecordingPath)
	assert.Equal(t, meethour.Text("12.5"), got[2].Recording.RecordingSize)
	assert.JSONEq(t, `{"meeting_id":"MHR1"}`, string(got[3].Data))
}

func TestWebhookRefusals(t *testing.T) {
	f := newWebhookFixture(t, nil)
	now := f.clock.Now()
	ev := meethourtest.Webhook{Type: meethour.EventJoinMeeting, ID: "ev-1", Timestamp: now, Data: meethourtest.JoinData("MHR1", "Ada", "ada@example.com")}

	req := ev.Request(f.url, webhookSecret)
	req.Header.Del(meethour.SignatureHeader)
	status, msg := send(t, req)
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Contains(t, msg, "missing signature")

	// Tampered: the body changed after signing.
	signed := ev.Request(f.url, webhookSecret).Header.Get(meethour.SignatureHeader)
	tampered := ev
	tampered.Data = meethourtest.JoinData("MHR1", "Mallory", "m@example.com")
	req = tampered.Request(f.url, webhookSecret)
	req.Header.Set(meethour.SignatureHeader, signed)
	status, msg = send(t, req)
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "bad signature", msg)

	for name, sig := range map[string]string{"other secret": meethour.SignWebhook([]byte("another-secret-0123456789"), ev.Body()), "not hex": "zz", "truncated": signed[:10]} {
		req = ev.Request(f.url, webhookSecret)
		req.Header.Set(meethour.SignatureHeader, sig)
		status, _ = send(t, req)
		assert.Equal(t, http.StatusUnauthorized, status, name)
	}

	for name, ts := range map[string]time.Time{"stale": now.Add(-6 * time.Minute), "future": now.Add(6 * time.Minute)} {
		old := ev
		old.ID, old.Timestamp = "ev-"+name, ts
		status, msg = send(t, old.Request(f.url, webhookSecret))
		assert.Equal(t, http.StatusBadRequest, status, name)
		assert.Contains(t, msg, "stale event")
	}

	status, _ = send(t, ev.Request(f.url, webhookSecret))
	require.Equal(t, http.StatusOK, status)
	status, msg = send(t, ev.Request(f.url, webhookSecret))
	assert.Equal(t, http.StatusConflict, status, "the same event_id again is a replay")
	assert.Contains(t, msg, "replayed event")

	badData := meethourtest.Webhook{Type: meethour.EventJoinMeeting, ID: "ev-9", Timestamp: now, Data: "nope"}
	status, _ = send(t, badData.Request(f.url, webhookSecret))
	assert.Equal(t, http.StatusBadRequest, status)
	noID := meethourtest.Webhook{Type: meethour.EventJoinMeeting, Timestamp: now, Data: meethourtest.JoinData("MHR1", "A", "a@example.com")}
	status, _ = send(t, noID.Request(f.url, webhookSecret))
	assert.Equal(t, http.StatusBadRequest, status)

	res, err := http.Get(f.url)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
	assert.Len(t, f.events(), 1, "only the one valid event was handled")
}

func TestWebhookReplayMemoryIsShared(t *testing.T) {
	cache := sharedcache.NewMemory(100)
	a, b := newWebhookFixture(t, cache), newWebhookFixture(t, cache)
	ev := meethourtest.Webhook{Type: meethour.EventExitMeeting, ID: "ev-1", Timestamp: a.clock.Now(), Data: meethourtest.JoinData("MHR1", "A", "a@example.com")}
	status, _ := send(t, ev.Request(a.url, webhookSecret))
	require.Equal(t, http.StatusOK, status)
	status, _ = send(t, ev.Request(b.url, webhookSecret))
	assert.Equal(t, http.StatusConflict, status, "another instance with the same cache refuses the replay")
}

func TestWebhookHandlerFailureAllowsRetry(t *testing.T) {
	f := newWebhookFixture(t, nil)
	f.fail = errors.New("feed down")
	ev := meethourtest.Webhook{Type: meethour.EventExitMeeting, ID: "ev-1", Timestamp: f.clock.Now(), Data: meethourtest.JoinData("MHR1", "A", "a@example.com")}
	status, _ := send(t, ev.Request(f.url, webhookSecret))
	assert.Equal(t, http.StatusInternalServerError, status)
	f.mu.Lock()
	f.fail = nil
	f.mu.Unlock()
	status, _ = send(t, ev.Request(f.url, webhookSecret))
	assert.Equal(t, http.StatusOK, status, "Meet Hour's retry of a failed event is not a replay")
}

func TestNewWebhookHandlerRefusesWeakConfig(t *testing.T) {
	handle := func(context.Context, meethour.WebhookEvent) error { return nil }
	_, err := meethour.NewWebhookHandler(meethour.WebhookConfig{Secret: []byte("short"), Handle: handle})
	assert.ErrorContains(t, err, "too short")
	_, err = meethour.NewWebhookHandler(meethour.WebhookConfig{Secret: webhookSecret})
	assert.ErrorContains(t, err, "Handle is required")
	_, err = meethour.NewWebhookHandler(meethour.WebhookConfig{Secret: webhookSecret, Handle: handle, Tolerance: -1})
	assert.ErrorContains(t, err, "negative Tolerance")
}

func TestWebhookRefusesTypedEventsWithoutTheirData(t *testing.T) {
	// A typed event whose data is null or names no meeting decoded into an
	// empty Join, Exit or Recording that the console showed as a real one.
	f := newWebhookFixture(t, nil)
	now := f.clock.Now()
	for i, data := range []any{nil, map[string]any{}, map[string]any{"attendee": map[string]any{"name": "A"}}} {
		for _, typ := range []string{meethour.EventJoinMeeting, meethour.EventExitMeeting, meethour.EventSaveMeetingRecording} {
			ev := meethourtest.Webhook{Type: typ, ID: fmt.Sprintf("ev-%s-%d", typ, i), Timestamp: now, Data: data}
			status, msg := send(t, ev.Request(f.url, webhookSecret))
			assert.Equal(t, http.StatusBadRequest, status, "%s with data %v", typ, data)
			assert.Contains(t, msg, "is not the documented object")
		}
	}
	assert.Empty(t, f.events())
}

func TestWebhookBodyLimit(t *testing.T) {
	f := newWebhookFixture(t, nil)
	big := meethourtest.Webhook{Type: "meeting_ended", ID: "ev-big", Timestamp: f.clock.Now(),
		Data: map[string]any{"meeting_id": "MHR1", "pad": strings.Repeat("x", meethour.MaxWebhookBytes)}}
	status, msg := send(t, big.Request(f.url, webhookSecret))
	assert.Equal(t, http.StatusRequestEntityTooLarge, status)
	assert.Contains(t, msg, "larger than")
	assert.Empty(t, f.events())
}

func TestWebhookToleranceBoundary(t *testing.T) {
	f := newWebhookFixture(t, nil)
	now := f.clock.Now()
	for name, c := range map[string]struct {
		at   time.Time
		want int
	}{
		"exactly the tolerance old":        {now.Add(-meethour.DefaultWebhookTolerance), http.StatusOK},
		"exactly the tolerance ahead":      {now.Add(meethour.DefaultWebhookTolerance), http.StatusOK},
		"a second past the tolerance":      {now.Add(-meethour.DefaultWebhookTolerance - time.Second), http.StatusBadRequest},
		"a second beyond it in the future": {now.Add(meethour.DefaultWebhookTolerance + time.Second), http.StatusBadRequest},
	} {
		ev := meethourtest.Webhook{Type: "meeting_ended", ID: name, Timestamp: c.at, Data: map[string]any{"meeting_id": "MHR1"}}
		status, msg := send(t, ev.Request(f.url, webhookSecret))
		assert.Equal(t, c.want, status, "%s: %s", name, msg)
	}
}

func TestWebhookDeliveredToTwoInstancesAtOnceIsHandledOnce(t *testing.T) {
	srv := redistest.Start(t)
	// Two server instances sharing one Redis, each with its own client.
	var instances [2]*webhookFixture
	for i := range instances {
		client := redis.NewClient(&redis.Options{Addr: srv.Addr})
		t.Cleanup(func() { client.Close() })
		pipe := redispipe.New(client)
		t.Cleanup(pipe.Close)
		instances[i] = newWebhookFixture(t, sharedcache.NewRedis(pipe, "meetbridge:cache:"))
	}
	ev := meethourtest.Webhook{Type: meethour.EventExitMeeting, ID: "ev-twice", Timestamp: instances[0].clock.Now(), Data: meethourtest.JoinData("MHR1", "A", "a@example.com")}
	statuses := make(chan int, 16)
	var wg sync.WaitGroup
	for i := 0; i < cap(statuses); i++ {
		req := ev.Request(instances[i%2].url, webhookSecret)
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			statuses <- res.StatusCode
		}()
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for s := range statuses {
		count[s]++
	}
	assert.Equal(t, map[int]int{http.StatusOK: 1, http.StatusConflict: 15}, count)
	assert.Equal(t, 1, len(instances[0].events())+len(instances[1].events()), "the event was handled once in all")
}
