//go:build js && wasm

package externalapi

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/hack-pad/safejs"
)

// Events reach Go in batches: one crossing from JavaScript into Go per batch
// instead of one per event, as a crossing costs microseconds (the Go runtime
// resumes and runs until every goroutine is idle).
//
// The batch is built from browser built-ins only, with no eval, new Function
// or script of ours, so that it works under the strictest
// Content-Security-Policy and with any provider's library:
//
//   - each listener id gets Array.prototype.push bound to the shared queue
//     and a marker object {"\u0000id": id}: the library calls it with the
//     payload and it appends the marker and the payload, in emit order;
//   - and setAttribute bound to a detached element that a MutationObserver
//     watches, and to an attribute name and value: setting an attribute
//     queues a mutation record even when the value stays the same, and the
//     payload, a third argument, is ignored (toggleAttribute would take it
//     as its force argument and stop toggling). Mutation records are delivered together at
//     the next microtask checkpoint, so the observer's callback, the one Go
//     function, runs once for every event queued in the current task, before
//     the next task: within the same turn of the event loop.
//
// The Go function reads the queue in one string, queue.map(JSON.stringify)
// joined by newlines (JSON.stringify writes no raw newline, so no JSON is
// parsed in Go to split it; see splitBatch), empties it and hands the events
// on in order.
type jsBatch struct {
	queue safejs.Value // the shared Array
	// stringify is JSON.stringify, given to Array.prototype.map: map's
	// extra arguments (the index and the array) land in its replacer and
	// space parameters, which ignore a number and an array.
	stringify safejs.Value
	push      safejs.Value // Array.prototype.push
	setAttr   safejs.Value // Element.prototype.setAttribute
	node      safejs.Value // the observed detached element
	observer  safejs.Value
}

// batchAttribute is the attribute set to wake the observer.
const batchAttribute = "data-meetbridge-batch"

// theBatch is created once and serves every meeting for the program's life.
var theBatch struct {
	once    sync.Once
	b       *jsBatch
	err     error
	flushes atomic.Int64 // crossings into Go, for tests and benchmarks
}

// eventBatch returns the shared batch, setting it up on first use.
func eventBatch() (*jsBatch, error) {
	theBatch.once.Do(func() { theBatch.b, theBatch.err = newJSBatch() })
	return theBatch.b, theBatch.err
}

// newJSBatch builds the queue, the observed element and the observer.
func newJSBatch() (*jsBatch, error) {
	g := safejs.Global()
	stringify, err := jsPath(jsJSON, "stringify")
	if err != nil {
		return nil, err
	}
	array, err := g.Get("Array")
	if err != nil {
		return nil, err
	}
	queue, err := array.New()
	if err != nil {
		return nil, err
	}
	push, err := jsPath(array, "prototype", "push")
	if err != nil {
		return nil, err
	}
	element, err := g.Get("Element")
	if err != nil {
		return nil, err
	}
	setAttr, err := jsPath(element, "prototype", "setAttribute")
	if err != nil {
		return nil, err
	}
	doc, err := g.Get("document")
	if err != nil {
		return nil, err
	}
	node, err := doc.Call("createElement", "meetbridge-batch")
	if err != nil {
		return nil, err
	}
	ctor, err := g.Get("MutationObserver")
	if err != nil || ctor.Type() != safejs.TypeFunction {
		return nil, fmt.Errorf("externalapi: this page has no MutationObserver for event delivery")
	}
	fn, err := safejs.FuncOf(onBatch)
	if err != nil {
		return nil, err
	}
	// Never released: it serves every meeting for the program's life.
	observer, err := ctor.New(fn.Value())
	if err != nil {
		return nil, err
	}
	opts, err := g.Get("Object")
	if err == nil {
		opts, err = opts.New()
	}
	if err == nil {
		err = opts.Set("attributes", true)
	}
	if err == nil {
		_, err = observer.Call("observe", node, opts)
	}
	if err != nil {
		return nil, err
	}
	return &jsBatch{stringify: stringify, queue: queue, push: push, setAttr: setAttr, node: node, observer: observer}, nil
}

// jsPath reads v.a.b...
func jsPath(v safejs.Value, keys ...string) (safejs.Value, error) {
	for _, k := range keys {
		var err error
		if v, err = v.Get(k); err != nil {
			return safejs.Value{}, err
		}
	}
	if v.Type() != safejs.TypeFunction {
		return safejs.Value{}, fmt.Errorf("externalapi: this page has no %v", keys)
	}
	return v, nil
}

// batchListener is the pair of functions attached to the library for one
// listener id.
type batchListener struct {
	id         int
	push, kick safejs.Value
}

// listener returns the functions for listener id.
func (b *jsBatch) listener(id int) (batchListener, error) {
	marker, err := safejs.MustGetGlobal("Object").New()
	if err != nil {
		return batchListener{}, err
	}
	if err := marker.Set(batchIDKey, id); err != nil {
		return batchListener{}, err
	}
	push, err := b.push.Call("bind", b.queue, marker)
	if err != nil {
		return batchListener{}, err
	}
	kick, err := b.setAttr.Call("bind", b.node, batchAttribute, "")
	if err != nil {
		return batchListener{}, err
	}
	return batchListener{id: id, push: push, kick: kick}, nil
}

// attach adds the listener's functions to obj for event: push first, so
// that the payload is queued before the observer is woken.
func (l batchListener) attach(obj safejs.Value, event string) error {
	if _, err := obj.Call("on", event, l.push); err != nil {
		return err
	}
	if _, err := obj.Call("on", event, l.kick); err != nil {
		_, _ = obj.Call("removeListener", event, l.push)
		return err
	}
	return nil
}

// detach removes the listener's functions from obj.
func (l batchListener) detach(obj safejs.Value, event string) error {
	_, err1 := obj.Call("removeListener", event, l.push)
	_, err2 := obj.Call("removeListener", event, l.kick)
	if err1 != nil {
		return err1
	}
	return err2
}

// onBatch is the MutationObserver callback; it never blocks and never panics.
func onBatch(safejs.Value, []safejs.Value) (ret any) {
	defer func() {
		if v := recover(); v != nil {
			ret = nil
		}
	}()
	b := theBatch.b
	if b == nil {
		return nil
	}
	theBatch.flushes.Add(1)
	events := b.read()
	// Empty the queue before the handlers run (on the dispatcher, once this
	// returns), so that events they cause form the next batch.
	_ = b.queue.Set("length", 0)
	deliverBatch(events)
	return nil
}

// read returns the queued events: with one string of the queue, or, when
// JSON.stringify throws (a payload that is not JSON), element by element, so
// that only the bad payload becomes a DecodeError.
func (b *jsBatch) read() []batchEvent {
	if lines, err := b.queue.Call("map", b.stringify); err == nil {
		if joined, err := lines.Call("join", "\n"); err == nil {
			if str, err := joined.String(); err == nil {
				if events, err := splitBatch([]byte(str)); err == nil {
					return events
				}
			}
		}
	}
	n, err := b.queue.Length()
	if err != nil {
		return nil
	}
	var events []batchEvent
	for i := 0; i < n; i++ {
		v, err := b.queue.Index(i)
		if err != nil {
			continue
		}
		if id, ok := markerID(v); ok {
			events = append(events, batchEvent{id: id})
			continue
		}
		if len(events) == 0 {
			continue
		}
		payload, err := fromJS(v)
		if err != nil {
			payload = []byte(fmt.Sprintf("%q", err.Error()))
		}
		events[len(events)-1].payload = payload
	}
	return events
}

// markerID reads a marker object's listener id.
func markerID(v safejs.Value) (int, bool) {
	if v.Type() != safejs.TypeObject {
		return 0, false
	}
	id, err := v.Get(batchIDKey)
	if err != nil || id.Type() != safejs.TypeNumber {
		return 0, false
	}
	n, err := id.Int()
	return n, err == nil
}
