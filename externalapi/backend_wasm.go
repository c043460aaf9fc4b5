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
	listeners map[string]safejs.Value // event -> bound listener passed to on()
}

// backends routes events from the one shared listener function to the
// backend they belong to. Like the promise settler, the function is bound to
// a backend id and an event name per listener, so disposing a meeting only
// has to remove its listeners: there is no per-meeting function to release.
var backends struct {
	once     sync.Once
	dispatch safejs.Value
	err      error
	mu       sync.Mutex
	next     int
	live     map[int]*jsBackend
}

// dispatchFunc returns the shared dispatch(backendID, event, payload) function.
func dispatchFunc() (safejs.Value, error) {
	backends.once.Do(func() {
		backends.live = make(map[int]*jsBackend)
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
	if len(args) < 2 {
		return nil
	}
	id, err := args[0].Int()
	if err != nil {
		return nil
	}
	name, err := args[1].String()
	if err != nil {
		return nil
	}
	backends.mu.Lock()
	b := backends.live[id]
	backends.mu.Unlock()
	if b == nil {
		return nil
	}
	var payload []byte
	if len(args) > 2 {
		if payload, err = fromJS(args[2]); err != nil {
			payload = []byte(fmt.Sprintf("%q", err.Error()))
		}
	}
	b.receive(name, payload)
	return nil
}

// newJSBackend registers a backend for obj whose events go to receive.
func newJSBackend(obj safejs.Value, receive func(string, []byte)) (*jsBackend, error) {
	if _, err := dispatchFunc(); err != nil {
		return nil, err
	}
	b := &jsBackend{obj: obj, receive: receive, listeners: make(map[string]safejs.Value)}
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
	l, err := dispatch.Call("bind", nil, b.id, event)
	if err != nil {
		return err
	}
	if _, err := b.obj.Call("on", event, l); err != nil {
		return err
	}
	b.mu.Lock()
	b.listeners[event] = l
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
	_, err := b.obj.Call("removeListener", event, l)
	return err
}

// dispose implements backend.
func (b *jsBackend) dispose() error {
	backends.mu.Lock()
	delete(backends.live, b.id)
	backends.mu.Unlock()
	if _, err := b.obj.Call("dispose"); err != nil {
		return fmt.Errorf("externalapi: dispose: %w", err)
	}
	return nil
}

// liveBackends counts backends not yet disposed, for tests.
func liveBackends() int {
	backends.mu.Lock()
	defer backends.mu.Unlock()
	return len(backends.live)
}
