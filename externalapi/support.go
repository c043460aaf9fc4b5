package externalapi

import (
	"errors"
	"fmt"
)

// ErrUnsupported is wrapped by the error of a command, or of a subscription to
// an event, that the loaded parent library does not have. Its executeCommand
// would log "Not supported command name." and drop the command; an event it
// does not map never fires.
var ErrUnsupported = errors.New("not supported by the loaded External API library")

// renamed pairs features renamed by jitsi-meet: each name maps to its other
// name. setAudioOnly became setLowBandwidthMode (and audioOnlyChanged became
// lowBandwidthModeChanged) after July 2026. The payloads and arguments are the
// same on both sides of the rename.
var renamed = map[string]string{
	"setAudioOnly":            "setLowBandwidthMode",
	"setLowBandwidthMode":     "setAudioOnly",
	"audioOnlyChanged":        "lowBandwidthModeChanged",
	"lowBandwidthModeChanged": "audioOnlyChanged",
}

// support is what the loaded library says it supports. A nil set means
// unknown: the library has no getSupportedCommands (or getSupportedEvents), or
// it did not answer with a list of names; then everything is allowed.
type support struct {
	commands map[string]bool
	events   map[string]bool
}

// learnSupport asks the library, once at creation, which commands and events
// it supports.
func (a *API) learnSupport() {
	a.support = support{
		commands: supportedSet(a, "getSupportedCommands"),
		events:   supportedSet(a, "getSupportedEvents"),
	}
}

// supportedSet calls a getSupported* method; nil means unknown.
func supportedSet(a *API, method string) map[string]bool {
	names, err := call[[]string](a, method, readSliceString)
	if err != nil || names == nil {
		return nil
	}
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return set
}

// commandFor returns the command name to send for name: name itself when the
// library supports it (or support is unknown), its other name when only that
// is supported, else an error wrapping ErrUnsupported.
func (s support) commandFor(name string) (string, error) {
	if s.commands == nil || s.commands[name] {
		return name, nil
	}
	if other, ok := renamed[name]; ok && s.commands[other] {
		return other, nil
	}
	return "", fmt.Errorf("externalapi: command %s: %w", name, ErrUnsupported)
}

// eventFor returns the event to listen to for name: name itself when the
// library supports it (or support is unknown, or the parent library emits it
// itself), its other name when only that is supported, else an error wrapping
// ErrUnsupported. A library that supports both names gets one listener, on
// name, so that a meeting that emits both does not call the handler twice.
func (s support) eventFor(name string) (string, error) {
	if s.events == nil || s.events[name] {
		return name, nil
	}
	if parentEvent(name) {
		return name, nil
	}
	if other, ok := renamed[name]; ok && s.events[other] {
		return other, nil
	}
	return "", fmt.Errorf("externalapi: event %s: %w", name, ErrUnsupported)
}

// SupportsCommand reports whether the loaded library accepts the
// executeCommand name, directly or under its renamed form; true when the
// library does not say.
func (a *API) SupportsCommand(name string) bool {
	_, err := a.support.commandFor(name)
	return err == nil
}

// SupportsEvent reports whether a subscription to the event name can fire,
// directly or through its renamed form; true when the library does not say.
func (a *API) SupportsEvent(name string) bool {
	_, err := a.support.eventFor(name)
	return err == nil
}
