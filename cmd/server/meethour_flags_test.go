package main

import (
	"flag"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMeetHourMeetingFlag(t *testing.T) {
	var m meetHourMeetings
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(&m, "meethour-meeting", "")
	require.NoError(t, fs.Parse([]string{"-meethour-meeting", "standup=MHR1", "-meethour-meeting", "board=MHR2"}))
	assert.Equal(t, meetHourMeetings{"standup": "MHR1", "board": "MHR2"}, m)
	assert.Equal(t, "board=MHR2,standup=MHR1", m.String())
	for _, bad := range []string{"standup", "=MHR1", "standup=", "standup=MHR3"} {
		assert.Error(t, m.Set(bad), bad)
	}
}
