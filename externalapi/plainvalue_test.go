package externalapi

import (
	"encoding/json"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// marshalPlain writes a plainValue tree as JSON, keeping object key order.
func marshalPlain(t *testing.T, p any) []byte {
	t.Helper()
	b, err := plainJSON(p)
	require.NoError(t, err)
	return b
}

// foreign is a struct of another package's kind: no plain method.
type foreign struct {
	A string `json:"a"`
}

// TestPlainValueMatchesEncodingJSON: what the browser side hands to
// JavaScript is, as JSON, what encoding/json would have sent.
func TestPlainValueMatchesEncodingJSON(t *testing.T) {
	vol := Volume(0.25)
	for i, v := range []any{
		nil, true, 3, int8(-4), uint16(9), 1.5, "s<&>\u2028", ParticipantID("abc"), &vol, Px(300), Percent(50), MustParseSize("12.5em"),
		[]string{"a"}, []string(nil), []any{}, map[string]string{"b": "2", "a": "1"}, Config(nil), (*ICEServers)(nil),
		RecordingOptions{Mode: RecordStream, RTMPStreamKey: "k", ExtraMetadata: map[string]any{"z": 1, "a": []any{"x", nil}}},
		Notification{Title: "t", CustomActions: []NotificationButton{{Label: "l", UUID: "u"}}},
		Tones{Tones: "12#"}, MeetingTimer{}, SecondScreen{Source: map[string]any{"k": "v"}}, Feedback{Score: 3},
		NameOverrides{{ID: "p", Name: "n"}}, ParticipantProperties{"b": "2", "a": "1"},
		&ICEServers{Replace: []ICEServerRule{{TargetType: "turn", URLs: "turn:x"}, {TargetType: "stun"}}},
		Config{"prejoinConfig": map[string]any{"enabled": false}, "toolbarButtons": []string{"microphone"}, "when": time.Unix(1, 0).UTC()},
		Config{"buttonsWithNotifyClick": []map[string]any{{"key": "camera", "preventExecution": false}}, "ids": []ParticipantID{"a"},
			"sizes": map[string][2]int{"b": {1, 2}}, "names": map[RoomID]string{"r": "n"}, "none": []int(nil)},
		[]Invitee{{Type: "phone", Number: "+1"}}, &UserInfo{DisplayName: "d"}, (*UserInfo)(nil), PreferredDevices{AudioInput: "a"},
		json.RawMessage(`{"b": 1, "a": [2]}`), time.Unix(2, 0).UTC(), Device{DeviceID: "d", Kind: AudioInput},
		Invitee{Type: "user", ID: "u"},
		BreakoutRooms{"r": {ID: "r", Participants: map[string]BreakoutParticipant{"j": {Role: Moderator}}}},
	} {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			want, err := json.Marshal(v)
			require.NoError(t, err)
			p, err := plainValue(v)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(marshalPlain(t, p)))
		})
	}
	// RoomsInfo is a result, never an argument: it has no plain form.
	for _, bad := range []any{RoomsInfo{}, float32(0.1), map[[2]int]int{{1, 2}: 3}, func() {}, make(chan int), foreign{A: "a"}, map[int]string{1: "a"}, math.NaN(),
		Config{"nested": foreign{}}, []any{math.Inf(1)}} {
		_, err := plainValue(bad)
		if _, jsonErr := json.Marshal(bad); stdJSON && jsonErr == nil {
			// With encoding/json, whatever json.Marshal takes is taken.
			assert.NoError(t, err, "%T", bad)
			continue
		}
		assert.Error(t, err, "%T", bad)
	}
}

// TestConstructorOptionsAsPlainValue: the whole options object, as New
// hands it to the library.
func TestConstructorOptionsAsPlainValue(t *testing.T) {
	m, err := constructorOptions(JaaS("vpaas-magic-cookie-abc"), Options{
		RoomName: "r", Width: Px(640), Height: Percent(100), JWT: "x.y.z",
		ConfigOverwrite: Config{"startWithAudioMuted": true}, Devices: &PreferredDevices{VideoInput: "cam"},
		ICEServers: &ICEServers{Replace: []ICEServerRule{{TargetType: "turn"}}}, Invitees: []Invitee{{Type: "sip", Address: "a@b"}},
	})
	require.NoError(t, err)
	want, err := json.Marshal(m)
	require.NoError(t, err)
	p, err := plainValue(m)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(marshalPlain(t, p)))
}
