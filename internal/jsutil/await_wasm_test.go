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

func TestAwaitAfterRunsBeforeOnceAndSurvivesItsPanic(t *testing.T) {
	ctx := context.Background()
	runs := 0
	p, _ := promiseCtor.Call("resolve", 42)
	v, err := AwaitAfter(ctx, p, func() { runs++ })
	if n, _ := v.Int(); err != nil || n != 42 || runs != 1 {
		t.Fatalf("AwaitAfter(resolve(42)) = %v, %v with before run %d times, want 42, nil, once", n, err, runs)
	}
	p, _ = promiseCtor.Call("reject", "no")
	var rejected *RejectedError
	if _, err = AwaitAfter(ctx, p, func() { runs++ }); !errors.As(err, &rejected) || runs != 2 {
		t.Fatalf("AwaitAfter(reject('no')) = %v with before run %d times in all, want a rejection, twice", err, runs)
	}
	p, _ = promiseCtor.Call("resolve", 7)
	v, err = AwaitAfter(ctx, p, func() { panic("before failed") })
	if n, _ := v.Int(); err != nil || n != 7 {
		t.Fatalf("AwaitAfter with a panicking before = %v, %v, want 7", n, err)
	}

	// A promise given up on: before does not run when it settles late.
	p, resolve := hungPromise(t)
	gaveUp, cancel := context.WithCancel(ctx)
	cancel()
	if _, err = AwaitAfter(gaveUp, p, func() { runs++ }); !errors.Is(err, context.Canceled) {
		t.Fatalf("AwaitAfter with an ended context = %v", err)
	}
	resolve(1)
	p2, _ := promiseCtor.Call("resolve", 0)
	if _, err = Await(ctx, p2); err != nil || runs != 2 {
		t.Fatalf("before ran %d times in all after a late answer, want 2 (err %v)", runs, err)
	}
}
