package externalapi

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// olderLibrary is a parent library from before the setAudioOnly rename, without
// setParticipantProperties.
const (
	olderCommands = `["toggleAudio","setAudioOnly","displayName"]`
	olderEvents   = `["ready","audioOnlyChanged","participantJoined"]`
	newerCommands = `["toggleAudio","setLowBandwidthMode","setParticipantProperties"]`
	newerEvents   = `["ready","lowBandwidthModeChanged"]`
)

func TestUnknownSupportAllowsEverything(t *testing.T) {
	for name, answer := range map[string]string{"no answer": "", "not a list": `{"a":1}`, "null": `null`} {
		t.Run(name, func(t *testing.T) {
			a, f := newFakeAPIWithSupport(answer, answer)
			defer a.Dispose()
			require.NoError(t, a.SetParticipantProperties(ParticipantProperties{"k": "v"}, false))
			require.NoError(t, a.SetLowBandwidthMode(true))
			c, _ := f.last()
			assert.Equal(t, "setLowBandwidthMode", c.Name)
			_, err := a.OnAudioOnlyChanged(func(AudioOnlyChanged) {})
			require.NoError(t, err)
			assert.Equal(t, map[string]int{"audioOnlyChanged": 1}, f.listening)
			assert.True(t, a.SupportsCommand("setAudioOnly"))
			assert.True(t, a.SupportsEvent("whatever"))
		})
	}
}

func TestUnsupportedCommandIsAnErrorAndNotSent(t *testing.T) {
	a, f := newFakeAPIWithSupport(olderCommands, olderEvents)
	defer a.Dispose()
	err := a.SetParticipantProperties(ParticipantProperties{"k": "v"}, false)
	require.ErrorIs(t, err, ErrUnsupported)
	assert.Contains(t, err.Error(), "setParticipantProperties")
	assert.ErrorIs(t, a.ExecuteCommand("toggleWhiteboard"), ErrUnsupported)
	assert.False(t, a.SupportsCommand("toggleWhiteboard"))

	// ExecuteCommands checks support before sending any.
	err = a.ExecuteCommands(Command{Name: "toggleAudio"}, Command{Name: "toggleChat"})
	require.ErrorIs(t, err, ErrUnsupported)
	assert.Contains(t, err.Error(), "toggleChat")
	assert.Empty(t, f.commands)

	require.NoError(t, a.ToggleAudio())
	assert.Len(t, f.commands, 1)
}

func TestRenamedCommandGoesByTheNameTheLibraryHas(t *testing.T) {
	older, fo := newFakeAPIWithSupport(olderCommands, olderEvents)
	defer older.Dispose()
	require.NoError(t, older.SetLowBandwidthMode(true))
	assert.Equal(t, []Command{{Name: "setAudioOnly", Args: []any{true}}}, fo.commands)
	assert.True(t, older.SupportsCommand("setLowBandwidthMode"))

	newer, fn := newFakeAPIWithSupport(newerCommands, newerEvents)
	defer newer.Dispose()
	require.NoError(t, newer.SetAudioOnly(false))
	require.NoError(t, newer.SetLowBandwidthMode(true))
	assert.Equal(t, []Command{{Name: "setLowBandwidthMode", Args: []any{false}}, {Name: "setLowBandwidthMode", Args: []any{true}}}, fn.commands)
}

func TestRenamedEventFiresFromEitherName(t *testing.T) {
	older, fo := newFakeAPIWithSupport(olderCommands, olderEvents)
	defer older.Dispose()
	got := make(chan LowBandwidthModeChanged, 4)
	_, err := older.OnLowBandwidthModeChanged(func(e LowBandwidthModeChanged) { got <- e })
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"audioOnlyChanged": 1}, fo.listening)
	older.receive("audioOnlyChanged", []byte(`{"enabled":true}`))
	assert.Equal(t, LowBandwidthModeChanged{Enabled: true}, waitFor(t, got))

	newer, fn := newFakeAPIWithSupport(newerCommands, newerEvents)
	defer newer.Dispose()
	gotOld := make(chan AudioOnlyChanged, 4)
	stop, err := newer.OnAudioOnlyChanged(func(e AudioOnlyChanged) { gotOld <- e })
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"lowBandwidthModeChanged": 1}, fn.listening)
	newer.receive("lowBandwidthModeChanged", []byte(`{"enabled":true}`))
	assert.Equal(t, AudioOnlyChanged{Enabled: true}, waitFor(t, gotOld))
	stop()
	assert.Empty(t, fn.listening)
}

func TestLibraryWithBothNamesGetsOneListener(t *testing.T) {
	a, f := newFakeAPIWithSupport(`["setAudioOnly","setLowBandwidthMode"]`, `["audioOnlyChanged","lowBandwidthModeChanged","ready"]`)
	defer a.Dispose()
	got := make(chan string, 4)
	_, err := a.OnLowBandwidthModeChanged(func(LowBandwidthModeChanged) { got <- "low" })
	require.NoError(t, err)
	_, err = a.OnReady(func(Ready) { got <- "ready" })
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"lowBandwidthModeChanged": 1, "ready": 1}, f.listening)
	// A meeting that emits both: the handler runs once.
	a.receive("audioOnlyChanged", []byte(`{"enabled":true}`))
	a.receive("lowBandwidthModeChanged", []byte(`{"enabled":true}`))
	a.receive("ready", nil)
	assert.Equal(t, "low", waitFor(t, got))
	assert.Equal(t, "ready", waitFor(t, got))
	require.NoError(t, a.SetLowBandwidthMode(true))
	c, _ := f.last()
	assert.Equal(t, "setLowBandwidthMode", c.Name)
}

func TestUnsupportedEventSubscriptionIsAnError(t *testing.T) {
	a, f := newFakeAPIWithSupport(newerCommands, newerEvents)
	defer a.Dispose()
	_, err := a.OnParticipantJoined(func(ParticipantJoined) {})
	require.ErrorIs(t, err, ErrUnsupported)
	assert.Contains(t, err.Error(), "participantJoined")
	_, err = a.OnRaw("somethingNew", func(json.RawMessage) {})
	assert.ErrorIs(t, err, ErrUnsupported)
	assert.Empty(t, f.listening)
	// Events the parent library emits itself are never in its list.
	_, err = a.OnLargeVideoChanged(func(LargeVideoChanged) {})
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"largeVideoChanged": 1}, f.listening)
	assert.False(t, a.SupportsEvent("participantJoined"))
}
