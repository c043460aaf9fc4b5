package app

import (
	"fmt"
	"sync"
	"time"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// DefaultMeetingElementID is the id of a Meeting's iframe container when
// ElementID is empty.
const DefaultMeetingElementID = "meetbridge-meeting"

// defaultLoadTimeout bounds loading the provider's script.
const defaultLoadTimeout = 20 * time.Second

// MeetingState is where a Meeting is in its life.
type MeetingState int

// The meeting states.
const (
	MeetingLoading MeetingState = iota
	MeetingCreated
	MeetingFailed
)

// Meeting embeds one meeting. It creates it when mounted (in the browser),
// disposes it when dismounted, and renders a container that go-app never
// fills itself, so the iframe that the External API inserts survives
// re-renders.
//
// Unlike the React SDK, which ignores such changes, a Meeting whose
// provider, room, JWT or Attempt changes is a new meeting: go-app dismounts
// the old one (disposing it) and mounts a new one (see CompoID). After a
// failed load it offers to try again.
type Meeting struct {
	goapp.Compo

	// ElementID is the container's id; it must be unique on the page.
	ElementID string
	// Provider and Options describe the meeting; Options.ParentNodeID is
	// set to the container.
	Provider externalapi.Provider
	Options  externalapi.Options
	// LoadTimeout bounds loading the provider's script; zero means 20 s.
	LoadTimeout time.Duration
	// RoomURL, when set, makes the meeting this page in a plain iframe,
	// for a provider with no External API (Vonage): Provider, Options,
	// OnCreate and OnFail are then unused. See RoomFrameURL.
	RoomURL string
	// OnCreate is called on the UI goroutine once the meeting exists: the
	// place to subscribe to its events.
	OnCreate func(goapp.Context, *externalapi.API)
	// OnFail is called on the UI goroutine when the meeting could not be
	// created.
	OnFail func(goapp.Context, error)
	// Attempt, when it changes, re-creates the meeting (to join again).
	Attempt int

	state MeetingState
	err   error
	// ctx is the component's own context, from OnMount: a retry runs in it
	// (the button's context dies with the button).
	ctx goapp.Context

	mu        sync.Mutex
	api       *externalapi.API
	dismissed bool
}

// CompoID identifies the meeting: go-app re-creates the component, and so
// the meeting, when it changes.
func (m *Meeting) CompoID() string {
	p := m.Provider
	return fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%d", m.containerID(), p.Name, p.Domain, p.ScriptURL,
		m.Options.RoomName, m.Options.JWT, m.Attempt)
}

// State returns where the meeting is in its life.
func (m *Meeting) State() MeetingState { return m.state }

// API returns the meeting's API once created, else nil.
func (m *Meeting) API() *externalapi.API {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.api
}

// containerID returns the container's element id.
func (m *Meeting) containerID() string {
	if m.ElementID != "" {
		return m.ElementID
	}
	return DefaultMeetingElementID
}

// Render draws the container first, so that status lines after it never
// shift it and make go-app replace it (with the iframe inside).
func (m *Meeting) Render() goapp.UI {
	if m.RoomURL != "" {
		return m.renderRoomFrame()
	}
	var status goapp.UI
	switch m.state {
	case MeetingLoading:
		status = goapp.P().Class("meeting-status").Text("Connecting to the meeting…")
	case MeetingFailed:
		status = goapp.Div().Class("meeting-status", "error").Attr("role", "alert").Body(
			goapp.Span().Text("The meeting could not start: "+m.err.Error()),
			button("retry", "Try again", m.retry),
		)
	}
	return goapp.Div().Class("meeting").Body(
		goapp.Div().ID(m.containerID()).Class("meeting-frame"),
		status,
	)
}

// created records the outcome of creating the meeting; it reports whether
// the API is to be kept (false when the component was dismounted meanwhile,
// in which case the API has been disposed).
func (m *Meeting) created(api *externalapi.API, err error) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dismissed {
		if api != nil {
			_ = api.Dispose()
		}
		return false
	}
	m.api = api
	return err == nil
}

// dismiss disposes the meeting, now or as soon as it is created.
func (m *Meeting) dismiss() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.dismissed = true
	if m.api != nil {
		_ = m.api.Dispose()
		m.api = nil
	}
}

// retry creates the meeting again after a failed load.
func (m *Meeting) retry(goapp.Context, goapp.Event) {
	if m.state != MeetingFailed {
		return
	}
	m.mu.Lock()
	m.dismissed = false
	m.mu.Unlock()
	m.state, m.err = MeetingLoading, nil
	m.start(m.ctx)
}
