package app

import (
	"slices"

	"github.com/meetbridge/meetbridge/externalapi"
)

// Alert is a problem the moderator must see: a camera or microphone
// failure, an error the meeting reported.
type Alert struct {
	// Kind is "camera", "microphone" or "meeting".
	Kind string
	Text string
}

// Alerts are the problems reported, newest last.
type Alerts []Alert

// maxAlerts bounds the alerts kept.
const maxAlerts = 20

// Apply returns the alerts after the event.
func (as Alerts) Apply(e externalapi.Event) Alerts {
	var a Alert
	switch e := e.(type) {
	case externalapi.CameraError:
		a = Alert{Kind: "camera", Text: "Camera failed: " + nameOr(e.Message, e.Type)}
	case externalapi.MicError:
		a = Alert{Kind: "microphone", Text: "Microphone failed: " + nameOr(e.Message, e.Type)}
	case externalapi.ErrorOccurred:
		a = Alert{Kind: "meeting", Text: "The meeting reports an error: " + nameOr(e.Error.Message, e.Error.Name)}
	case alertEvent:
		a = Alert{Kind: "console", Text: describe(e.err)}
	default:
		return as
	}
	out := append(slices.Clip(as), a)
	if len(out) > maxAlerts {
		out = out[len(out)-maxAlerts:]
	}
	return out
}

// Dismiss returns the alerts without the i-th.
func (as Alerts) Dismiss(i int) Alerts {
	if i < 0 || i >= len(as) {
		return as
	}
	return slices.Delete(slices.Clone(as), i, i+1)
}
