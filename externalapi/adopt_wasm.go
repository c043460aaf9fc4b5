//go:build js && wasm

package externalapi

import (
	"context"
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"

	"github.com/meetbridge/meetbridge/internal/jsutil"
)

// Reasons Adopt fails.
var (
	// ErrNoEarlyStart means the page has no early meeting: the early start
	// script (EarlyStartScript) did not run.
	ErrNoEarlyStart = errors.New("externalapi: the page started no meeting early (no window." + EarlyStartGlobal + ": is the early start script on the page?)")
	// ErrEarlyStartFailed is wrapped by the error of an early start that
	// failed in the page: its data was missing or not JSON, the library
	// did not load or its constructor threw. The error says which.
	ErrEarlyStartFailed = errors.New("the page's early start failed")
	// ErrAdopted means the early meeting was adopted already.
	ErrAdopted = errors.New("externalapi: the early meeting was adopted already")
)

// AdoptOptions are what Adopt needs besides the provider.
type AdoptOptions struct {
	// OnLoad is called when the meeting is ready (the ready event), as
	// Options.OnLoad is by New: once, whether the meeting became ready
	// before Adopt or after.
	OnLoad func()
	// Setup, when set, runs with the API before the events recorded
	// since the early start are delivered: subscribe there to see them
	// (handlers subscribed later see only later events). It should only
	// subscribe: if it waits on the page (a promise getter, a channel
	// that a handler fills), events the meeting emits meanwhile reach only
	// the handlers already subscribed, as with New. An error disposes the
	// meeting and is returned.
	Setup func(*API) error
}

// Adopt takes over the meeting that the page started early (see EarlyStart
// and EarlyStartScript) and returns its API, the same as New returns: it
// reads what the library supports, listens in batches and disposes the
// same way. It waits, for at most ctx, until the page has created the
// meeting (the library may still be loading), then, within one JavaScript
// turn, removes the script's recorders, runs o.Setup and hands the recorded
// events to the handlers in the order the meeting emitted them, followed by
// every later event: none is lost or delivered twice. p must name the
// domain and global that the page's data names.
func Adopt(ctx context.Context, p Provider, o AdoptOptions) (*API, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	state, err := safejs.Global().Get(EarlyStartGlobal)
	if err != nil || state.Type() != safejs.TypeObject {
		return nil, ErrNoEarlyStart
	}
	if isAdopted(state) {
		return nil, ErrAdopted
	}
	obj, err := awaitEarlyMeeting(ctx, state)
	if err != nil {
		return nil, err
	}
	if isAdopted(state) { // by a concurrent Adopt
		return nil, ErrAdopted
	}
	domain, global := jsStringOf(state, "domain"), jsStringOf(state, "global")
	if domain != p.Domain || global != p.Global {
		return nil, fmt.Errorf("externalapi: the page started a meeting of %s at %q, not of %s at %q", global, domain, p.Global, p.Domain)
	}

	// From here to release, Go does not yield to the page unless Setup
	// waits: no event can be emitted in between.
	a := newAPI(p)
	hold := newEventHold(a.receive)
	if err := a.bind(obj, hold.receive, o.OnLoad); err != nil {
		return nil, err
	}
	list, err := state.Call("adopt")
	if err != nil {
		_ = a.Dispose()
		return nil, fmt.Errorf("externalapi: adopting the early meeting: %w", err)
	}
	recorded := readRecorded(list)
	if o.Setup != nil {
		if err := o.Setup(a); err != nil {
			_ = a.Dispose()
			return nil, err
		}
	}
	hold.release(recorded)
	return a, nil
}

// awaitEarlyMeeting waits for the page's early meeting object.
func awaitEarlyMeeting(ctx context.Context, state safejs.Value) (safejs.Value, error) {
	created, err := state.Get("created")
	if err != nil {
		return safejs.Value{}, err
	}
	obj, err := jsutil.Await(ctx, created)
	var rejected *jsutil.RejectedError
	switch {
	case errors.As(err, &rejected):
		reason := jsStringOf(state, "error")
		if reason == "" {
			reason = rejected.Message
		}
		return safejs.Value{}, fmt.Errorf("externalapi: %w: %s", ErrEarlyStartFailed, reason)
	case err != nil:
		return safejs.Value{}, fmt.Errorf("externalapi: waiting for the early meeting: %w", err)
	case obj.Type() != safejs.TypeObject:
		return safejs.Value{}, fmt.Errorf("externalapi: %w: it made no External API object", ErrEarlyStartFailed)
	}
	return obj, nil
}

// readRecorded reads the early start's recorded events, a flat array
// [name, payload, ...]. A payload that is not JSON becomes a JSON string of
// the reason, which its handlers report as a DecodeError.
func readRecorded(list safejs.Value) []queuedEvent {
	n, err := list.Length()
	if err != nil {
		return nil
	}
	events := make([]queuedEvent, 0, n/2)
	for i := 0; i+1 < n; i += 2 {
		name, err := list.Index(i)
		if err != nil {
			continue
		}
		s, err := name.String()
		if err != nil {
			continue
		}
		v, err := list.Index(i + 1)
		if err != nil {
			continue
		}
		var payload []byte
		if !v.IsUndefined() {
			if payload, err = fromJS(v); err != nil {
				payload = []byte(fmt.Sprintf("%q", err.Error()))
			}
		}
		events = append(events, queuedEvent{name: s, payload: payload})
	}
	return events
}

// isAdopted reports whether the early meeting was adopted.
func isAdopted(state safejs.Value) bool {
	v, err := state.Get("adopted")
	if err != nil {
		return false
	}
	b, err := v.Truthy()
	return err == nil && b
}

// jsStringOf reads a string property; anything else is "".
func jsStringOf(v safejs.Value, key string) string {
	p, err := v.Get(key)
	if err != nil || p.Type() != safejs.TypeString {
		return ""
	}
	s, _ := p.String()
	return s
}
