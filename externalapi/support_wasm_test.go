//go:build js && wasm

package externalapi

import (
	"testing"

	"github.com/hack-pad/safejs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newFakeLibrary creates a meeting on the test double shaped as a library
// with the given getSupportedCommands/Events answers (nil removes the method).
func newFakeLibrary(t *testing.T, commands, events []any) (*API, safejs.Value) {
	t.Helper()
	lib := map[string]any{"commands": nil, "events": nil} // null, not an empty array
	if commands != nil {
		lib["commands"] = commands
	}
	if events != nil {
		lib["events"] = events
	}
	require.NoError(t, safejs.MustGetGlobal("FakeMeetExternalAPI").Set("nextLibrary", lib))
	return newFake(t, Options{})
}

func TestOlderLibraryInTheBrowser(t *testing.T) {
	a, double := newFakeLibrary(t,
		[]any{"toggleAudio", "setAudioOnly"},
		[]any{"ready", "audioOnlyChanged"})

	// A command the library lacks is an error, not a silent drop.
	err := a.SetParticipantProperties(ParticipantProperties{"k": "v"}, false)
	require.ErrorIs(t, err, ErrUnsupported)
	assert.Contains(t, err.Error(), "setParticipantProperties")
	// The renamed command goes by the name the library has.
	require.NoError(t, a.SetLowBandwidthMode(true))
	assert.JSONEq(t, `[{"name":"setAudioOnly","args":[true]}]`, jsJSONOf(t, must(double.Get("commands"))))
	assert.JSONEq(t, `[]`, jsJSONOf(t, must(double.Get("dropped"))))

	// The renamed event fires the new handler.
	got := make(chan LowBandwidthModeChanged, 1)
	_, err = a.OnLowBandwidthModeChanged(func(e LowBandwidthModeChanged) { got <- e })
	require.NoError(t, err)
	must(double.Call("emit", "audioOnlyChanged", map[string]any{"enabled": true}))
	assert.Equal(t, LowBandwidthModeChanged{Enabled: true}, waitFor(t, got))

	_, err = a.OnParticipantJoined(func(ParticipantJoined) {})
	assert.ErrorIs(t, err, ErrUnsupported)
}

func TestNewerLibraryInTheBrowser(t *testing.T) {
	a, double := newFakeLibrary(t,
		[]any{"setLowBandwidthMode", "setParticipantProperties"},
		[]any{"ready", "lowBandwidthModeChanged"})
	require.NoError(t, a.SetAudioOnly(true))
	require.NoError(t, a.SetParticipantProperties(ParticipantProperties{"k": "v"}, false))
	assert.ErrorIs(t, a.ToggleAudio(), ErrUnsupported)
	assert.JSONEq(t, `[{"name":"setLowBandwidthMode","args":[true]},{"name":"setParticipantProperties","args":[{"k":"v"}]}]`,
		jsJSONOf(t, must(double.Get("commands"))))

	got := make(chan AudioOnlyChanged, 1)
	_, err := a.OnAudioOnlyChanged(func(e AudioOnlyChanged) { got <- e })
	require.NoError(t, err)
	must(double.Call("emit", "lowBandwidthModeChanged", map[string]any{"enabled": true}))
	assert.Equal(t, AudioOnlyChanged{Enabled: true}, waitFor(t, got))
}

func TestLibraryWithoutSupportListsAllowsEverything(t *testing.T) {
	a, double := newFakeLibrary(t, nil, nil)
	assert.True(t, must(double.Get("getSupportedCommands")).IsUndefined(), "the double has no getSupportedCommands")
	require.NoError(t, a.SetAudioOnly(true))
	require.NoError(t, a.SetLowBandwidthMode(true))
	assert.JSONEq(t, `[{"name":"setAudioOnly","args":[true]},{"name":"setLowBandwidthMode","args":[true]}]`,
		jsJSONOf(t, must(double.Get("commands"))))
	_, err := a.OnParticipantJoined(func(ParticipantJoined) {})
	assert.NoError(t, err)
}
