//go:build !(js && wasm)

package externalapi

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// earlyDataOf is the page data as the early start script reads it.
type earlyDataOf struct {
	Global       string         `json:"global"`
	Domain       string         `json:"domain"`
	Script       string         `json:"script"`
	Options      map[string]any `json:"options"`
	Events       []string       `json:"events"`
	ParentNodeID string         `json:"parentNodeId"`
}

func TestEarlyStartJSONCarriesWhatNewWouldPass(t *testing.T) {
	p := MeetHour("key&1")
	o := Options{
		RoomName: "standup", Width: Px(640), ParentNodeID: "meeting", JWT: "x.y.z",
		ConfigOverwrite: Config{"prejoinConfig": map[string]any{"enabled": false}, "raw": json.RawMessage(`{"b": [1, 2]}`)},
		UserInfo:        &UserInfo{DisplayName: "Alice"},
		ICEServers:      &ICEServers{Replace: []ICEServerRule{{TargetType: "turn"}}},
		OnLoad:          func() {},
	}
	b, err := EarlyStart{Provider: p, Options: o}.JSON()
	require.NoError(t, err)
	var d earlyDataOf
	require.NoError(t, json.Unmarshal(b, &d))
	assert.Equal(t, "MeetHourExternalAPI", d.Global)
	assert.Equal(t, "meethour.io", d.Domain)
	assert.Equal(t, "https://api.meethour.io/libs/"+MeetHourRelease+"/external_api.min.js?apiKey=key%261", d.Script)
	assert.Equal(t, "meeting", d.ParentNodeID)

	// The options are what New hands to the constructor (as encoding/json
	// writes them), without onload or parentNode.
	opts, err := constructorOptions(p, o)
	require.NoError(t, err)
	want, err := json.Marshal(opts)
	require.NoError(t, err)
	got, err := json.Marshal(d.Options)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
	assert.NotContains(t, d.Options, "onload")
	assert.NotContains(t, d.Options, "parentNode")

	// Every event of definitions.json, sorted, for libraries without
	// getSupportedEvents.
	assert.Len(t, d.Events, len(eventTable))
	assert.True(t, slices.IsSorted(d.Events))
	assert.Contains(t, d.Events, "ready")
	assert.Contains(t, d.Events, "largeVideoChanged")
}

func TestEarlyStartJSONIsSafeInAScriptElement(t *testing.T) {
	evil := "</script><script>alert(1)</script><!-- & \u2028"
	o := Options{RoomName: "r", UserInfo: &UserInfo{DisplayName: evil},
		ConfigOverwrite: Config{evil: json.RawMessage(`"</script>"`)}}
	b, err := EarlyStart{Provider: Jitsi("meet.example.org"), Options: o}.JSON()
	require.NoError(t, err)
	for _, bad := range []string{"<", ">", "&", "\u2028"} {
		assert.NotContains(t, string(b), bad)
	}
	var d earlyDataOf
	require.NoError(t, json.Unmarshal(b, &d))
	assert.Equal(t, evil, d.Options["userInfo"].(map[string]any)["displayName"])
	assert.Equal(t, "</script>", d.Options["configOverwrite"].(map[string]any)[evil])
	assert.Empty(t, d.ParentNodeID)
}

func TestEarlyStartRefusesWhatNewRefuses(t *testing.T) {
	for name, e := range map[string]EarlyStart{
		"bad room":       {Provider: Jitsi("meet.example.org"), Options: Options{RoomName: "a b"}},
		"no domain":      {Provider: Jitsi(""), Options: Options{RoomName: "r"}},
		"no api key":     {Provider: MeetHour(""), Options: Options{RoomName: "r"}},
		"foreign struct": {Provider: Jitsi("meet.example.org"), Options: Options{RoomName: "r", ConfigOverwrite: Config{"x": foreign{A: "a"}}}},
		"bad raw JSON":   {Provider: Jitsi("meet.example.org"), Options: Options{RoomName: "r", ConfigOverwrite: Config{"x": json.RawMessage(`{`)}}},
	} {
		if name == "foreign struct" && stdJSON {
			continue // with encoding/json, whatever json.Marshal takes is taken (as New does)
		}
		_, err := e.JSON()
		assert.Error(t, err, name)
		_, err = e.HTML("")
		assert.Error(t, err, name)
	}
}

func TestEarlyStartHTML(t *testing.T) {
	e := EarlyStart{Provider: MeetHour("k\"<"), Options: Options{RoomName: "r"}}
	h, err := e.HTML("")
	require.NoError(t, err)
	data, err := e.JSON()
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(h, "\n"), "\n")
	require.Len(t, lines, 3)
	assert.Equal(t, `<script type="application/json" id="meetbridge-early-start">`+string(data)+`</script>`, lines[0])
	assert.Equal(t, `<script src="https://api.meethour.io/libs/`+MeetHourRelease+`/external_api.min.js?apiKey=k%22%3C"></script>`, lines[1])
	assert.Equal(t, `<script src="/meetbridge-early-start.js"></script>`, lines[2])

	h, err = e.HTML("/static/early.js?v=1&x=2")
	require.NoError(t, err)
	assert.Contains(t, h, `<script src="/static/early.js?v=1&amp;x=2"></script>`)
	_, err = e.HTML("%zz")
	assert.Error(t, err)
}

// TestEarlyStartScriptUsesTheNamesGoUses: the embedded script reads the
// element and sets the global that JSON, HTML and Adopt name.
func TestEarlyStartScriptUsesTheNamesGoUses(t *testing.T) {
	assert.True(t, bytes.Contains(EarlyStartScript, []byte(`var DATA_ID = '`+EarlyStartDataID+`';`)))
	assert.True(t, bytes.Contains(EarlyStartScript, []byte(`window.`+EarlyStartGlobal+` = state;`)))
	assert.False(t, bytes.Contains(EarlyStartScript, []byte("eval(")), "no eval, for a strict CSP")
	assert.False(t, bytes.Contains(EarlyStartScript, []byte("new Function")), "no new Function, for a strict CSP")
}

func TestPlainJSONRefusesWhatPlainValueNeverGives(t *testing.T) {
	_, err := plainJSON(plainObject{{key: "k", value: 1}})
	assert.ErrorIs(t, err, errPlainJSON)
	assert.ErrorContains(t, err, "k: ")
}
