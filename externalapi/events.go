package externalapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/meetbridge/meetbridge/externalapi/internal/jsonvalue"
)

// Event is implemented by every event type; EventName returns the name the
// External API emits it under, such as "participantJoined".
type Event interface {
	EventName() string
}

// Unsubscribe stops a subscription. Calling it more than once is harmless.
type Unsubscribe func()

// DecodeError reports an event payload that did not decode into its type.
// The handlers of that event are skipped for it; the page keeps running.
type DecodeError struct {
	// Event is the event's public name.
	Event string
	// Payload is the payload as received, as JSON.
	Payload []byte
	// Err says what was wrong.
	Err error
}

// Error implements error.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("externalapi: %s: malformed payload %.120s: %v", e.Event, e.Payload, e.Err)
}

// Unwrap returns the underlying decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }

// HandlerPanicError reports a handler that panicked; the panic is recovered so
// that the WebAssembly program survives.
type HandlerPanicError struct {
	// Event is the event's public name.
	Event string
	// Value is what the handler panicked with.
	Value any
}

// Error implements error.
func (e *HandlerPanicError) Error() string {
	return fmt.Sprintf("externalapi: handler of %s panicked: %v", e.Event, e.Value)
}

// errNotObject is the reason given for a payload that is not a JSON object.
var errNotObject = errors.New("payload is not an object")

// DecodeEvent decodes a payload of the named event into its Go type. The
// payload is the listener's argument as JSON; it must be an object.
func DecodeEvent(name string, payload []byte) (Event, error) {
	e, ok, err := decodeNamedEvent(name, payload, false)
	if !ok {
		return nil, fmt.Errorf("externalapi: unknown event %q", name)
	}
	if err != nil {
		return nil, &DecodeError{Event: name, Payload: payload, Err: err}
	}
	return e, nil
}

// decodeInto reads an event payload, which must be a JSON object, into e
// with the event's generated reader and decode (jsonvalue.Decode, or
// jsonvalue.DecodeStringified for a backend's payloads); see objectPayload.
func decodeInto[E any](payload []byte, read jsonvalue.Reader[E], decode func([]byte, *E, jsonvalue.Reader[E]) error) (E, error) {
	var e E
	p, err := objectPayload(payload)
	if err == nil && p != nil {
		err = decode(p, &e, read)
	}
	return e, err
}

// objectPayload returns the event payload to decode, which must be a JSON
// object, or nil for a missing payload (the parent library's local events
// carry none), which decodes as an empty object, leaving the event zero. It
// keeps what does not depend on the event's type out of the generic
// functions, which are compiled once per event type, and takes no callback,
// so that they need no closure of their own.
func objectPayload(payload []byte) ([]byte, error) {
	p := bytes.TrimSpace(payload)
	if len(p) == 0 || bytes.Equal(p, []byte("null")) {
		return nil, nil
	}
	if p[0] != '{' {
		return nil, errNotObject
	}
	return p, nil
}

// decodeEvent is decodeInto for the event table of DecodeEvent, whose
// payloads may come from anywhere, so are validated; stringified, for
// tests, decodes as a subscription does.
func decodeEvent[E Event](payload []byte, read jsonvalue.Reader[E], stringified bool) (Event, error) {
	decode := jsonvalue.Decode[E]
	if stringified {
		decode = jsonvalue.DecodeStringified[E]
	}
	e, err := decodeInto(payload, read, decode)
	if err != nil {
		return nil, err
	}
	return e, nil
}

// handler is one subscription to an event.
type handler struct {
	id      uint64
	deliver func(payload []byte) error
}

// errorHandler is one subscription to errors.
type errorHandler struct {
	id uint64
	fn func(error)
}

// subscribe registers a typed handler for the named event.
func subscribe[E Event](a *API, name string, fn func(E), read jsonvalue.Reader[E]) (Unsubscribe, error) {
	if fn == nil {
		return nil, nilHandler(name)
	}
	return a.addHandler(name, func(payload []byte) error {
		var e E
		p, err := objectPayload(payload)
		if err == nil && p != nil {
			err = jsonvalue.DecodeStringified(p, &e, read)
		}
		if err != nil {
			return err
		}
		fn(e)
		return nil
	})
}

// nilHandler is the error of a subscription without a handler.
func nilHandler(event string) error {
	return fmt.Errorf("externalapi: nil handler for %s", event)
}

// OnRaw calls fn with the JSON payload of every event of the given public
// name, including names this package does not know. Like every On method, it
// returns an error wrapping ErrUnsupported for an event that the loaded
// library does not list in getSupportedEvents.
func (a *API) OnRaw(name string, fn func(payload json.RawMessage)) (Unsubscribe, error) {
	if fn == nil || name == "" {
		return nil, errors.New("externalapi: OnRaw needs an event name and a handler")
	}
	return a.addHandler(name, func(payload []byte) error {
		fn(json.RawMessage(payload))
		return nil
	})
}

// OnError calls fn with every error that happens outside a method call: a
// malformed event payload or a panicking handler. Without any error handler
// such errors are logged.
func (a *API) OnError(fn func(error)) (Unsubscribe, error) {
	if fn == nil {
		return nil, errors.New("externalapi: nil error handler")
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.disposed {
		return nil, ErrDisposed
	}
	a.nextID++
	id := a.nextID
	a.onError = append(a.onError, errorHandler{id: id, fn: fn})
	return a.once(func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		for i, h := range a.onError {
			if h.id == id {
				a.onError = append(a.onError[:i:i], a.onError[i+1:]...)
				return
			}
		}
	}), nil
}

// addHandler registers deliver for the named event, attaching the JavaScript
// listener when it is the event's first handler. When the loaded library only
// has the event's renamed form, the handler listens to that one; when it has
// neither, the error wraps ErrUnsupported.
func (a *API) addHandler(name string, deliver func([]byte) error) (Unsubscribe, error) {
	name, err := a.support.eventFor(name)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.disposed {
		return nil, ErrDisposed
	}
	if len(a.handlers[name]) == 0 {
		if err := a.backend.listen(name); err != nil {
			return nil, fmt.Errorf("externalapi: listening to %s: %w", name, err)
		}
	}
	a.nextID++
	id := a.nextID
	a.handlers[name] = append(a.handlers[name], handler{id: id, deliver: deliver})
	return a.once(func() { a.removeHandler(name, id) }), nil
}

// removeHandler drops one handler, detaching the JavaScript listener when it
// was the event's last.
func (a *API) removeHandler(name string, id uint64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	hs := a.handlers[name]
	for i, h := range hs {
		if h.id != id {
			continue
		}
		hs = append(hs[:i:i], hs[i+1:]...)
		if len(hs) > 0 {
			a.handlers[name] = hs
			return
		}
		delete(a.handlers, name)
		if err := a.backend.unlisten(name); err != nil {
			a.reportLocked(fmt.Errorf("externalapi: detaching %s: %w", name, err))
		}
		return
	}
}

// RemoveAllListeners drops every handler of the named event, like the
// External API's removeEventListener.
func (a *API) RemoveAllListeners(name string) error {
	if source, err := a.support.eventFor(name); err == nil {
		name = source
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.disposed {
		return ErrDisposed
	}
	if len(a.handlers[name]) == 0 {
		return nil
	}
	delete(a.handlers, name)
	return a.backend.unlisten(name)
}

// once wraps fn so that it runs at most once.
func (a *API) once(fn func()) Unsubscribe {
	var o sync.Once
	return func() { o.Do(fn) }
}

// receive queues an event payload from the backend for the dispatcher. It
// never blocks, so the backend may call it from a JavaScript callback.
func (a *API) receive(name string, payload []byte) {
	if name == "ready" {
		a.isReady.Do(func() { close(a.ready) })
	}
	a.queue.push(queuedEvent{name: name, payload: payload})
}

// dispatchEvents runs the handlers of queued events, one at a time and in
// order, until the queue is closed.
func (a *API) dispatchEvents() {
	defer a.dispatch.Done()
	for {
		ev, ok := a.queue.pop()
		if !ok {
			return
		}
		a.mu.Lock()
		hs := a.handlers[ev.name]
		a.mu.Unlock()
		for _, h := range hs {
			if err := a.run(ev.name, h, ev.payload); err != nil {
				a.report(err)
			}
		}
	}
}

// run delivers one payload to one handler, turning a decoding failure or a
// panic into an error.
func (a *API) run(name string, h handler, payload []byte) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &HandlerPanicError{Event: name, Value: v}
		}
	}()
	if err := h.deliver(payload); err != nil {
		return &DecodeError{Event: name, Payload: payload, Err: err}
	}
	return nil
}

// report hands err to the error handlers, or logs it when there are none.
func (a *API) report(err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.reportLocked(err)
}

// reportLocked is report with a.mu held. Error handlers run outside the lock
// on their own goroutine so they may call back into the API.
func (a *API) reportLocked(err error) {
	if len(a.onError) == 0 {
		logError(err)
		return
	}
	hs := append([]errorHandler(nil), a.onError...)
	go func() {
		for _, h := range hs {
			func() {
				defer func() {
					if v := recover(); v != nil {
						logError(fmt.Errorf("externalapi: error handler panicked: %v (reporting %v)", v, err))
					}
				}()
				h.fn(err)
			}()
		}
	}()
}

// queuedEvent is an event waiting for its handlers.
type queuedEvent struct {
	name    string
	payload []byte
}

// eventQueue is an unbounded FIFO between the JavaScript callbacks, which
// must not block, and the dispatcher goroutine.
type eventQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []queuedEvent
	closed bool
}

// newEventQueue returns an empty open queue.
func newEventQueue() *eventQueue {
	q := &eventQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// push appends ev unless the queue is closed.
func (q *eventQueue) push(ev queuedEvent) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	q.items = append(q.items, ev)
	q.cond.Signal()
}

// pop waits for the next event; ok is false once the queue is closed.
func (q *eventQueue) pop() (ev queuedEvent, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed {
		return queuedEvent{}, false
	}
	ev = q.items[0]
	q.items[0] = queuedEvent{}
	q.items = q.items[1:]
	return ev, true
}

// close drops pending events and wakes the dispatcher.
func (q *eventQueue) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.items = nil
	q.cond.Broadcast()
}

// logError writes err to standard error (the browser console in
// WebAssembly); package log's time formatting would add 30 KB to the module.
func logError(err error) {
	fmt.Fprintln(os.Stderr, err)
}
