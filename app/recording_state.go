package app

import (
	"slices"

	"github.com/meetbridge/meetbridge/externalapi"
)

// RecordingLink is a finished recording's link.
type RecordingLink struct {
	URL string
	// TTL is the link's time to live as the meeting reports it (its unit
	// is the deployment's); zero when not given.
	TTL int64
}

// Recording is the recording and streaming state the meeting reported.
type Recording struct {
	// File, Stream and Local say which recordings run.
	File, Stream, Local bool
	// Transcription says whether the last status change included a
	// transcription.
	Transcription bool
	// Error is the meeting's last recording error, such as
	// "recording.failedToStart"; a later successful change clears it.
	Error string
	// Links are the finished recordings' links, oldest first.
	Links []RecordingLink
}

// On reports whether a recording of the mode runs.
func (r Recording) On(mode externalapi.RecordingMode) bool {
	switch mode {
	case externalapi.RecordFile:
		return r.File
	case externalapi.RecordStream:
		return r.Stream
	case externalapi.RecordLocal:
		return r.Local
	}
	return false
}

// Apply returns the state after the event.
func (r Recording) Apply(e externalapi.Event) Recording {
	switch e := e.(type) {
	case externalapi.RecordingStatusChanged:
		switch e.Mode {
		case externalapi.RecordFile:
			r.File = e.On
		case externalapi.RecordStream:
			r.Stream = e.On
		case externalapi.RecordLocal:
			r.Local = e.On
		}
		r.Transcription = e.Transcription && e.On
		r.Error = e.Error
	case externalapi.RecordingLinkAvailable:
		if e.Link == "" || slices.ContainsFunc(r.Links, func(l RecordingLink) bool { return l.URL == e.Link }) {
			return r
		}
		r.Links = append(slices.Clip(r.Links), RecordingLink{URL: e.Link, TTL: e.TTL})
	case externalapi.VideoConferenceLeft:
		links := r.Links
		r = Recording{Links: links}
	}
	return r
}
