//go:build js && wasm

package externalapi

import (
	"context"
	"fmt"
	"sync"

	"github.com/hack-pad/safejs"
)

// settlement is how a promise ended: its value as JSON, or a rejection.
type settlement struct {
	fulfilled bool
	value     []byte
	rejected  string
	err       error
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
	waiters map[int]chan settlement
}

// settleFunc returns the shared settle(id, ok, value) function.
func settleFunc() (safejs.Value, error) {
	promises.once.Do(func() {
		promises.waiters = make(map[int]chan settlement)
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
		if v := recover(); v != nil {
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
	ch, ok := promises.waiters[id]
	delete(promises.waiters, id)
	promises.mu.Unlock()
	if !ok {
		return nil
	}
	var s settlement
	if s.fulfilled, _ = args[1].Bool(); s.fulfilled {
		s.value, s.err = fromJS(args[2])
	} else {
		s.rejected = errorMessage(args[2])
	}
	ch <- s // buffered: never blocks
	return nil
}

// awaitPromise waits for p (or a plain value) to settle or for ctx to end.
func awaitPromise(ctx context.Context, method string, p safejs.Value) ([]byte, error) {
	settle, err := settleFunc()
	if err != nil {
		return nil, err
	}
	promises.mu.Lock()
	promises.next++
	id := promises.next
	ch := make(chan settlement, 1)
	promises.waiters[id] = ch
	promises.mu.Unlock()
	forget := func() {
		promises.mu.Lock()
		delete(promises.waiters, id)
		promises.mu.Unlock()
	}

	if err := chain(p, settle, id); err != nil {
		forget()
		return nil, fmt.Errorf("externalapi: %s: %w", method, err)
	}
	select {
	case s := <-ch:
		switch {
		case s.err != nil:
			return nil, &ResultError{Method: method, Err: s.err}
		case !s.fulfilled:
			return nil, &PromiseError{Method: method, Message: s.rejected}
		}
		return s.value, nil
	case <-ctx.Done():
		forget()
		return nil, fmt.Errorf("externalapi: %s: no answer: %w", method, context.Cause(ctx))
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

// pendingPromises counts promises still awaited, for tests.
func pendingPromises() int {
	promises.mu.Lock()
	defer promises.mu.Unlock()
	return len(promises.waiters)
}
