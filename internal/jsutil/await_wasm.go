//go:build js && wasm

package jsutil

import (
	"context"
	"fmt"
	"sync"

	"github.com/hack-pad/safejs"
)

// RejectedError is a promise's rejection.
type RejectedError struct {
	// Message is the rejection's message: an Error's message, a string as
	// it is, anything else as JSON.
	Message string
}

// Error implements error.
func (e *RejectedError) Error() string { return "promise rejected: " + e.Message }

// settlement is how a promise ended.
type settlement struct {
	fulfilled bool
	value     safejs.Value
}

// promises routes settled promises to the goroutines awaiting them. One
// JavaScript function serves every promise, bound to each promise's id, so
// nothing has to be released when a caller gives up on a promise that never
// settles: a late settlement finds no waiter and is dropped.
var promises struct {
	once    sync.Once
	settle  safejs.Value
	err     error
	mu      sync.Mutex
	next    int
	waiters map[int]waiter
}

// waiter is a goroutine awaiting a promise: where the settlement goes, and
// what runs before it goes there.
type waiter struct {
	ch     chan settlement
	before func()
}

// settleFunc returns the shared settle(id, fulfilled, value) function.
func settleFunc() (safejs.Value, error) {
	promises.once.Do(func() {
		promises.waiters = make(map[int]waiter)
		fn, err := safejs.FuncOf(onSettle)
		if err != nil {
			promises.err = err
			return
		}
		// Never released: it serves every promise for the program's life.
		promises.settle = fn.Value()
	})
	return promises.settle, promises.err
}

// onSettle is the JavaScript callback; it never blocks and never panics.
func onSettle(_ safejs.Value, args []safejs.Value) (ret any) {
	defer func() {
		if recover() != nil {
			ret = nil
		}
	}()
	if len(args) < 3 {
		return nil
	}
	id, err := args[0].Int()
	if err != nil {
		return nil
	}
	promises.mu.Lock()
	w, ok := promises.waiters[id]
	delete(promises.waiters, id)
	promises.mu.Unlock()
	if ok {
		fulfilled, _ := args[1].Bool()
		// Deferred, so that a panic of before does not lose the value.
		defer func() { w.ch <- settlement{fulfilled: fulfilled, value: args[2]} }() // buffered: never blocks
		if w.before != nil {
			w.before()
		}
	}
	return nil
}

// Await waits for p (or a plain value) to settle or for ctx to end, and
// returns the fulfilled value or a *RejectedError. Call it from a
// goroutine, never from a JavaScript callback.
func Await(ctx context.Context, p safejs.Value) (safejs.Value, error) {
	return AwaitAfter(ctx, p, nil)
}

// AwaitAfter is Await with before run first in the JavaScript callback in
// which p settles, before the value is handed to the caller: for what the
// page received before the value and that must reach Go ahead of it, such
// as the events that package externalapi queues in JavaScript. before must
// not block; the value is handed over even if it panics.
func AwaitAfter(ctx context.Context, p safejs.Value, before func()) (safejs.Value, error) {
	settle, err := settleFunc()
	if err != nil {
		return safejs.Value{}, err
	}
	promises.mu.Lock()
	promises.next++
	id := promises.next
	ch := make(chan settlement, 1)
	promises.waiters[id] = waiter{ch: ch, before: before}
	promises.mu.Unlock()
	forget := func() {
		promises.mu.Lock()
		delete(promises.waiters, id)
		promises.mu.Unlock()
	}
	if err := chain(p, settle, id); err != nil {
		forget()
		return safejs.Value{}, err
	}
	select {
	case s := <-ch:
		if !s.fulfilled {
			return safejs.Value{}, &RejectedError{Message: ErrorMessage(s.value)}
		}
		return s.value, nil
	case <-ctx.Done():
		forget()
		return safejs.Value{}, fmt.Errorf("no answer: %w", context.Cause(ctx))
	}
}

// chain runs Promise.resolve(p).then(settle(id, true), settle(id, false)).
func chain(p, settle safejs.Value, id int) error {
	promise, err := safejs.Global().Get("Promise")
	if err != nil {
		return err
	}
	resolved, err := promise.Call("resolve", p)
	if err != nil {
		return err
	}
	onOK, err := settle.Call("bind", nil, id, true)
	if err != nil {
		return err
	}
	onErr, err := settle.Call("bind", nil, id, false)
	if err != nil {
		return err
	}
	_, err = resolved.Call("then", onOK, onErr)
	return err
}

// ErrorMessage describes a thrown or rejected value: an Error's message, a
// string as it is, anything else as JSON.
func ErrorMessage(v safejs.Value) string {
	if v.Type() == safejs.TypeString {
		s, _ := v.String()
		return s
	}
	if v.Type() == safejs.TypeObject {
		if m, err := v.Get("message"); err == nil && m.Type() == safejs.TypeString {
			s, _ := m.String()
			return s
		}
	}
	j, err := safejs.MustGetGlobal("JSON").Call("stringify", v)
	if err != nil || j.Type() != safejs.TypeString {
		return "a value that is not JSON"
	}
	s, _ := j.String()
	return s
}
