package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestConsoleAlertsOfTheTokenAndUnsupportedCommands(t *testing.T) {
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	c := &Console{now: now, joined: &joined{join: Join{Grant: Grant{ExpiresAt: now.Add(time.Hour)}}}}
	assert.Empty(t, c.alerts(), "an hour left: nothing to say")

	c.joined.join.Grant.ExpiresAt = now.Add(5 * time.Minute)
	a := c.alerts()
	if assert.Len(t, a, 1) {
		assert.Equal(t, "token", a[0].Kind)
		assert.Contains(t, a[0].Text, "The join token expires at")
	}
	c.joined.join.Grant.ExpiresAt = now.Add(-time.Second)
	assert.Equal(t, Alerts{{Kind: "token", Text: "The join token has expired: join again for a new one."}}, c.alerts())
	c.state.Ended = true
	assert.Empty(t, c.alerts(), "no token warning once the meeting ended")

	c.unsupported = missingCommands(append([]string{}, consoleCommands[2:]...))
	assert.Equal(t, Alerts{{Kind: "unsupported", Text: "This deployment does not support: muteEveryone, muteRemoteParticipant."}}, c.alerts())
	assert.Empty(t, missingCommands(consoleCommands))
}
