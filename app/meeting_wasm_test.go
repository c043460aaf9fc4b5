//go:build js && wasm

package app

import (
	"testing"
	"time"

	"github.com/hack-pad/safejs"
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
	"github.com/meetbridge/meetbridge/externalapi/externalapitest"
)

// fakeProvider loads the External API test double.
var fakeProvider = externalapi.Provider{
	Name: "fake", Domain: "meet.test", Global: externalapitest.Global, ScriptURL: externalapitest.ScriptURL(),
}

// mountPoint gives go-app's test engine a first element in the body to
// replace with the component.
func mountPoint(t *testing.T) {
	t.Helper()
	doc := safejs.MustGetGlobal("document")
	div, err := doc.Call("createElement", "div")
	require.NoError(t, err)
	body, err := doc.Get("body")
	require.NoError(t, err)
	_, err = body.Call("prepend", div)
	require.NoError(t, err)
}

// iframeIn returns the iframe inside the element with the id, or null.
func iframeIn(t *testing.T, id string) safejs.Value {
	t.Helper()
	el, err := safejs.MustGetGlobal("document").Call("getElementById", id)
	require.NoError(t, err)
	require.False(t, el.IsNull(), "no element #%s", id)
	frame, err := el.Call("querySelector", "iframe")
	require.NoError(t, err)
	return frame
}

// empty is a component to mount in place of a Meeting.
type empty struct{ goapp.Compo }

func (e *empty) Render() goapp.UI { return goapp.Div().Text("gone") }

func TestMeetingCreatesSurvivesRerendersAndDisposes(t *testing.T) {
	mountPoint(t)
	created := make(chan *externalapi.API, 1)
	var uiCtx goapp.Context
	m := &Meeting{
		ElementID: "m1",
		Provider:  fakeProvider,
		Options:   externalapi.Options{RoomName: "standup"},
		OnCreate: func(ctx goapp.Context, api *externalapi.API) {
			uiCtx = ctx
			created <- api
		},
	}
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(m))
	e.ConsumeAll() // waits for the creation and runs its dispatch
	var api *externalapi.API
	select {
	case api = <-created:
	case <-time.After(10 * time.Second):
		t.Fatal("meeting not created")
	}
	assert.Equal(t, MeetingCreated, m.State())
	frame := iframeIn(t, "m1")
	require.False(t, frame.IsNull(), "the iframe is in the container")

	double, err := safejs.MustGetGlobal(externalapitest.Global).Get("last")
	require.NoError(t, err)
	room, _ := double.Get("options")
	name, _ := room.Get("roomName")
	s, _ := name.String()
	assert.Equal(t, "standup", s)

	// A re-render keeps the very same iframe.
	uiCtx.Dispatch(func(goapp.Context) { m.state = MeetingLoading })
	e.ConsumeAll()
	status, err := safejs.MustGetGlobal("document").Call("querySelector", "#m1 + .meeting-status")
	require.NoError(t, err)
	require.False(t, status.IsNull(), "the re-render happened")
	assert.True(t, sameObject(iframeIn(t, "m1"), frame), "the iframe survived the re-render")

	// Dismounting disposes the meeting.
	require.NoError(t, e.Load(&empty{}))
	e.ConsumeAll()
	disposed, _ := double.Get("disposed")
	d, _ := disposed.Bool()
	assert.True(t, d)
	assert.Nil(t, m.API())
	assert.ErrorIs(t, api.ToggleAudio(), externalapi.ErrDisposed)
}

func TestMeetingReportsAFailedLoad(t *testing.T) {
	mountPoint(t)
	failed := make(chan error, 1)
	m := &Meeting{
		ElementID: "m2",
		Provider:  externalapi.Provider{Name: "broken", Domain: "meet.test", Global: "NoSuchAPI", ScriptURL: "/status/404"},
		Options:   externalapi.Options{RoomName: "standup"},
		OnFail:    func(_ goapp.Context, err error) { failed <- err },
	}
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(m))
	e.ConsumeAll()
	select {
	case err := <-failed:
		assert.ErrorIs(t, err, externalapi.ErrScriptFailed)
	case <-time.After(10 * time.Second):
		t.Fatal("no failure reported")
	}
	assert.Equal(t, MeetingFailed, m.State())
	e.ConsumeAll()
	status, err := safejs.MustGetGlobal("document").Call("querySelector", ".meeting-status.error")
	require.NoError(t, err)
	require.False(t, status.IsNull(), "the failure is shown")
	text, _ := status.Get("textContent")
	s, _ := text.String()
	assert.Contains(t, s, "could not start")
}

func TestMeetingRetriesAFailedLoad(t *testing.T) {
	mountPoint(t)
	failed := make(chan error, 2)
	created := make(chan *externalapi.API, 1)
	late := fakeProvider
	late.Global = "LateMeetExternalAPI" // defined only after the first try
	m := &Meeting{
		ElementID: "m3",
		Provider:  late,
		Options:   externalapi.Options{RoomName: "standup"},
		OnFail:    func(_ goapp.Context, err error) { failed <- err },
		OnCreate:  func(_ goapp.Context, api *externalapi.API) { created <- api },
	}
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(m))
	e.ConsumeAll()
	select {
	case <-failed:
	case <-time.After(10 * time.Second):
		t.Fatal("no failure reported")
	}
	e.ConsumeAll()
	ctor, err := safejs.MustGetGlobal("window").Get(externalapitest.Global)
	require.NoError(t, err)
	require.NoError(t, safejs.MustGetGlobal("window").Set(late.Global, ctor))
	t.Cleanup(func() { _ = safejs.MustGetGlobal("window").Delete(late.Global) })

	click(t, "#m3 + .meeting-status button.retry")
	e.ConsumeAll()
	select {
	case api := <-created:
		assert.NotNil(t, api)
	case err := <-failed:
		t.Fatalf("the retry failed: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the retry created nothing")
	}
	assert.Equal(t, MeetingCreated, m.State())
	require.NoError(t, e.Load(&empty{}))
	e.ConsumeAll()
}

// roomHolder renders a Meeting of its room, as the console does.
type roomHolder struct {
	goapp.Compo
	room string
	ctx  goapp.Context
}

func (h *roomHolder) OnMount(ctx goapp.Context) { h.ctx = ctx }

func (h *roomHolder) Render() goapp.UI {
	return goapp.Div().Body(&Meeting{ElementID: "m4", Provider: fakeProvider, Options: externalapi.Options{RoomName: h.room}})
}

func TestMeetingIsCreatedAgainForAnotherRoom(t *testing.T) {
	mountPoint(t)
	h := &roomHolder{room: "standup"}
	e := goapp.NewTestEngine()
	require.NoError(t, e.Load(h))
	e.ConsumeAll()
	first, err := safejs.MustGetGlobal(externalapitest.Global).Get("last")
	require.NoError(t, err)
	roomOf := func(d safejs.Value) string {
		opts, _ := d.Get("options")
		v, _ := opts.Get("roomName")
		s, _ := v.String()
		return s
	}
	require.Equal(t, "standup", roomOf(first))

	h.ctx.Dispatch(func(goapp.Context) { h.room = "retro" })
	e.ConsumeAll()
	second, err := safejs.MustGetGlobal(externalapitest.Global).Get("last")
	require.NoError(t, err)
	assert.Equal(t, "retro", roomOf(second), "a new meeting for the new room")
	disposed, _ := first.Get("disposed")
	d, _ := disposed.Bool()
	assert.True(t, d, "the old meeting is disposed")
	require.NoError(t, e.Load(&empty{}))
	e.ConsumeAll()
}
