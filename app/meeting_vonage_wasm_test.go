//go:build js && wasm

package app

import (
	"testing"
	"time"

	"github.com/hack-pad/safejs"
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// attr returns an element's attribute, or "".
func attr(t *testing.T, el safejs.Value, name string) string {
	t.Helper()
	v, err := el.Call("getAttribute", name)
	require.NoError(t, err)
	if v.IsNull() {
		return ""
	}
	s, err := v.String()
	require.NoError(t, err)
	return s
}

func TestVonageConsoleEmbedsTheRoomAndListsWhatItCannotDo(t *testing.T) {
	mountPoint(t)
	origin, err := safejs.MustGetGlobal("location").Get("origin")
	require.NoError(t, err)
	base, err := origin.String()
	require.NoError(t, err)
	room := base + "/status/200"

	c := &Console{
		Session: &Session{SignedIn: true, User: "mod", Moderator: true},
		Grant:   &Grant{Provider: ProviderVonage, Domain: "meetings.vonage.com", RoomName: "standup", Moderator: true, RoomURL: room},
	}
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(c))
	unmountAtEnd(t, e)
	e.ConsumeAll()

	frame := iframeIn(t, ConsoleMeetingElementID)
	require.False(t, frame.IsNull(), "the room's iframe is in the container")
	assert.Equal(t, room, attr(t, frame, "src"))
	assert.Equal(t, RoomFrameAllow, attr(t, frame, "allow"))
	assert.Equal(t, "Video meeting", attr(t, frame, "title"))
	assert.Equal(t, 1, count(t, "iframe"), "no External API frame beside it")

	// The console says what it cannot do, and offers no dead buttons.
	assert.Contains(t, textOf(t, ".provider-limits"), "recording")
	assert.Equal(t, 0, count(t, ".console-panel button:not(.leave)"))

}

// frameHost holds a plain-iframe Meeting and re-renders on demand.
type frameHost struct {
	goapp.Compo
	url   string
	n     int
	ready chan goapp.Context
}

func (h *frameHost) OnMount(ctx goapp.Context) { h.ready <- ctx }

func (h *frameHost) Render() goapp.UI {
	return goapp.Div().Body(
		&Meeting{ElementID: "vonage-frame", RoomURL: h.url},
		goapp.P().Class("renders").Text(h.n),
	)
}

func TestVonageIframeSurvivesRerenders(t *testing.T) {
	mountPoint(t)
	origin, err := safejs.MustGetGlobal("location").Get("origin")
	require.NoError(t, err)
	base, err := origin.String()
	require.NoError(t, err)
	h := &frameHost{url: base + "/status/200", ready: make(chan goapp.Context, 1)}
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(h))
	unmountAtEnd(t, e)
	e.ConsumeAll()
	var ctx goapp.Context
	select {
	case ctx = <-h.ready:
	case <-time.After(guard):
		t.Fatal("the host was not mounted")
	}
	frame := iframeIn(t, "vonage-frame")
	require.False(t, frame.IsNull())

	ctx.Dispatch(func(goapp.Context) { h.n++ })
	e.ConsumeAll()
	assert.Equal(t, "1", textOf(t, ".renders"), "the re-render happened")
	assert.True(t, sameObject(iframeIn(t, "vonage-frame"), frame), "the iframe survived the re-render")
}
