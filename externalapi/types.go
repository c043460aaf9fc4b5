package externalapi

import (
	"fmt"
	"math"
)

// ParticipantID is a participant's id in the meeting, as events report it.
type ParticipantID string

// RoomID is a breakout room's id, as BreakoutRoomsUpdated reports it.
type RoomID string

// MediaType names audio or video in moderation and mute commands.
type MediaType string

// The media types.
const (
	Audio MediaType = "audio"
	Video MediaType = "video"
)

// Validate reports whether m is audio or video.
func (m MediaType) Validate() error {
	return oneOf("media type", string(m), "audio", "video")
}

// VideoType tells a participant's camera from their shared screen.
type VideoType string

// The video types.
const (
	CameraVideo  VideoType = "camera"
	DesktopVideo VideoType = "desktop"
)

// Validate reports whether v is camera or desktop.
func (v VideoType) Validate() error {
	return oneOf("video type", string(v), "camera", "desktop")
}

// FacingMode selects the front (user) or back (environment) camera.
type FacingMode string

// The facing modes.
const (
	FacingUser        FacingMode = "user"
	FacingEnvironment FacingMode = "environment"
)

// Validate reports whether f is user or environment.
func (f FacingMode) Validate() error {
	return oneOf("facing mode", string(f), "user", "environment")
}

// BlurType is the strength of the background blur.
type BlurType string

// The blur types.
const (
	SlightBlur BlurType = "slight-blur"
	Blur       BlurType = "blur"
	NoBlur     BlurType = "none"
)

// Validate reports whether b is slight-blur, blur or none.
func (b BlurType) Validate() error {
	return oneOf("blur type", string(b), "slight-blur", "blur", "none")
}

// RecordingMode is what StartRecording and StopRecording act on.
type RecordingMode string

// The recording modes.
const (
	RecordLocal  RecordingMode = "local"
	RecordFile   RecordingMode = "file"
	RecordStream RecordingMode = "stream"
)

// Validate reports whether r is local, file or stream.
func (r RecordingMode) Validate() error {
	return oneOf("recording mode", string(r), "local", "file", "stream")
}

// Role is a participant's role in the conference.
type Role string

// The roles the meeting reports.
const (
	Moderator   Role = "moderator"
	Participant Role = "participant"
	Visitor     Role = "visitor"
	None        Role = "none"
)

// WhiteboardStatus is the state WhiteboardStatusChanged reports.
type WhiteboardStatus string

// The whiteboard states.
const (
	WhiteboardInstantiated WhiteboardStatus = "INSTANTIATED"
	WhiteboardShown        WhiteboardStatus = "SHOWN"
	WhiteboardHidden       WhiteboardStatus = "HIDDEN"
	WhiteboardReset        WhiteboardStatus = "RESET"
	WhiteboardForbidden    WhiteboardStatus = "FORBIDDEN"
)

// Volume is a playback volume from 0 (silent) to 1 (full).
type Volume float64

// Validate reports whether v lies in 0..1.
func (v Volume) Validate() error {
	f := float64(v)
	if math.IsNaN(f) || f < 0 || f > 1 {
		return fmt.Errorf("volume %v is outside 0..1", f)
	}
	return nil
}

// Pixels is a length in CSS pixels; it must be positive.
type Pixels int

// Validate reports whether p is positive.
func (p Pixels) Validate() error {
	if p <= 0 {
		return fmt.Errorf("%d pixels is not a positive length", int(p))
	}
	return nil
}

// FrameHeight is a video quality given as a frame height, such as 180, 360,
// 720 or 1080.
type FrameHeight int

// Validate reports whether h is a positive height of at most 4320 lines.
func (h FrameHeight) Validate() error {
	if h <= 0 || h > 4320 {
		return fmt.Errorf("frame height %d is outside 1..4320", int(h))
	}
	return nil
}

// Bandwidth is an assumed bandwidth in bits per second.
type Bandwidth int64

// EstimateBandwidth lets the meeting estimate the bandwidth itself.
const EstimateBandwidth Bandwidth = -1

// Validate reports whether b is EstimateBandwidth or not negative.
func (b Bandwidth) Validate() error {
	if b < EstimateBandwidth {
		return fmt.Errorf("bandwidth %d is negative (use EstimateBandwidth)", int64(b))
	}
	return nil
}

// ImageDataURL is an image as a base64 data URL ("data:image/png;base64,...").
type ImageDataURL string

// Validate reports whether u is a base64 image data URL.
func (u ImageDataURL) Validate() error {
	const prefix = "data:image/"
	s := string(u)
	if len(s) < len(prefix) || s[:len(prefix)] != prefix {
		return fmt.Errorf("image %.24q is not a data:image/ URL", s)
	}
	return nil
}

// oneOf reports an error unless value is one of allowed.
func oneOf(what, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return fmt.Errorf("unknown %s %q (want one of %q)", what, value, allowed)
}
