package app

import (
	"net/url"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/meetbridge/meetbridge/externalapi"
)

// The stream services of the recording panel.
const (
	StreamYouTube = "youtube"
	StreamRTMP    = "rtmp"
)

// RecordingPanel starts and stops the file recording and the live stream,
// and shows the recording state and links the meeting reports. Start is
// enabled only while stopped, stop only while running.
type RecordingPanel struct {
	goapp.Compo

	// API is the meeting; nil until it exists.
	API *externalapi.API
	// State is as the events reported it.
	State Recording

	service string
	key     string
	err     string
}

// Render draws the panel.
func (r *RecordingPanel) Render() goapp.UI {
	off := r.API == nil
	var meetingErr goapp.UI
	if r.State.Error != "" {
		meetingErr = goapp.P().Class("error", "recording-error").Text("The meeting reports: " + r.State.Error)
	}
	var links goapp.UI
	if len(r.State.Links) > 0 {
		links = goapp.Ul().Class("recording-links").Body(
			goapp.Range(r.State.Links).Slice(func(i int) goapp.UI { return linkItem(r.State.Links[i].URL) }),
		)
	}
	return goapp.Section().Class("panel", "recording").Body(
		goapp.H3().Text("Recording"),
		goapp.P().Class("recording-status").Text(recordingStatus(r.State)),
		meetingErr,
		goapp.Div().Class("button-row").Body(
			button("start-recording", "Start recording", r.startFile).Disabled(off || r.State.File),
			button("stop-recording", "Stop recording", r.stop(externalapi.RecordFile)).Disabled(off || !r.State.File),
		),
		goapp.Div().Class("inline-form").Body(
			goapp.Select().ID("stream-service").Aria("label", "Stream service").OnChange(r.ValueTo(&r.service)).Body(
				goapp.Option().Value(StreamYouTube).Selected(r.service != StreamRTMP).Text("YouTube key"),
				goapp.Option().Value(StreamRTMP).Selected(r.service == StreamRTMP).Text("RTMP URL"),
			),
			goapp.Input().ID("stream-key").Type("text").Placeholder("Stream key").Aria("label", "Stream key").
				AutoComplete(false).Value(r.key).OnInput(r.ValueTo(&r.key)),
		),
		goapp.Div().Class("button-row").Body(
			button("start-stream", "Start stream", r.startStream).Disabled(off || r.State.Stream),
			button("stop-stream", "Stop stream", r.stop(externalapi.RecordStream)).Disabled(off || !r.State.Stream),
		),
		links,
		errorLine(r.err),
	)
}

// startFile starts recording to a file.
func (r *RecordingPanel) startFile(goapp.Context, goapp.Event) {
	r.err = describe(run(r.API, func(a *externalapi.API) error {
		return a.StartRecording(externalapi.RecordingOptions{Mode: externalapi.RecordFile})
	}))
}

// startStream starts the live stream with the key; the bridge refuses a
// stream without one.
func (r *RecordingPanel) startStream(goapp.Context, goapp.Event) {
	opts := streamOptions(r.service, r.key)
	r.err = describe(run(r.API, func(a *externalapi.API) error { return a.StartRecording(opts) }))
}

// stop returns the handler that stops the mode's recording.
func (r *RecordingPanel) stop(mode externalapi.RecordingMode) goapp.EventHandler {
	if mode == externalapi.RecordStream {
		return func(goapp.Context, goapp.Event) {
			r.err = describe(run(r.API, func(a *externalapi.API) error { return a.StopRecording(externalapi.RecordStream, false) }))
		}
	}
	return func(goapp.Context, goapp.Event) {
		r.err = describe(run(r.API, func(a *externalapi.API) error { return a.StopRecording(externalapi.RecordFile, false) }))
	}
}

// streamOptions are the options of a stream to the service with the key.
func streamOptions(service, key string) externalapi.RecordingOptions {
	key = strings.TrimSpace(key)
	opts := externalapi.RecordingOptions{Mode: externalapi.RecordStream}
	if service == StreamRTMP {
		opts.RTMPStreamKey = key
	} else {
		opts.YouTubeStreamKey = key
	}
	return opts
}

// recordingStatus describes what records.
func recordingStatus(s Recording) string {
	onOff := func(b bool) string {
		if b {
			return "on"
		}
		return "off"
	}
	line := "Recording " + onOff(s.File) + " · stream " + onOff(s.Stream)
	if s.Local {
		line += " · local recording on"
	}
	if s.Transcription {
		line += " · transcribing"
	}
	return line
}

// linkItem shows a recording link, as a link only when it is http(s).
func linkItem(link string) goapp.UI {
	if u, err := url.Parse(link); err == nil && (u.Scheme == "https" || u.Scheme == "http") {
		return goapp.Li().Body(goapp.A().Href(link).Target("_blank").Rel("noopener noreferrer").Text(link))
	}
	return goapp.Li().Text(link)
}
