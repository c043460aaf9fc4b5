//go:build js && wasm

package externalapi

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/hack-pad/safejs"
)

// ScriptError reports a provider script that could not be loaded. Nothing is
// cached for a failed load: the next call tries again.
type ScriptError struct {
	// URL is the script's address.
	URL string
	// Err says what went wrong.
	Err error
}

// Error implements error.
func (e *ScriptError) Error() string {
	return fmt.Sprintf("externalapi: loading script %s: %v", e.URL, e.Err)
}

// Unwrap returns the reason.
func (e *ScriptError) Unwrap() error { return e.Err }

// Reasons a script load fails.
var (
	// ErrScriptFailed means the browser fired the script's error event:
	// a network error, an HTTP error status or a Content-Security-Policy
	// that blocks it.
	ErrScriptFailed = errors.New("the browser could not load it (network error, HTTP error status or blocked by CSP)")
	// ErrNoGlobal means the script ran but did not define the provider's
	// constructor.
	ErrNoGlobal = errors.New("it loaded but did not define the constructor")
)

// scripts serialises loads per URL and remembers the ones that succeeded.
var scripts struct {
	mu     sync.Mutex
	loaded map[string]bool
	locks  map[string]chan struct{}
}

// LoadScript makes sure the script at src has run and defined
// window[global]. It returns at once when the global already exists, waits
// for at most ctx, and can be called again after a failure.
func LoadScript(ctx context.Context, src, global string) error {
	if hasGlobal(global) {
		return nil
	}
	lock := scriptLock(src)
	select {
	case lock <- struct{}{}:
		defer func() { <-lock }()
	case <-ctx.Done():
		return &ScriptError{URL: src, Err: context.Cause(ctx)}
	}
	scripts.mu.Lock()
	done := scripts.loaded[src]
	scripts.mu.Unlock()
	if done && hasGlobal(global) {
		return nil
	}
	if err := injectScript(ctx, src); err != nil {
		return &ScriptError{URL: src, Err: err}
	}
	if !hasGlobal(global) {
		return &ScriptError{URL: src, Err: fmt.Errorf("%w window.%s", ErrNoGlobal, global)}
	}
	scripts.mu.Lock()
	scripts.loaded[src] = true
	scripts.mu.Unlock()
	return nil
}

// scriptLock returns the one-slot channel that serialises loads of src.
func scriptLock(src string) chan struct{} {
	scripts.mu.Lock()
	defer scripts.mu.Unlock()
	if scripts.locks == nil {
		scripts.locks = make(map[string]chan struct{})
		scripts.loaded = make(map[string]bool)
	}
	l, ok := scripts.locks[src]
	if !ok {
		l = make(chan struct{}, 1)
		scripts.locks[src] = l
	}
	return l
}

// hasGlobal reports whether window[name] is a function.
func hasGlobal(name string) bool {
	v, err := safejs.Global().Get(name)
	return err == nil && v.Type() == safejs.TypeFunction
}

// injectScript appends a script element for src to the document head and
// waits for its load or error event, or for ctx. On failure the element is
// removed so that a retry starts afresh.
func injectScript(ctx context.Context, src string) (err error) {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return err
	}
	el, err := doc.Call("createElement", "script")
	if err != nil {
		return err
	}
	result := make(chan error, 2)
	onLoad, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		result <- nil
		return nil
	})
	if err != nil {
		return err
	}
	defer onLoad.Release()
	onError, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		result <- ErrScriptFailed
		return nil
	})
	if err != nil {
		return err
	}
	defer onError.Release()
	// Detach the handlers before the deferred releases run, so that a late
	// event never calls a released function.
	defer func() {
		_ = el.Set("onload", nil)
		_ = el.Set("onerror", nil)
		if err != nil {
			_, _ = el.Call("remove")
		}
	}()

	for k, v := range map[string]any{"src": src, "async": true, "onload": onLoad.Value(), "onerror": onError.Value()} {
		if err := el.Set(k, v); err != nil {
			return err
		}
	}
	head, err := doc.Get("head")
	if err != nil {
		return err
	}
	if _, err := head.Call("appendChild", el); err != nil {
		return err
	}
	select {
	case err = <-result:
		return err
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
