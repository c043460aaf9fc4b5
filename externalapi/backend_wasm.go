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
	listeners map[string]batchListener // event -> the listeners passed to on()
}

// route is where the events of one listener id go.
type route struct {
	backend *jsBackend
	event   string
}

// backends routes the events of the shared batch (see batch_wasm.go) to the
// backend and event they belong to, by listener id: reading a number is
// cheaper than reading the event name.
var backends struct {
	mu     sync.Mutex
	next   int
	live   map[int]*jsBackend
	routes map[int]route
}

// deliverBatch hands the events of one batch, in order, to their backends.
// An id without a route (a listener dropped since) is skipped.
func deliverBatch(events []batchEvent) {
	for _, ev := range events {
		backends.mu.Lock()
		r, ok := backends.routes[ev.id]
		backends.mu.Unlock()
		if ok {
			r.backend.receive(r.event, ev.payload)
		}
	}
}

// newJSBackend registers a backend for obj whose events go to receive.
func newJSBackend(obj safejs.Value, receive func(string, []byte)) (*jsBackend, error) {
	if _, err := eventBatch(); err != nil {
		return nil, err
	}
	b := &jsBackend{obj: obj, receive: receive, listeners: make(map[string]batchListener)}
	backends.mu.Lock()
	if backends.live == nil {
		backends.live = make(map[int]*jsBackend)
		backends.routes = make(map[int]route)
	}
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

// listen implements backend: it attaches the batch's two listeners for a
// new listener id.
func (b *jsBackend) listen(event string) error {
	batch, err := eventBatch()
	if err != nil {
		return err
	}
	backends.mu.Lock()
	backends.next++
	id := backends.next
	backends.routes[id] = route{backend: b, event: event}
	backends.mu.Unlock()
	l, err := batch.listener(id)
	if err == nil {
		err = l.attach(b.obj, event)
	}
	if err != nil {
		dropRoute(id)
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
	dropRoute(l.id)
	return l.detach(b.obj, event)
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
