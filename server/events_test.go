package server

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/internal/redistest"
	"github.com/meetbridge/meetbridge/server/eventfeed"
)

func TestProviderEventsStreamOnlyToTheModerator(t *testing.T) {
	ts := start(t, Config{Provider: ProviderSandbox})

	guest := ts.browser(t)
	res, err := guest.Get(ts.URL + "/api/events")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, "a guest must not follow provider events")

	mod := ts.browser(t)
	ts.login(t, mod)
	sc := followEvents(t, mod, ts.URL)

	e, err := eventfeed.NewEvent("meethour", "join_meeting", map[string]string{"name": "Dan"})
	require.NoError(t, err)
	ts.srv.Events().Publish(e)
	require.Equal(t, "join_meeting", nextEvent(t, sc).Type)
}

// followEvents opens the provider event stream as c and returns it once
// the server says it is connected, so that events published from then on
// are read. The stream closes when the test ends; a test that hangs gives
// up after a minute.
func followEvents(t *testing.T, c *http.Client, base string) *bufio.Scanner {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/events", nil)
	require.NoError(t, err)
	res, err := c.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { res.Body.Close() })
	require.Equal(t, http.StatusOK, res.StatusCode)
	sc := bufio.NewScanner(res.Body)
	require.True(t, sc.Scan(), "the stream ended at once: %v", sc.Err())
	require.Equal(t, ": connected", sc.Text())
	return sc
}

// nextEvent reads the stream up to its next event.
func nextEvent(t *testing.T, sc *bufio.Scanner) eventfeed.Event {
	t.Helper()
	for sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			var e eventfeed.Event
			require.NoError(t, json.Unmarshal([]byte(data), &e))
			return e
		}
	}
	t.Fatalf("the stream ended without an event: %v", sc.Err())
	return eventfeed.Event{}
}

// With Redis, an event published on one instance reaches the moderator
// streaming from another.
func TestProviderEventsReachTheModeratorOnAnotherInstance(t *testing.T) {
	url := redistest.Start(t).URL
	one, two := start(t, Config{RedisURL: url}), start(t, Config{RedisURL: url})
	mod := one.browser(t)
	one.login(t, mod)                   // the cookie is for 127.0.0.1: both instances get it
	sc := followEvents(t, mod, two.URL) // the session started on one serves on two

	e, err := eventfeed.NewEvent("vonage", "session:started", map[string]string{"id": "s1"})
	require.NoError(t, err)
	one.srv.Events().Publish(e)
	require.Equal(t, "session:started", nextEvent(t, sc).Type)
}
