package meethour_test

import (
	"strings"
	"testing"
	"time"

	"github.com/meetbridge/meetbridge/meethour"
	"github.com/meetbridge/meetbridge/meethour/meethourtest"
	"github.com/stretchr/testify/require"
)

// clock is a settable clock shared by a fake and a client.
type clock = meethourtest.Clock

func newClock() *clock { return meethourtest.NewClock(time.Date(2026, 3, 14, 15, 4, 5, 0, time.UTC)) }

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
