package meethour_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
	"github.com/stretchr/testify/require"
)

// clock is a settable clock shared by a fake and a client.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 14, 15, 4, 5, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is a fake Meet Hour, a client of it and their shared clock.
type fixture struct {
	srv    *meethourtest.Server
	client *meethour.Client
	clock  *clock
	// meetingID is a meeting that exists on the fake.
	meetingID string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clk := newClock()
	srv := meethourtest.NewServer(meethourtest.Config{Now: clk.Now})
	t.Cleanup(srv.Close)
	c, err := meethour.New(srv.ClientConfig())
	require.NoError(t, err)
	return &fixture{srv: srv, client: c, clock: clk, meetingID: srv.AddMeeting("standup", "pass-1234").ID}
}

// requireNoSecrets fails if err mentions a credential or token of the fake.
func (f *fixture) requireNoSecrets(t *testing.T, err error) {
	t.Helper()
	require.Error(t, err)
	for _, s := range f.srv.Secrets() {
		require.NotContains(t, err.Error(), s)
	}
	require.False(t, strings.Contains(err.Error(), "Bearer"), err.Error())
}
