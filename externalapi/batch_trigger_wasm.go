//go:build js && wasm

package externalapi

import (
	"sync"
	"time"

	"github.com/hack-pad/safejs"
)

// The flush of a batch (see batch_wasm.go) is started by one of two
// triggers, each a browser built-in bound to its arguments, that Go arms
// after every flush as the one {once: true} listener of the kick's
// EventTarget (the task trigger's receiving port):
//
//   - the microtask trigger is queueMicrotask bound to the window and the
//     flush (the Event given to the listener is an ignored extra argument):
//     the flush runs at the next microtask checkpoint, so the events of the
//     task that fired the trigger reach Go before the next task.
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
//
// One timer does both: every flush restarts it for burstGap, so it is still
// pending at the next flush exactly when that flush comes within burstGap
// (Timer.Reset reports it), and when it fires, burstGap has passed without
// a flush. No clock is read.
type triggers struct {
	// armMicrotask and armTask are addEventListener bound to the target,
	// the event type, their trigger and {once: true}; disarmTask is
	// removeEventListener bound to the same but the options.
	armMicrotask, armTask, disarmTask safejs.Value
	queue                             safejs.Value // the batch's queue

	mu      sync.Mutex
	changed *sync.Cond // signalled when a trigger is armed
	armed   trigger    // the last trigger armed (it may have fired since)
	// emptied is set when drainBatch emptied the queue after the armed
	// trigger fired, until that trigger's flush: an empty queue then does
	// not mean that the trigger has not fired.
	emptied bool
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

// init builds both triggers around flush with steps s, arms the microtask
// trigger and returns the kick: dispatchEvent bound to the target and the
// event. If s fails, nothing is armed.
func (t *triggers) init(s *jsSteps, queue, flush safejs.Value) (kick safejs.Value) {
	g := safejs.Global()
	micro := s.bind(g, "queueMicrotask", flush)
	channel := s.new(s.get(g, "MessageChannel"))
	// The port that receives the task trigger's messages is also the
	// EventTarget of the kick (a MessagePort is one; the flush event is
	// not a message, so onmessage does not see it).
	port := s.get(channel, "port2")
	s.set(port, "onmessage", flush) // also starts the port
	// The message and an empty transfer list are bound too, so that the
	// Event given to the listener is an ignored extra argument.
	task := s.bind(s.get(channel, "port1"), "postMessage", 0, s.new(jsArray))
	once := s.new(jsObject)
	s.set(once, "once", true)
	kick = s.bind(port, "dispatchEvent", s.new(s.get(g, "Event"), flushEventType))
	t.armMicrotask = s.bind(port, "addEventListener", flushEventType, micro, once)
	t.armTask = s.bind(port, "addEventListener", flushEventType, task, once)
	t.disarmTask = s.bind(port, "removeEventListener", flushEventType, task)
	if s.err != nil {
		return kick
	}
	t.queue = queue
	t.changed = sync.NewCond(&t.mu)
	t.calm = time.AfterFunc(time.Hour, t.calmDown)
	t.calm.Stop()
	t.mu.Lock()
	t.arm(microtaskTrigger)
	t.mu.Unlock()
	return kick
}

// arm adds trigger tr as the target's once-listener; t.mu is held.
func (t *triggers) arm(tr trigger) {
	fn := t.armMicrotask
	if tr == taskTrigger {
		fn = t.armTask
	}
	invoke(fn)
	t.armed = tr
	t.changed.Broadcast()
}

// invoke calls the bound function fn, through Function.prototype.call
// rather than Value.Invoke, which the module would link for this alone.
func invoke(fn safejs.Value) {
	_, _ = fn.Call("call")
}

// flushed arms the trigger for the next batch after a flush, by the rule
// above.
func (t *triggers) flushed() {
	t.mu.Lock()
	t.emptied = false
	if t.calm.Reset(burstGap) {
		t.arm(taskTrigger)
	} else {
		t.arm(microtaskTrigger)
	}
	t.mu.Unlock()
}

// drained records that drainBatch emptied the queue before the flush that
// the armed trigger started.
func (t *triggers) drained() {
	t.mu.Lock()
	t.emptied = true
	t.mu.Unlock()
}

// calmDown runs burstGap after the last flush: if the task trigger is armed
// and has not fired (the queue is still empty, as every kick follows a push,
// and was not drained), the microtask trigger takes its place. If it has
// fired, its flush is on its way and will arm the microtask trigger, as it
// comes late.
func (t *triggers) calmDown() {
	t.mu.Lock()
	if t.armed == taskTrigger && !t.emptied {
		if n, err := t.queue.Length(); err == nil && n == 0 {
			invoke(t.disarmTask)
			t.arm(microtaskTrigger)
		}
	}
	t.mu.Unlock()
}
