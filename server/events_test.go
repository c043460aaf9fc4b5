package server

import (
	"bufio"
	"net/http"
	"strings"
	"testing"

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
	res, err = mod.Get(ts.URL + "/api/events")
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	sc := bufio.NewScanner(res.Body)
	require.True(t, sc.Scan())
	require.Equal(t, ": connected", sc.Text())

	e, err := eventfeed.NewEvent("meethour", "join_meeting", map[string]string{"name": "Dan"})
	require.NoError(t, err)
	ts.srv.Events().Publish(e)
	require.Contains(t, nextData(t, sc), `"type":"join_meeting"`)
}

// nextData reads the stream up to its next data line.
func nextData(t *testing.T, sc *bufio.Scanner) string {
	t.Helper()
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "data: ") {
			return sc.Text()
		}
	}
	t.Fatalf("the stream ended without an event: %v", sc.Err())
	return ""
}

// With Redis, an event published on one instance reaches the moderator
// streaming from another.
func TestProviderEventsReachTheModeratorOnAnotherInstance(t *testing.T) {
	url := redistest.Start(t).URL
	one, two := start(t, Config{RedisURL: url}), start(t, Config{RedisURL: url})
	mod := one.browser(t)
	one.login(t, mod) // the cookie is for 127.0.0.1: both instances get it
	res, err := mod.Get(two.URL + "/api/events")
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "the session started on one serves on two")
	sc := bufio.NewScanner(res.Body)
	require.True(t, sc.Scan())
	require.Equal(t, ": connected", sc.Text())

	e, err := eventfeed.NewEvent("vonage", "session:started", map[string]string{"id": "s1"})
	require.NoError(t, err)
	one.srv.Events().Publish(e)
	require.Contains(t, nextData(t, sc), `"type":"session:started"`)
}
