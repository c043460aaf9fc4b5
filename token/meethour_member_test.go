package token_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
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

// memberFixture is a fake Meet Hour with a meeting the moderator opened
// for room "dailystandup", and an issuer on a settable clock.
type memberFixture struct {
	fake    *meethourtest.Server
	mh      *token.MeetHour
	clock   *meethourtest.Clock
	meeting string
}

func newMemberFixture(t *testing.T, cache sharedcache.Cache) *memberFixture {
	t.Helper()
	clk := meethourtest.NewClock(pinned)
	fake := meethourtest.NewServer(meethourtest.Config{Now: clk.Now, JWTTTL: time.Hour})
	t.Cleanup(fake.Close)
	client, err := meethour.New(fake.ClientConfig())
	require.NoError(t, err)
	mh, err := token.NewMeetHour(client, token.MeetHourConfig{ModeratorSchedules: true, Now: clk.Now, Cache: cache})
	require.NoError(t, err)
	g, err := mh.Issue(t.Context(), ada)
	require.NoError(t, err)
	return &memberFixture{fake: fake, mh: mh, clock: clk, meeting: g.RoomName}
}

// member is a guest of room dailystandup.
func member(name, email string) token.Request {
	return token.Request{Room: "dailystandup", DisplayName: name, Email: email, UserID: "guest-" + name}
}

// contactOfJWT reads the contact id the fake put in a token.
func contactOfJWT(t *testing.T, f *memberFixture, tok string) int64 {
	t.Helper()
	for _, j := range f.fake.JWTs() {
		if j.JWT == tok {
			require.NotNil(t, j.ContactID, "an organizer token")
			return *j.ContactID
		}
	}
	t.Fatalf("token not issued by the fake")
	return 0
}

func TestMeetHourMemberJoinsAsTheirOwnContact(t *testing.T) {
	f := newMemberFixture(t, nil)
	g, err := f.mh.Issue(t.Context(), member("Bob Stone", "bob@example.com"))
	require.NoError(t, err)
	assert.Equal(t, f.meeting, g.RoomName)

	contacts := f.fake.Contacts()
	require.Len(t, contacts, 1, "the member's contact was added")
	assert.Equal(t, meethour.Contact{ID: contacts[0].ID, Email: "bob@example.com", FirstName: "Bob", LastName: "Stone"}, contacts[0])
	assert.Equal(t, contacts[0].ID, contactOfJWT(t, f, g.JWT))
	assert.Equal(t, []int64{contacts[0].ID}, f.fake.Attendees(f.meeting), "and invited to the meeting")

	// Cached per (meeting, contact): the same member again costs nothing
	// upstream.
	jwts, edits := len(f.fake.JWTs()), len(f.fake.Edits())
	g2, err := f.mh.Issue(t.Context(), member("Bob Stone", "bob@example.com"))
	require.NoError(t, err)
	assert.Equal(t, g.JWT, g2.JWT)
	assert.Len(t, f.fake.JWTs(), jwts)
	assert.Len(t, f.fake.Edits(), edits)

	// Until shortly before the token expires.
	f.clock.Advance(time.Hour - 30*time.Second)
	g3, err := f.mh.Issue(t.Context(), member("Bob Stone", "bob@example.com"))
	require.NoError(t, err)
	assert.NotEqual(t, g.JWT, g3.JWT)
	assert.Len(t, f.fake.JWTs(), jwts+1)

	// A contact already in the account is found, not added; the attendees
	// already invited stay invited.
	carol := f.fake.AddContact(meethour.Contact{Email: "carol@example.com", FirstName: "Carol"})
	g4, err := f.mh.Issue(t.Context(), member("", "CAROL@example.com"))
	require.NoError(t, err)
	assert.Equal(t, carol.ID, contactOfJWT(t, f, g4.JWT))
	assert.Len(t, f.fake.Contacts(), 2)
	assert.Equal(t, []int64{contacts[0].ID, carol.ID}, f.fake.Attendees(f.meeting))
}

func TestMeetHourMemberRefusals(t *testing.T) {
	f := newMemberFixture(t, nil)
	_, err := f.mh.Issue(t.Context(), bob) // no email
	require.ErrorIs(t, err, token.ErrMemberEmailRequired)

	// The organizer's or a host's email would give a moderating token.
	_, err = f.mh.Issue(t.Context(), member("Owner", meethourtest.Username))
	require.ErrorIs(t, err, token.ErrNoMemberContact)
	host := f.fake.AddContact(meethour.Contact{Email: "host@example.com", FirstName: "Hal"})
	f.fake.AddHost(f.meeting, host.ID)
	_, err = f.mh.Issue(t.Context(), member("Hal", "host@example.com"))
	require.ErrorIs(t, err, token.ErrNoMemberContact)
	for _, j := range f.fake.JWTs() {
		assert.Nil(t, j.ContactID, "no member token was fetched")
	}
	assert.Empty(t, f.fake.Edits())
}

func TestMeetHourNoAnonymousScheduling(t *testing.T) {
	f := newMemberFixture(t, nil)
	scheduled := f.fake.Calls("/api/v1.2/meeting/schedulemeeting")

	// A member naming a room nobody opened gets nothing, and nothing is
	// written upstream.
	stranger := member("Eve", "eve@example.com")
	stranger.Room = "new-room"
	_, err := f.mh.Issue(t.Context(), stranger)
	require.ErrorIs(t, err, token.ErrUnknownRoom)
	stranger.Room = "mhr999999999" // named like a meeting that does not exist
	_, err = f.mh.Issue(t.Context(), stranger)
	require.ErrorIs(t, err, token.ErrUnknownRoom)
	assert.Equal(t, scheduled, f.fake.Calls("/api/v1.2/meeting/schedulemeeting"))
	assert.Empty(t, f.fake.Contacts())
	assert.Zero(t, f.fake.Calls("/api/v1.2/customer/addcontact"))

	// A moderator without ModeratorSchedules does not schedule either.
	client, err := meethour.New(f.fake.ClientConfig())
	require.NoError(t, err)
	noSchedule, err := token.NewMeetHour(client, token.MeetHourConfig{Now: f.clock.Now})
	require.NoError(t, err)
	boss := ada
	boss.Room = "another-room"
	_, err = noSchedule.Issue(t.Context(), boss)
	require.ErrorIs(t, err, token.ErrUnknownRoom)
	assert.Equal(t, scheduled, f.fake.Calls("/api/v1.2/meeting/schedulemeeting"))

	// A meeting scheduled in the portal opens under its own name.
	portal := f.fake.AddMeeting("board", "p")
	byName := member("Dan", "dan@example.com")
	byName.Room = token.RoomOf(portal.ID)
	g, err := noSchedule.Issue(t.Context(), byName)
	require.NoError(t, err)
	assert.Equal(t, portal.ID, g.RoomName)
	assert.Equal(t, portal.PCode, g.PCode)
}

func TestMeetHourRegisteredMeeting(t *testing.T) {
	f := newMemberFixture(t, nil)
	m := f.fake.AddMeeting("planning", "p")
	require.NoError(t, f.mh.RegisterMeeting(t.Context(), "planning", m))
	r := member("Bob", "bob@example.com")
	r.Room = "planning"
	g, err := f.mh.Issue(t.Context(), r)
	require.NoError(t, err)
	assert.Equal(t, m.ID, g.RoomName)
	assert.Error(t, f.mh.RegisterMeeting(t.Context(), "Bad Room", m))
	assert.Error(t, f.mh.RegisterMeeting(t.Context(), "planning", meethour.Meeting{ID: "MHR1"}))
}

func TestMeetHourConcurrentMembersCauseOneUpstreamCallEach(t *testing.T) {
	f := newMemberFixture(t, nil)
	f.fake.Fail(meethourtest.Hang) // everyone piles up behind the first lookup
	var wg sync.WaitGroup
	grants := make(chan token.Grant, 30)
	for range 30 {
		wg.Go(func() {
			g, err := f.mh.Issue(context.Background(), member("Bob", "bob@example.com"))
			assert.NoError(t, err)
			grants <- g
		})
	}
	require.NoError(t, f.fake.WaitHangs(t.Context(), 1))
	f.fake.ReleaseHangs()
	wg.Wait()
	close(grants)
	first := <-grants
	for g := range grants {
		assert.Equal(t, first.JWT, g.JWT)
	}
	assert.Equal(t, 1, f.fake.Calls("/api/v1.2/customer/addcontact"))
	assert.Len(t, f.fake.Edits(), 1)
	assert.Len(t, f.fake.JWTs(), 2, "the moderator's and one member token")
}

func TestMeetHourCacheIsSharedAndBounded(t *testing.T) {
	cache := sharedcache.NewMemory(64)
	f := newMemberFixture(t, cache)
	// A second issuer (another server instance) sharing the cache knows
	// the moderator's room and the member's token.
	_, err := f.mh.Issue(t.Context(), member("Bob", "bob@example.com"))
	require.NoError(t, err)
	client, err := meethour.New(f.fake.ClientConfig())
	require.NoError(t, err)
	other, err := token.NewMeetHour(client, token.MeetHourConfig{Now: f.clock.Now, Cache: cache})
	require.NoError(t, err)
	jwts := len(f.fake.JWTs())
	g, err := other.Issue(t.Context(), member("Bob", "bob@example.com"))
	require.NoError(t, err)
	assert.Equal(t, f.meeting, g.RoomName)
	assert.Len(t, f.fake.JWTs(), jwts)

	for i := range 100 {
		_, err := f.mh.Issue(t.Context(), member("M", fmt.Sprintf("m%d@example.com", i)))
		require.NoError(t, err)
	}
	assert.LessOrEqual(t, cache.Len(), 64)
}

// heldViews is a transport that holds every viewmeeting request until
// ready is closed.
type heldViews struct {
	next  http.RoundTripper
	ready <-chan struct{}
	added func()
}

// RoundTrip implements http.RoundTripper.
func (h heldViews) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/viewmeeting") {
		select {
		case <-h.ready:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	resp, err := h.next.RoundTrip(r)
	if err == nil && strings.HasSuffix(r.URL.Path, "/addcontact") {
		h.added()
	}
	return resp, err
}

func TestMeetHourConcurrentMembersAllStayInvited(t *testing.T) {
	// editmeeting replaces the attendees with old_attend plus attend, so
	// two invitations built from the same view would drop each other's
	// member. Every member's view waits until all members' contacts exist,
	// so that without serialised invitations all the views would be taken
	// before any edit.
	for name, instances := range map[string]int{"one instance": 1, "two instances sharing a cache": 2} {
		t.Run(name, func(t *testing.T) { inviteConcurrently(t, instances) })
	}
}

// inviteConcurrently issues tokens to 8 members of one meeting at once
// through issuers (server instances) sharing one cache, and checks that
// every member ends up an attendee.
func inviteConcurrently(t *testing.T, instances int) {
	const members = 8
	fake := meethourtest.NewServer(meethourtest.Config{Now: fixedNow})
	t.Cleanup(fake.Close)
	m := fake.AddMeeting("standup", "p")
	ready := make(chan struct{})
	var mu sync.Mutex
	adds := 0
	added := func() {
		mu.Lock()
		defer mu.Unlock()
		if adds++; adds == members {
			close(ready)
		}
	}
	cache := sharedcache.NewMemory(100)
	issuers := make([]*token.MeetHour, instances)
	for i := range issuers {
		cfg := fake.ClientConfig()
		cfg.HTTPClient = &http.Client{Transport: heldViews{next: fake.Client().Transport, ready: ready, added: added}}
		client, err := meethour.New(cfg)
		require.NoError(t, err)
		issuers[i], err = token.NewMeetHour(client, token.MeetHourConfig{Now: fixedNow, Cache: cache})
		require.NoError(t, err)
	}
	require.NoError(t, issuers[0].RegisterMeeting(t.Context(), "standup", m))

	var wg sync.WaitGroup
	for i := range members {
		wg.Go(func() {
			r := member(fmt.Sprintf("M%d", i), fmt.Sprintf("m%d@example.com", i))
			r.Room = "standup"
			_, err := issuers[i%instances].Issue(t.Context(), r)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	var want []int64
	for _, c := range fake.Contacts() {
		want = append(want, c.ID)
	}
	require.Len(t, want, members)
	assert.ElementsMatch(t, want, fake.Attendees(m.ID), "every member is still an attendee")
}
