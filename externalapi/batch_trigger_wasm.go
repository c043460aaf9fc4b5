//go:build js && wasm

package externalapi

import (
	"fmt"
	"sync"
	"time"

	"github.com/hack-pad/safejs"
)

// The flush of a batch (see batch_wasm.go) is started by one of two
// triggers, each a browser built-in bound to its arguments, that Go arms
// after every flush as the one {once: true} listener of the kick's
// EventTarget:
//
//   - the microtask trigger is Element.prototype.setAttribute bound to a
//     detached element that a MutationObserver watches (and to an attribute
//     name and value; setting an attribute queues a mutation record even
//     when the value stays the same, and the Event given to the listener is
//     an ignored third argument, which toggleAttribute would take as its
//     force argument). The observer, whose callback is the flush, runs at
//     the next microtask checkpoint: the events of the task that fired the
//     trigger reach Go before the next task.
//   - the task trigger is MessagePort.prototype.postMessage bound to one
//     port of a MessageChannel whose other port's onmessage is the flush. Go
//     runs one task later, after the tasks already queued: in Chromium,
//     window messages (how a conference iframe sends its events) and port
//     messages share one task queue, so the events of a burst, each in its
//     own message task, reach Go in a few large batches instead of one
//     crossing each.
//
// The rule: a flush that comes within burstGap of the previous one means
// events are coming faster than a meeting emits them (tens a second), so the
// task trigger is armed; otherwise the microtask trigger. After burstGap
// without an event, a timer puts the microtask trigger back, so that once a
// burst is over, an event is again handled in the task that received it.
type triggers struct {
	// armMicrotask and armTask are addEventListener bound to the target,
	// the event type, their trigger and {once: true}; disarmTask is
	// removeEventListener bound to the same but the options.
	armMicrotask, armTask, disarmTask safejs.Value
	queue                             safejs.Value // the batch's queue
	// keep holds what only the browser would otherwise reference.
	keep []safejs.Value

	mu      sync.Mutex
	changed *sync.Cond // signalled when a trigger is armed
	armed   trigger    // the last trigger armed (it may have fired since)
	last    time.Time  // the last flush
	calm    *time.Timer
}

// trigger names the two triggers.
type trigger int

const (
	microtaskTrigger trigger = iota
	taskTrigger
)

// burstGap is the longest time between two flushes for which events count
// as a burst. Only tests change it.
var burstGap = 4 * time.Millisecond

// flushEventType is the type of the Event the kick dispatches.
const flushEventType = "meetbridge-flush"

// batchAttribute is the attribute set to wake the observer.
const batchAttribute = "data-meetbridge-batch"

// init builds both triggers around flush, arms the microtask trigger and
// returns the kick: dispatchEvent bound to the target and the event.
func (t *triggers) init(queue, flush safejs.Value) (kick safejs.Value, err error) {
	g := safejs.Global()
	get := func(name string) safejs.Value {
		if err != nil {
			return safejs.Value{}
		}
		var v safejs.Value
		if v, err = g.Get(name); err == nil && v.Type() != safejs.TypeFunction {
			err = fmt.Errorf("externalapi: this page has no %s for event delivery", name)
		}
		return v
	}
	eventTarget, event, observer, channel := get("EventTarget"), get("Event"), get("MutationObserver"), get("MessageChannel")
	if err != nil {
		return safejs.Value{}, err
	}
	micro, observed, err := newMicrotaskTrigger(observer, flush)
	if err != nil {
		return safejs.Value{}, err
	}
	task, port, err := newTaskTrigger(channel, flush)
	if err != nil {
		return safejs.Value{}, err
	}
	target, err := eventTarget.New()
	if err != nil {
		return safejs.Value{}, err
	}
	ev, err := event.New(flushEventType)
	if err != nil {
		return safejs.Value{}, err
	}
	once, err := jsObject.New()
	if err == nil {
		err = once.Set("once", true)
	}
	if err != nil {
		return safejs.Value{}, err
	}
	bind := func(method string, args ...any) safejs.Value {
		if err != nil {
			return safejs.Value{}
		}
		var fn, bound safejs.Value
		if fn, err = jsPath(eventTarget, "prototype", method); err == nil {
			bound, err = fn.Call("bind", append([]any{target}, args...)...)
		}
		return bound
	}
	kick = bind("dispatchEvent", ev)
	t.armMicrotask = bind("addEventListener", flushEventType, micro, once)
	t.armTask = bind("addEventListener", flushEventType, task, once)
	t.disarmTask = bind("removeEventListener", flushEventType, task)
	if err != nil {
		return safejs.Value{}, err
	}
	t.queue = queue
	t.keep = []safejs.Value{observed, port}
	t.changed = sync.NewCond(&t.mu)
	t.calm = time.AfterFunc(time.Hour, t.calmDown)
	t.calm.Stop()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.arm(microtaskTrigger)
	return kick, nil
}

// newMicrotaskTrigger returns setAttribute bound to a detached element that a
// new MutationObserver, calling flush, watches; and the observer.
func newMicrotaskTrigger(observerCtor, flush safejs.Value) (fn, observer safejs.Value, err error) {
	element, err := safejs.Global().Get("Element")
	if err != nil {
		return fn, observer, err
	}
	setAttr, err := jsPath(element, "prototype", "setAttribute")
	if err != nil {
		return fn, observer, err
	}
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return fn, observer, err
	}
	node, err := doc.Call("createElement", "meetbridge-batch")
	if err != nil {
		return fn, observer, err
	}
	if observer, err = observerCtor.New(flush); err != nil {
		return fn, observer, err
	}
	opts, err := jsObject.New()
	if err == nil {
		err = opts.Set("attributes", true)
	}
	if err == nil {
		_, err = observer.Call("observe", node, opts)
	}
	if err == nil {
		fn, err = setAttr.Call("bind", node, batchAttribute, "")
	}
	return fn, observer, err
}

// newTaskTrigger returns postMessage bound to one port of a new MessageChannel
// (and to a message and an empty transfer list, so that the event given to
// a listener is an ignored extra argument); and the other port, whose
// onmessage is flush.
func newTaskTrigger(channelCtor, flush safejs.Value) (fn, port safejs.Value, err error) {
	channel, err := channelCtor.New()
	if err != nil {
		return fn, port, err
	}
	sender, err := channel.Get("port1")
	if err != nil {
		return fn, port, err
	}
	if port, err = channel.Get("port2"); err != nil {
		return fn, port, err
	}
	if err = port.Set("onmessage", flush); err != nil { // also starts the port
		return fn, port, err
	}
	post, err := jsPath(sender, "postMessage")
	if err != nil {
		return fn, port, err
	}
	empty, err := jsArray.New()
	if err == nil {
		fn, err = post.Call("bind", sender, 0, empty)
	}
	return fn, port, err
}

// arm adds trigger tr as the target's once-listener; t.mu is held.
func (t *triggers) arm(tr trigger) {
	fn := t.armMicrotask
	if tr == taskTrigger {
		fn = t.armTask
	}
	_, _ = fn.Invoke()
	t.armed = tr
	t.changed.Broadcast()
}

// flushed arms the trigger for the next batch after a flush, by the rule
// above.
func (t *triggers) flushed() {
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	burst := !t.last.IsZero() && now.Sub(t.last) < burstGap
	t.last = now
	if !burst {
		t.arm(microtaskTrigger)
		return
	}
	t.arm(taskTrigger)
	t.calm.Reset(burstGap)
}

// calmDown runs burstGap after the task trigger was armed: if it has not
// fired (the queue is still empty: every kick follows a push), the
// microtask trigger takes its place. If it has fired, its flush is on its
// way and will arm the microtask trigger, as it comes late.
func (t *triggers) calmDown() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.armed != taskTrigger || time.Since(t.last) < burstGap {
		return // a flush came since
	}
	if n, err := t.queue.Length(); err != nil || n > 0 {
		return
	}
	_, _ = t.disarmTask.Invoke()
	t.arm(microtaskTrigger)
}
