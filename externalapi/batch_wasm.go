//go:build js && wasm

package externalapi

import (
	"fmt"
	"strconv"
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
// Content-Security-Policy and with any provider's library. Each listener id
// gets two functions, attached to the library for its event:
//
//   - push: Array.prototype.push bound to the shared queue and a marker
//     object {"\u0000id": id}: the library calls it with the payload and it
//     appends the marker and the payload, in emit order;
//   - kick: dispatchEvent bound to one EventTarget (a MessagePort, see
//     batch_trigger_wasm.go) and one reusable Event (an Event may be
//     dispatched again once its dispatch is over; the payload, an extra
//     argument, is ignored). It fires the flush trigger that Go armed on
//     that target, a listener added with {once: true}, so only the first
//     event after a flush does anything more than a dispatch to no
//     listener: the "flush pending" flag.
//
// When the trigger fires, one Go function, the flush, runs later (see
// batch_trigger_wasm.go for the two triggers and when each is armed). It
// reads the queue in one string, queue.map(JSON.stringify) joined by
// newlines (JSON.stringify writes no raw newline, so no JSON is parsed in Go
// to split it; see splitBatch), empties it, re-arms a trigger and hands the
// events on in order. Both triggers call the same flush of the same queue,
// so the order of events holds whichever fires.
type jsBatch struct {
	queue safejs.Value // the shared Array
	// stringify is JSON.stringify, given to Array.prototype.map: map's
	// extra arguments (the index and the array) land in its replacer and
	// space parameters, which ignore a number and an array.
	stringify safejs.Value
	push      safejs.Value // Array.prototype.push
	// encoder is a TextEncoder: the batch's string reaches Go as UTF-8
	// bytes in one copy (Value.String copies it twice more).
	encoder  safejs.Value
	kick     safejs.Value // dispatchEvent bound to the trigger target and event
	triggers triggers
}

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

// newJSBatch builds the queue, the triggers and the flush function.
func newJSBatch() (*jsBatch, error) {
	var s jsSteps
	b := &jsBatch{
		stringify: s.get(jsJSON, "stringify"),
		queue:     s.new(jsArray),
		push:      s.get(s.get(jsArray, "prototype"), "push"),
		encoder:   s.new(s.get(safejs.Global(), "TextEncoder")),
	}
	// Never released: it serves every meeting for the program's life, so no
	// trigger can ever call a released function.
	fn, err := safejs.FuncOf(onBatch)
	if s.err == nil {
		s.err = err
	}
	b.kick = b.triggers.init(&s, b.queue, fn.Value())
	if s.err != nil {
		return nil, fmt.Errorf("externalapi: this page cannot deliver events: %w", s.err)
	}
	return b, nil
}

// batchListener is the pair of functions attached to the library for one
// listener id.
type batchListener struct {
	id         int
	push, kick safejs.Value
}

// listener returns the functions for listener id.
func (b *jsBatch) listener(id int) (batchListener, error) {
	var s jsSteps
	marker := s.new(jsObject)
	s.set(marker, batchIDKey, id)
	push := s.call(b.push, "bind", b.queue, marker)
	return batchListener{id: id, push: push, kick: b.kick}, s.err
}

// attach adds the listener's functions to obj for event: push first, so
// that the payload is queued before the trigger fires. If one cannot be
// added, neither stays.
func (l batchListener) attach(obj safejs.Value, event string) error {
	for _, fn := range [...]safejs.Value{l.push, l.kick} {
		if _, err := obj.Call("on", event, fn); err != nil {
			_ = l.detach(obj, event)
			return err
		}
	}
	return nil
}

// detach removes the listener's functions from obj, both even if removing
// one fails; it returns the first failure.
func (l batchListener) detach(obj safejs.Value, event string) (err error) {
	for _, fn := range [...]safejs.Value{l.push, l.kick} {
		if _, e := obj.Call("removeListener", event, fn); err == nil {
			err = e
		}
	}
	return err
}

// onBatch is the flush, called by either trigger; it never blocks and never
// panics.
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
	// Arm the trigger for the next batch whatever happens here, or delivery
	// would stop for good.
	defer b.triggers.flushed()
	deliverBatch(b.take())
	return nil
}

// drainBatch hands the queued events to their dispatchers when a promise
// settles into Go (awaitPromise runs it through jsutil.AwaitAfter), before
// its value reaches the caller: a getter's answer that the page received
// after some events, each in a task of its own, would otherwise overtake
// those that wait for a task flush. The armed trigger is left as it is:
// events in the queue mean that it has fired (every kick follows a push),
// and its flush, finding the queue empty, only arms the next trigger.
func drainBatch() {
	b := theBatch.b
	if b == nil {
		return
	}
	if n, err := b.queue.Length(); err != nil || n == 0 {
		return
	}
	b.triggers.drained()
	deliverBatch(b.take())
}

// take returns the queued events and empties the queue, before the handlers
// run (on the dispatcher, once the flush returns), so that events they
// cause form the next batch. The queue is emptied even if reading panics.
func (b *jsBatch) take() []batchEvent {
	defer func() { _ = b.queue.Set("length", 0) }()
	return b.read()
}

// read returns the queued events: with one string of the queue, or, when
// JSON.stringify throws (a payload that is not JSON), element by element, so
// that only the bad payload becomes a DecodeError.
func (b *jsBatch) read() []batchEvent {
	if data, err := b.joined(); err == nil {
		if events, err := splitBatch(data); err == nil {
			return events
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
		line, err := fromJS(v)
		if err != nil {
			line = strconv.AppendQuote(nil, err.Error())
		}
		if id, ok := batchID(line); ok {
			events = append(events, batchEvent{id: id})
		} else if len(events) > 0 {
			events[len(events)-1].payload = line
		}
	}
	return events
}

// joined returns queue.map(JSON.stringify).join("\n") as UTF-8.
func (b *jsBatch) joined() ([]byte, error) {
	var s jsSteps
	encoded := s.call(b.encoder, "encode", s.call(s.call(b.queue, "map", b.stringify), "join", "\n"))
	if s.err != nil {
		return nil, s.err
	}
	n, err := encoded.Length()
	if err != nil {
		return nil, err
	}
	data := make([]byte, n)
	_, err = safejs.CopyBytesToGo(data, encoded)
	return data, err
}
