//go:build js && wasm

package app

import (
	"context"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// OnMount creates the meeting in its container.
func (m *Meeting) OnMount(ctx goapp.Context) {
	m.ctx = ctx
	m.start(ctx)
}

// start creates the meeting in its container.
func (m *Meeting) start(ctx goapp.Context) {
	if m.RoomURL != "" {
		m.state = MeetingCreated // a plain iframe: nothing to create
		return
	}
	p, o := m.Provider, m.Options
	o.ParentNodeID = m.containerID()
	timeout := m.LoadTimeout
	if timeout <= 0 {
		timeout = defaultLoadTimeout
	}
	ctx.Async(func() {
		loadCtx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		api, err := externalapi.New(loadCtx, p, o)
		if !m.created(api, err) && err == nil {
			return // dismounted meanwhile
		}
		ctx.Dispatch(func(ctx goapp.Context) {
			if err != nil {
				m.state, m.err = MeetingFailed, err
				if m.OnFail != nil {
					m.OnFail(ctx, err)
				}
				return
			}
			m.state = MeetingCreated
			if m.OnCreate != nil {
				m.OnCreate(ctx, api)
			}
		})
	})
}

// OnDismount disposes the meeting.
func (m *Meeting) OnDismount() {
	m.dismiss()
}
