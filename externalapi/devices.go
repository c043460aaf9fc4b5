package externalapi

import (
	"context"
	"errors"
	"github.com/meetbridge/meetbridge/externalapi/internal/jsonvalue"
)

// DeviceKind is a MediaDeviceInfo kind.
type DeviceKind string

// The device kinds.
const (
	AudioInput  DeviceKind = "audioinput"
	AudioOutput DeviceKind = "audiooutput"
	VideoInput  DeviceKind = "videoinput"
)

// Device is a media device, as MediaDeviceInfo describes it.
type Device struct {
	DeviceID string     `json:"deviceId"`
	GroupID  string     `json:"groupId,omitempty"`
	Kind     DeviceKind `json:"kind"`
	Label    string     `json:"label"`
}

// DeviceList lists the devices of each kind.
type DeviceList struct {
	AudioInput  []Device `json:"audioInput"`
	AudioOutput []Device `json:"audioOutput"`
	VideoInput  []Device `json:"videoInput"`
}

// Find returns the device of the given kind whose label or id is labelOrID.
func (l DeviceList) Find(kind DeviceKind, labelOrID string) (Device, bool) {
	var list []Device
	switch kind {
	case AudioInput:
		list = l.AudioInput
	case AudioOutput:
		list = l.AudioOutput
	case VideoInput:
		list = l.VideoInput
	}
	for _, d := range list {
		if d.Label == labelOrID || d.DeviceID == labelOrID {
			return d, true
		}
	}
	return Device{}, false
}

// CurrentDevices holds the device in use of each kind; a nil field means
// none is known.
type CurrentDevices struct {
	AudioInput  *Device `json:"audioInput,omitempty"`
	AudioOutput *Device `json:"audioOutput,omitempty"`
	VideoInput  *Device `json:"videoInput,omitempty"`
}

// DeviceDirection is what IsDeviceChangeAvailable asks about.
type DeviceDirection string

// The device directions.
const (
	AnyDirection DeviceDirection = ""
	InputDevice  DeviceDirection = "input"
	OutputDevice DeviceDirection = "output"
)

// errNoDevice is the reason given when neither label nor id is set.
var errNoDevice = errors.New("externalapi: a device needs a label or an id")

// SetAudioInputDevice switches the microphone to the device with this label
// or, when label is empty, this id; the meeting prefers the label. It reports
// whether the meeting switched. The meeting answers only once device labels
// are known (after permission), so bound ctx.
func (a *API) SetAudioInputDevice(ctx context.Context, label, id string) (bool, error) {
	return a.setDevice(ctx, "setAudioInputDevice", label, id)
}

// SetAudioOutputDevice switches the speaker; see SetAudioInputDevice.
func (a *API) SetAudioOutputDevice(ctx context.Context, label, id string) (bool, error) {
	return a.setDevice(ctx, "setAudioOutputDevice", label, id)
}

// SetVideoInputDevice switches the camera; see SetAudioInputDevice.
func (a *API) SetVideoInputDevice(ctx context.Context, label, id string) (bool, error) {
	return a.setDevice(ctx, "setVideoInputDevice", label, id)
}

// SetDevice switches to d, choosing the method by its kind.
func (a *API) SetDevice(ctx context.Context, d Device) (bool, error) {
	switch d.Kind {
	case AudioInput:
		return a.SetAudioInputDevice(ctx, d.Label, d.DeviceID)
	case AudioOutput:
		return a.SetAudioOutputDevice(ctx, d.Label, d.DeviceID)
	case VideoInput:
		return a.SetVideoInputDevice(ctx, d.Label, d.DeviceID)
	}
	return false, &ArgumentError{Command: "setDevice", Param: "kind", Err: oneOf("device kind", string(d.Kind), "audioinput", "audiooutput", "videoinput")}
}

// setDevice calls one of the set*Device methods.
func (a *API) setDevice(ctx context.Context, method, label, id string) (bool, error) {
	if label == "" && id == "" {
		return false, errNoDevice
	}
	return request[bool](ctx, a, method, jsonvalue.Bool[bool], label, id)
}

// IsDeviceChangeAvailable tells whether input or output devices (or, with
// AnyDirection, devices at all) can be changed.
func (a *API) IsDeviceChangeAvailable(ctx context.Context, direction DeviceDirection) (bool, error) {
	if direction == AnyDirection {
		return request[bool](ctx, a, "isDeviceChangeAvailable", jsonvalue.Bool[bool])
	}
	if err := oneOf("device direction", string(direction), "input", "output"); err != nil {
		return false, &ArgumentError{Command: "isDeviceChangeAvailable", Param: "direction", Err: err}
	}
	return request[bool](ctx, a, "isDeviceChangeAvailable", jsonvalue.Bool[bool], direction)
}

// IsDeviceListAvailable always reports true.
//
// Deprecated: the External API answers true whatever the devices; use
// AvailableDevices.
func (a *API) IsDeviceListAvailable(ctx context.Context) (bool, error) {
	return request[bool](ctx, a, "isDeviceListAvailable", jsonvalue.Bool[bool])
}
