package token_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/internal/sharedcache"
	"github.com/meetbridge/meetbridge/token"
	"github.com/meetbridge/meetbridge/vonage"
	"github.com/meetbridge/meetbridge/vonage/vonagetest"
)

// newVonage returns a fake Vonage and an issuer of it on clock now.
func newVonage(t *testing.T, now func() time.Time, cfg token.VonageConfig) (*vonagetest.Server, *token.Vonage) {
	t.Helper()
	fake := vonagetest.NewServer(vonagetest.Config{Now: now})
	t.Cleanup(fake.Close)
	ccfg := fake.ClientConfig()
	client, err := vonage.New(ccfg)
	require.NoError(t, err)
	cfg.Now = now
	v, err := token.NewVonage(client, cfg)
	require.NoError(t, err)
	return fake, v
}

func TestVonageModeratorGetsTheHostURLMembersTheGuestURL(t *testing.T) {
	ctx := context.Background()
	fake, v := newVonage(t, time.Now, token.VonageConfig{})
	host, err := v.Issue(ctx, token.Request{Room: "standup", UserID: "ada", Moderator: true})
	require.NoError(t, err)
	guest, err := v.Issue(ctx, token.Request{Room: "standup", UserID: "guest-1"})
	require.NoError(t, err)

	require.Len(t, fake.Rooms(), 1)
	var room struct {
		DisplayName string `json:"display_name"`
		Type        string `json:"type"`
		Links       struct {
			Guest struct{ Href string } `json:"guest_url"`
			Host  struct{ Href string } `json:"host_url"`
		} `json:"_links"`
	}
	require.NoError(t, json.Unmarshal(fake.Rooms()[0], &room))
	assert.Equal(t, "standup", room.DisplayName)
	assert.Equal(t, "long_term", room.Type)
	assert.Equal(t, room.Links.Host.Href, host.RoomURL)
	assert.Equal(t, room.Links.Guest.Href, guest.RoomURL)
	assert.NotEqual(t, host.RoomURL, guest.RoomURL)
	assert.NotContains(t, guest.RoomURL, "participant_token")
	for _, g := range []token.Grant{host, guest} {
		assert.Equal(t, "vonage", g.Provider)
		assert.Equal(t, "meetings.vonage.com", g.Domain)
		assert.Equal(t, "standup", g.RoomName)
		assert.Empty(t, g.JWT)
		assert.WithinDuration(t, time.Now().Add(token.DefaultVonageRoomTTL), g.ExpiresAt, time.Minute)
		assert.NotContains(t, g.String(), g.RoomURL, "String hides the room URL")
	}
}

func TestVonageMembersNeverCreateRooms(t *testing.T) {
	fake, v := newVonage(t, time.Now, token.VonageConfig{})
	_, err := v.Issue(context.Background(), token.Request{Room: "nobody-here", UserID: "guest-1"})
	require.ErrorIs(t, err, token.ErrRoomNotOpened)
	assert.Empty(t, fake.Rooms())
	assert.Empty(t, fake.Requests(), "a member's request never reaches Vonage")
}

func TestVonageConcurrentModeratorsCreateOneRoom(t *testing.T) {
	fake, v := newVonage(t, time.Now, token.VonageConfig{})
	openConcurrently(t, fake, 20, v)
}

// openConcurrently has n moderators open room "allhands" at once through
// issuers (instances, in turn), with the fake's first room creation held
// until they all asked, and checks that they all got one room.
func openConcurrently(t *testing.T, fake *vonagetest.Server, n int, issuers ...*token.Vonage) {
	t.Helper()
	release := fake.Block()
	var wg sync.WaitGroup
	urls := make([]string, n)
	errs := make([]error, n)
	for i := range urls {
		wg.Go(func() {
			g, err := issuers[i%len(issuers)].Issue(context.Background(), token.Request{Room: "allhands", UserID: "ada", Moderator: true})
			urls[i], errs[i] = g.RoomURL, err
		})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, fake.WaitBlocked(ctx, 1))
	release()
	wg.Wait()
	for i := range urls {
		require.NoError(t, errs[i])
		assert.Equal(t, urls[0], urls[i])
	}
	assert.Len(t, fake.Rooms(), 1, "one room for the name, whichever issuer was asked")
}

func TestVonageACallerGivingUpDoesNotFailTheOthers(t *testing.T) {
	fake, v := newVonage(t, time.Now, token.VonageConfig{})
	release := fake.Block()
	leaderCtx, cancelLeader := context.WithCancel(context.Background())
	leaderErr := make(chan error, 1)
	go func() {
		_, err := v.Issue(leaderCtx, token.Request{Room: "retro", UserID: "ada", Moderator: true})
		leaderErr <- err
	}()
	wait, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, fake.WaitBlocked(wait, 1))
	cancelLeader()
	require.ErrorIs(t, <-leaderErr, context.Canceled)
	release()
	g, err := v.Issue(context.Background(), token.Request{Room: "retro", UserID: "ada", Moderator: true})
	require.NoError(t, err)
	assert.NotEmpty(t, g.RoomURL)
	assert.Len(t, fake.Rooms(), 1, "the abandoned creation finished and was reused")
}

func TestVonageRoomsAreRenewedBeforeTheyExpireAndForgottenWhenExpired(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	now := pinned
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	cache := sharedcache.NewMemory(10)
	fake, v := newVonage(t, clock, token.VonageConfig{RoomTTL: time.Hour, Cache: cache})
	first, err := v.Issue(ctx, token.Request{Room: "daily", UserID: "ada", Moderator: true})
	require.NoError(t, err)

	// Near the end of its life, members are refused and a moderator
	// gets a new room. (The Memory cache keeps wall-clock time, so the
	// issuer's own expiry check is what is tested here.)
	mu.Lock()
	now = now.Add(55 * time.Minute)
	mu.Unlock()
	_, err = v.Issue(ctx, token.Request{Room: "daily", UserID: "guest"})
	require.ErrorIs(t, err, token.ErrRoomNotOpened)
	second, err := v.Issue(ctx, token.Request{Room: "daily", UserID: "ada", Moderator: true})
	require.NoError(t, err)
	assert.NotEqual(t, first.RoomURL, second.RoomURL)
	assert.Len(t, fake.Rooms(), 2)

	// room:expired makes the issuer forget it.
	var room struct{ ID string }
	require.NoError(t, json.Unmarshal(fake.Rooms()[1], &room))
	require.NoError(t, v.ForgetRoom(ctx, room.ID))
	_, err = v.Issue(ctx, token.Request{Room: "daily", UserID: "guest"})
	require.ErrorIs(t, err, token.ErrRoomNotOpened)
	require.NoError(t, v.ForgetRoom(ctx, "unknown-id"), "an unknown room is nothing to forget")
}

func TestVonageUpstreamErrorsKeepTheirSentinels(t *testing.T) {
	fake, v := newVonage(t, time.Now, token.VonageConfig{})
	fake.FailNext(1, vonagetest.InternalError)
	_, err := v.Issue(context.Background(), token.Request{Room: "standup", UserID: "ada", Moderator: true})
	require.ErrorIs(t, err, vonage.ErrUnavailable)
	_, err = v.Issue(context.Background(), token.Request{Room: "Bad Room", UserID: "ada", Moderator: true})
	require.ErrorIs(t, err, token.ErrInvalidRequest)
	g, err := v.Issue(context.Background(), token.Request{Room: "standup", UserID: "ada", Moderator: true})
	require.NoError(t, err, "a failed creation is not cached")
	assert.True(t, strings.HasPrefix(g.RoomURL, "https://"))
}

func TestNewVonageRefusesBadConfig(t *testing.T) {
	_, err := token.NewVonage(nil, token.VonageConfig{})
	assert.Error(t, err)
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	c, err := vonage.New(fake.ClientConfig())
	require.NoError(t, err)
	_, err = token.NewVonage(c, token.VonageConfig{RoomTTL: time.Minute})
	assert.Error(t, err)
}

func TestVonageARoomWithoutHTTPSURLsIsNotCached(t *testing.T) {
	// An upstream whose first room has a plain http host URL.
	var (
		mu    sync.Mutex
		posts int
	)
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		posts++
		n := posts
		mu.Unlock()
		scheme := "https"
		if n == 1 {
			scheme = "http"
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = fmt.Fprintf(w, `{"id":"room-%d","display_name":"standup","type":"long_term","_links":{
			"guest_url":{"href":"https://meetings.vonage.com/%d"},
			"host_url":{"href":"%s://meetings.vonage.com/?room_token=%d&participant_token=secret"}}}`, n, n, scheme, n)
	}))
	defer upstream.Close()
	fake := vonagetest.NewServer(vonagetest.Config{})
	defer fake.Close()
	cfg := fake.ClientConfig()
	cfg.BaseURL, cfg.HTTPClient = upstream.URL+"/v1/meetings", upstream.Client()
	client, err := vonage.New(cfg)
	require.NoError(t, err)
	v, err := token.NewVonage(client, token.VonageConfig{})
	require.NoError(t, err)

	ctx := context.Background()
	mod := token.Request{Room: "standup", UserID: "ada", Moderator: true}
	_, err = v.Issue(ctx, mod)
	require.ErrorIs(t, err, vonage.ErrMalformedResponse)
	_, err = v.Issue(ctx, token.Request{Room: "standup", UserID: "guest"})
	require.ErrorIs(t, err, token.ErrRoomNotOpened, "members never get the broken room")
	g, err := v.Issue(ctx, mod)
	require.NoError(t, err, "the next moderator gets a new room")
	assert.Equal(t, "https://meetings.vonage.com/?room_token=2&participant_token=secret", g.RoomURL)
}

func TestVonageInstancesSharingACacheCreateOneRoom(t *testing.T) {
	fake := vonagetest.NewServer(vonagetest.Config{Now: time.Now})
	t.Cleanup(fake.Close)
	cache := sharedcache.NewMemory(100)
	instances := make([]*token.Vonage, 2)
	for i := range instances {
		client, err := vonage.New(fake.ClientConfig())
		require.NoError(t, err)
		instances[i], err = token.NewVonage(client, token.VonageConfig{Now: time.Now, Cache: cache})
		require.NoError(t, err)
	}
	openConcurrently(t, fake, 10, instances...)
}
