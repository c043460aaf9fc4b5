//go:build js && wasm

package externalapi

import (
	"context"
	"fmt"
	"sync"

	"github.com/hack-pad/safejs"
)

// jsBackend drives a JitsiMeetExternalAPI (or compatible) object.
type jsBackend struct {
	id      int
	obj     safejs.Value
	receive func(event string, payload []byte)

	mu        sync.Mutex
	listeners map[string]boundListener // event -> listener passed to on()
}

// boundListener is the shared dispatch function bound to one listener id.
type boundListener struct {
	id int
	fn safejs.Value
}

// route is where the events of one listener id go.
type route struct {
	backend *jsBackend
	event   string
}

// backends routes events from the one shared listener function to the
// backend and event they belong to. Like the promise settler, the function
// is bound to a listener id per listener, so disposing a meeting only has to
// remove its listeners: there is no per-meeting function to release. The id
// is a number rather than the event name because reading a JS string into
// Go costs two more crossings per event.
var backends struct {
	once     sync.Once
	dispatch safejs.Value
	err      error
	mu       sync.Mutex
	next     int
	live     map[int]*jsBackend
	routes   map[int]route
}

// dispatchFunc returns the shared dispatch(listenerID, payload) function.
func dispatchFunc() (safejs.Value, error) {
	backends.once.Do(func() {
		backends.live = make(map[int]*jsBackend)
		backends.routes = make(map[int]route)
		fn, err := safejs.FuncOf(onEvent)
		if err != nil {
			backends.err = err
			return
		}
		// Never released: it serves every meeting for the program's life.
		backends.dispatch = fn.Value()
	})
	return backends.dispatch, backends.err
}

// onEvent is the JavaScript listener; it never blocks and never panics. A
// payload that cannot be read is handed on as invalid JSON, so that the
// API reports a DecodeError for it.
func onEvent(_ safejs.Value, args []safejs.Value) (ret any) {
	defer func() {
		if v := recover(); v != nil {
			ret = nil
		}
	}()
	if len(args) < 1 {
		return nil
	}
	id, err := args[0].Int()
	if err != nil {
		return nil
	}
	backends.mu.Lock()
	r, ok := backends.routes[id]
	backends.mu.Unlock()
	if !ok {
		return nil
	}
	var payload []byte
	if len(args) > 1 {
		if payload, err = fromJS(args[1]); err != nil {
			payload = []byte(fmt.Sprintf("%q", err.Error()))
		}
	}
	r.backend.receive(r.event, payload)
	return nil
}

// newJSBackend registers a backend for obj whose events go to receive.
func newJSBackend(obj safejs.Value, receive func(string, []byte)) (*jsBackend, error) {
	if _, err := dispatchFunc(); err != nil {
		return nil, err
	}
	b := &jsBackend{obj: obj, receive: receive, listeners: make(map[string]boundListener)}
	backends.mu.Lock()
	backends.next++
	b.id = backends.next
	backends.live[b.id] = b
	backends.mu.Unlock()
	return b, nil
}

// execute implements backend.
func (b *jsBackend) execute(name string, args []any) error {
	jsArgs, err := toJSArgs(args)
	if err != nil {
		return err
	}
	if _, err := b.obj.Call("executeCommand", append([]any{name}, jsArgs...)...); err != nil {
		return fmt.Errorf("externalapi: executeCommand %s: %w", name, err)
	}
	return nil
}

// call implements backend.
func (b *jsBackend) call(method string, args []any) ([]byte, error) {
	v, err := b.invoke(method, args)
	if err != nil {
		return nil, err
	}
	return fromJS(v)
}

// await implements backend.
func (b *jsBackend) await(ctx context.Context, method string, args []any) ([]byte, error) {
	p, err := b.invoke(method, args)
	if err != nil {
		return nil, err
	}
	return awaitPromise(ctx, method, p)
}

// invoke calls a method of the object, turning a throw into an error.
func (b *jsBackend) invoke(method string, args []any) (safejs.Value, error) {
	fn, err := b.obj.Get(method)
	if err != nil {
		return safejs.Value{}, err
	}
	if fn.Type() != safejs.TypeFunction {
		return safejs.Value{}, fmt.Errorf("externalapi: the loaded library has no method %s", method)
	}
	jsArgs, err := toJSArgs(args)
	if err != nil {
		return safejs.Value{}, err
	}
	v, err := b.obj.Call(method, jsArgs...)
	if err != nil {
		return safejs.Value{}, fmt.Errorf("externalapi: %s threw: %w", method, err)
	}
	return v, nil
}

// listen implements backend.
func (b *jsBackend) listen(event string) error {
	dispatch, err := dispatchFunc()
	if err != nil {
		return err
	}
	backends.mu.Lock()
	backends.next++
	id := backends.next
	backends.routes[id] = route{backend: b, event: event}
	backends.mu.Unlock()
	fn, err := dispatch.Call("bind", nil, id)
	if err == nil {
		_, err = b.obj.Call("on", event, fn)
	}
	if err != nil {
		dropRoute(id)
		return err
	}
	b.mu.Lock()
	b.listeners[event] = boundListener{id: id, fn: fn}
	b.mu.Unlock()
	return nil
}

// unlisten implements backend.
func (b *jsBackend) unlisten(event string) error {
	b.mu.Lock()
	l, ok := b.listeners[event]
	delete(b.listeners, event)
	b.mu.Unlock()
	if !ok {
		return nil
	}
	dropRoute(l.id)
	_, err := b.obj.Call("removeListener", event, l.fn)
	return err
}

// dropRoute forgets a listener id; a late event for it is ignored.
func dropRoute(id int) {
	backends.mu.Lock()
	delete(backends.routes, id)
	backends.mu.Unlock()
}

// dispose implements backend.
func (b *jsBackend) dispose() error {
	backends.mu.Lock()
	delete(backends.live, b.id)
	for id, r := range backends.routes {
		if r.backend == b {
			delete(backends.routes, id)
		}
	}
	backends.mu.Unlock()
	if _, err := b.obj.Call("dispose"); err != nil {
		return fmt.Errorf("externalapi: dispose: %w", err)
	}
	return nil
}

// liveBackends counts backends not yet disposed and listener routes not yet
// dropped, for tests.
func liveBackends() (meetings, routes int) {
	backends.mu.Lock()
	defer backends.mu.Unlock()
	return len(backends.live), len(backends.routes)
}
