package app

import "github.com/meetbridge/meetbridge/externalapi"

// Devices are the local participant's microphones, cameras and speakers
// and the ones in use, as the device getters and deviceListChanged told.
type Devices struct {
	Available externalapi.DeviceList
	Current   externalapi.CurrentDevices
	// Known is set once the getters answered.
	Known bool
}

// DevicesSeeded carries getAvailableDevices' and getCurrentDevices'
// answers. It is not an External API event.
type DevicesSeeded struct {
	Available externalapi.DeviceList
	Current   externalapi.CurrentDevices
}

// EventName implements externalapi.Event.
func (DevicesSeeded) EventName() string { return "meetbridge.devicesSeeded" }

// Apply returns the devices after the event.
func (d Devices) Apply(e externalapi.Event) Devices {
	switch e := e.(type) {
	case DevicesSeeded:
		return Devices{Available: e.Available, Current: e.Current, Known: true}
	case externalapi.DeviceListChanged:
		d.Available = e.Devices
	}
	return d
}

// CurrentID returns the id of the device of kind in use, or "".
func (d Devices) CurrentID(kind externalapi.DeviceKind) string {
	var cur *externalapi.Device
	switch kind {
	case externalapi.AudioInput:
		cur = d.Current.AudioInput
	case externalapi.AudioOutput:
		cur = d.Current.AudioOutput
	case externalapi.VideoInput:
		cur = d.Current.VideoInput
	}
	if cur == nil {
		return ""
	}
	return cur.DeviceID
}

// List returns the devices of kind.
func (d Devices) List(kind externalapi.DeviceKind) []externalapi.Device {
	switch kind {
	case externalapi.AudioInput:
		return d.Available.AudioInput
	case externalapi.AudioOutput:
		return d.Available.AudioOutput
	case externalapi.VideoInput:
		return d.Available.VideoInput
	}
	return nil
}
