//go:build js && wasm

package jsutil

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
)

// These tests run in headless Chromium (make test-wasm).

var promiseCtor = safejs.MustGetGlobal("Promise")

// hungPromise returns a promise that settles only when resolve is called.
func hungPromise(t *testing.T) (p safejs.Value, resolve func(v any)) {
	t.Helper()
	var resolveFn safejs.Value
	executor, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		resolveFn = args[0]
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(executor.Release)
	p, err = promiseCtor.New(executor.Value())
	if err != nil {
		t.Fatal(err)
	}
	return p, func(v any) { _, _ = resolveFn.Invoke(v) }
}

func TestAwaitFulfilledRejectedAndPlain(t *testing.T) {
	ctx := context.Background()
	p, _ := promiseCtor.Call("resolve", 42)
	v, err := Await(ctx, p)
	if n, _ := v.Int(); err != nil || n != 42 {
		t.Fatalf("Await(resolve(42)) = %v, %v", n, err)
	}
	v, err = Await(ctx, safejs.Null())
	if err != nil || !v.IsNull() {
		t.Fatalf("Await(null) = %v, %v", v, err)
	}
	jsErr, _ := safejs.MustGetGlobal("Error").New("boom")
	p, _ = promiseCtor.Call("reject", jsErr)
	_, err = Await(ctx, p)
	var rejected *RejectedError
	if !errors.As(err, &rejected) || rejected.Message != "boom" {
		t.Fatalf("Await(reject(Error boom)) error = %v", err)
	}
	p, _ = promiseCtor.Call("reject", "plain")
	if _, err = Await(ctx, p); !errors.As(err, &rejected) || rejected.Message != "plain" {
		t.Fatalf("Await(reject('plain')) error = %v", err)
	}
}

func TestAGivenUpPromiseLeavesNoWaiterAndALateAnswerIsDropped(t *testing.T) {
	before := pending()
	p, resolve := hungPromise(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := Await(ctx, p)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Await of a hung promise = %v, want the deadline", err)
	}
	if got := pending(); got != before {
		t.Fatalf("%d waiters after giving up, want %d", got, before)
	}
	resolve(1) // a late answer: no waiter, dropped

	// The shared settle function still serves the next promise.
	p2, resolve2 := hungPromise(t)
	resolve2(7)
	v, err := Await(context.Background(), p2)
	if n, _ := v.Int(); err != nil || n != 7 {
		t.Fatalf("Await after a dropped answer = %d, %v", n, err)
	}
	if got := pending(); got != before {
		t.Fatalf("%d waiters after the answer, want %d", got, before)
	}
}
