package token_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
	"github.com/meetbridge/meetbridge/token"
)

// newMeetHour returns a fake Meet Hour on the pinned clock and a client.
func newMeetHour(t *testing.T) (*meethourtest.Server, *meethour.Client) {
	t.Helper()
	fake := meethourtest.NewServer(meethourtest.Config{Now: fixedNow, JWTTTL: 3 * time.Hour})
	t.Cleanup(fake.Close)
	client, err := meethour.New(fake.ClientConfig())
	require.NoError(t, err)
	return fake, client
}

func TestMeetHourSchedulesAndFetches(t *testing.T) {
	fake, client := newMeetHour(t)
	mh, err := token.NewMeetHour(client, token.MeetHourConfig{ModeratorSchedules: true, Options: []string{"JOIN_ANYTIME"}, Now: fixedNow})
	require.NoError(t, err)
	assert.Equal(t, "meethour", mh.Provider())

	g, err := mh.Issue(t.Context(), ada)
	require.NoError(t, err)
	scheduled := fake.Scheduled()
	require.Len(t, scheduled, 1)
	sent := scheduled[0]
	assert.Equal(t, "dailystandup", sent.MeetingName)
	assert.Equal(t, []string{"12:00", "PM", "20-11-2026", "UTC"}, []string{sent.MeetingTime, sent.MeetingMeridiem, sent.MeetingDate, sent.Timezone})
	assert.Equal(t, 1, *sent.DurationHr)
	assert.Equal(t, []string{"JOIN_ANYTIME"}, sent.Options)
	assert.Len(t, sent.Passcode, 12)

	jwts := fake.JWTs()
	require.Len(t, jwts, 1)
	assert.Nil(t, jwts[0].ContactID, "a moderator gets the organizer's token")
	m, ok := fake.Meeting(jwts[0].MeetingID)
	require.True(t, ok)
	assert.Equal(t, token.Grant{
		Provider:  "meethour",
		Domain:    "meethour.io",
		RoomName:  m.ID,
		JWT:       jwts[0].JWT,
		ScriptURL: "https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey=" + meethourtest.APIKey,
		APIKey:    meethourtest.APIKey,
		PCode:     m.PCode,
		ExpiresAt: pinned.Add(3 * time.Hour),
	}, g)

	// The page gets no credential: only the token, apiKey and pcode.
	b, err := json.Marshal(g)
	require.NoError(t, err)
	for _, s := range fake.Secrets() {
		if s != g.JWT {
			assert.NotContains(t, string(b), s)
		}
	}
	assert.NotContains(t, string(b), sent.Passcode)
	var page map[string]any
	require.NoError(t, json.Unmarshal(b, &page))
	assert.ElementsMatch(t, []string{"provider", "domain", "roomName", "jwt", "scriptURL", "apiKey", "pcode", "expiresAt"}, keysOf(page))

	// The room's meeting is reused, and the token cached.
	g2, err := mh.Issue(t.Context(), ada)
	require.NoError(t, err)
	assert.Equal(t, g, g2)
	assert.Len(t, fake.Scheduled(), 1)
	assert.Len(t, fake.JWTs(), 1)
}

func keysOf(m map[string]any) []string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	return k
}

func TestNewMeetHourRefuses(t *testing.T) {
	fake, client := newMeetHour(t)
	cfg := fake.ClientConfig()
	cfg.APIKey = ""
	noKey, err := meethour.New(cfg)
	require.NoError(t, err)
	for name, tc := range map[string]struct {
		client *meethour.Client
		cfg    token.MeetHourConfig
		want   string
	}{
		"no client":    {nil, token.MeetHourConfig{}, "meethour.Client is required"},
		"no api key":   {noKey, token.MeetHourConfig{}, "APIKey is required"},
		"bad room":     {client, token.MeetHourConfig{Meetings: map[string]string{"Bad Room": "MHR1"}}, "Meetings:"},
		"no id":        {client, token.MeetHourConfig{Meetings: map[string]string{"standup": ""}}, "has no meeting id"},
		"local zone":   {client, token.MeetHourConfig{Location: time.Local}, "time.Local"},
		"neg duration": {client, token.MeetHourConfig{Duration: -time.Minute}, "negative Duration"},
		"neg ttl":      {client, token.MeetHourConfig{MeetingTTL: -time.Minute}, "negative MeetingTTL"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := token.NewMeetHour(tc.client, tc.cfg)
			require.ErrorContains(t, err, tc.want)
			assert.ErrorContains(t, err, "token: meethour config: ")
		})
	}
}
func TestMeetHourConfiguredMeetings(t *testing.T) {
	fake, client := newMeetHour(t)
	m := fake.AddMeeting("standup", "pass-1")
	mh, err := token.NewMeetHour(client, token.MeetHourConfig{Meetings: map[string]string{"dailystandup": m.ID}})
	require.NoError(t, err)
	g, err := mh.Issue(t.Context(), ada)
	require.NoError(t, err)
	assert.Equal(t, m.ID, g.RoomName)
	assert.Equal(t, m.PCode, g.PCode, "the pcode comes from viewmeeting")
	assert.Empty(t, fake.Scheduled())

	other := ada
	other.Room = "retro"
	_, err = mh.Issue(t.Context(), other)
	require.ErrorIs(t, err, token.ErrUnknownRoom)
}

func TestMeetHourUpstreamFailures(t *testing.T) {
	fake, client := newMeetHour(t)
	mh, err := token.NewMeetHour(client, token.MeetHourConfig{ModeratorSchedules: true, Now: fixedNow})
	require.NoError(t, err)

	fake.Fail(meethourtest.InternalError)
	_, err = mh.Issue(t.Context(), ada)
	require.ErrorIs(t, err, meethour.ErrUnavailable)
	for _, s := range fake.Secrets() {
		assert.NotContains(t, err.Error(), s)
	}

	// The failed lookup is not kept: the room works once Meet Hour does.
	fake.Fail(meethourtest.None)
	g, err := mh.Issue(t.Context(), ada)
	require.NoError(t, err)
	assert.Len(t, fake.Scheduled(), 1)

	// A meeting deleted upstream: the member who finds it gone is told
	// the room has no meeting (not an upstream failure), and the
	// moderator's next request schedules it again.
	fake.DeleteMeeting(g.RoomName)
	_, err = mh.Issue(t.Context(), member("Bob", "bob@example.com"))
	require.ErrorIs(t, err, token.ErrUnknownRoom)
	assert.False(t, errors.As(err, new(*meethour.APIError)), "the server would answer an upstream error: %v", err)
	g2, err := mh.Issue(t.Context(), ada)
	require.NoError(t, err)
	assert.NotEqual(t, g.RoomName, g2.RoomName)
	assert.Len(t, fake.Scheduled(), 2)

	// The moderator who finds it gone gets a new one in the same request.
	fresh, err := token.NewMeetHour(client, token.MeetHourConfig{ModeratorSchedules: true, Now: fixedNow})
	require.NoError(t, err)
	gone := fake.AddMeeting("dailystandup", "p")
	require.NoError(t, fresh.RegisterMeeting(t.Context(), "dailystandup", gone))
	fake.DeleteMeeting(gone.ID)
	g3, err := fresh.Issue(t.Context(), ada)
	require.NoError(t, err)
	assert.NotEqual(t, gone.ID, g3.RoomName)
	assert.Len(t, fake.Scheduled(), 3)
}

func TestMeetHourSchedulesOncePerRoom(t *testing.T) {
	fake, client := newMeetHour(t)
	mh, err := token.NewMeetHour(client, token.MeetHourConfig{ModeratorSchedules: true, Now: fixedNow})
	require.NoError(t, err)
	scheduleConcurrently(t, fake, mh)
}

func TestMeetHourInstancesSharingACacheScheduleOncePerRoom(t *testing.T) {
	fake, _ := newMeetHour(t)
	cache := sharedcache.NewMemory(100)
	instances := make([]*token.MeetHour, 2)
	for i := range instances {
		client, err := meethour.New(fake.ClientConfig())
		require.NoError(t, err)
		instances[i], err = token.NewMeetHour(client, token.MeetHourConfig{ModeratorSchedules: true, Now: fixedNow, Cache: cache})
		require.NoError(t, err)
	}
	scheduleConcurrently(t, fake, instances...)
}

// scheduleConcurrently has 10 moderators open ada's room at once through
// issuers (instances, in turn) and checks that one meeting was scheduled
// for them all.
func scheduleConcurrently(t *testing.T, fake *meethourtest.Server, issuers ...*token.MeetHour) {
	t.Helper()
	var wg sync.WaitGroup
	rooms := make(chan string, 10)
	for i := range cap(rooms) {
		wg.Go(func() {
			g, err := issuers[i%len(issuers)].Issue(context.Background(), ada)
			assert.NoError(t, err)
			rooms <- g.RoomName
		})
	}
	wg.Wait()
	close(rooms)
	first := <-rooms
	for r := range rooms {
		assert.Equal(t, first, r)
	}
	assert.Len(t, fake.Scheduled(), 1, "one meeting for the room, whichever issuer was asked")
}
