package app

import (
	"context"
	"time"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// deviceTimeout bounds switching a device.
const deviceTimeout = 10 * time.Second

// DevicePanel picks the microphone, camera and speaker: the meeting's lists,
// the ones in use, and a switch.
type DevicePanel struct {
	goapp.Compo

	// API is the meeting while devices can be switched; nil disables.
	API *externalapi.API
	// Devices are as the getters told.
	Devices Devices
	// OnChanged is called after a switch the meeting accepted, to read
	// the devices again.
	OnChanged func(goapp.Context)

	busy bool
	err  string
}

// Render draws the pickers.
func (d *DevicePanel) Render() goapp.UI {
	var body goapp.UI
	if !d.Devices.Known {
		body = goapp.P().Class("muted").Text("The devices are not known yet.")
	} else {
		body = goapp.Div().Class("device-pickers").Body(
			d.picker("mic-select", "Microphone", externalapi.AudioInput),
			d.picker("camera-select", "Camera", externalapi.VideoInput),
			d.picker("speaker-select", "Speaker", externalapi.AudioOutput),
		)
	}
	return goapp.Section().Class("panel", "devices").Body(goapp.H3().Text("Devices"), body, errorLine(d.err))
}

// picker is one kind's select.
func (d *DevicePanel) picker(id, label string, kind externalapi.DeviceKind) goapp.UI {
	list := d.Devices.List(kind)
	current := d.Devices.CurrentID(kind)
	return goapp.Div().Class("field").Body(
		goapp.Label().For(id).Text(label),
		goapp.Select().ID(id).Disabled(d.API == nil || d.busy || len(list) == 0).
			OnChange(func(ctx goapp.Context, _ goapp.Event) { d.choose(ctx, kind, ctx.JSSrc().Get("value").String()) }).
			Body(goapp.Range(list).Slice(func(i int) goapp.UI {
				dev := list[i]
				return goapp.Option().Value(dev.DeviceID).Selected(dev.DeviceID == current).Text(nameOr(dev.Label, dev.DeviceID))
			})),
	)
}

// choose switches the kind's device to id.
func (d *DevicePanel) choose(ctx goapp.Context, kind externalapi.DeviceKind, id string) {
	api := d.API
	dev, ok := d.Devices.Available.Find(kind, id)
	if api == nil || !ok {
		return
	}
	dev.Kind = kind // lists may leave it out
	d.busy, d.err = true, ""
	ctx.Async(func() {
		cctx, cancel := context.WithTimeout(context.Background(), deviceTimeout)
		defer cancel()
		var done bool
		err := run(api, func(a *externalapi.API) (err error) {
			done, err = a.SetDevice(cctx, dev)
			return err
		})
		ctx.Dispatch(func(ctx goapp.Context) {
			d.busy = false
			switch {
			case err != nil:
				d.err = "Switching the device failed: " + describe(err)
			case !done:
				d.err = "The meeting did not switch to " + nameOr(dev.Label, dev.DeviceID) + "."
			}
			if d.OnChanged != nil {
				d.OnChanged(ctx)
			}
		})
	})
}
