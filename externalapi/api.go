package externalapi

import (
	"context"
	"errors"
	"fmt"
	"github.com/meetbridge/meetbridge/externalapi/internal/jsonvalue"
	"sync"
)

// ErrDisposed is returned by every call on an API after Dispose.
var ErrDisposed = errors.New("externalapi: the meeting was disposed")

// API controls one embedded meeting. Create it with New (in the browser); its
// methods are safe for concurrent use.
type API struct {
	backend  backend
	provider Provider
	// support is set once at creation, before the API is shared.
	support support

	mu       sync.Mutex
	disposed bool
	nextID   uint64
	handlers map[string][]handler // event name -> handlers, in subscription order
	onError  []errorHandler

	queue *eventQueue
	// life ends at Dispose; pending promise getters watch it.
	life     context.Context
	endLife  context.CancelFunc
	ready    chan struct{}
	isReady  sync.Once
	dispatch sync.WaitGroup
}

// backend is what an API needs from the JavaScript External API object. The
// browser implementation lives in backend_wasm.go; tests use a recording fake.
// All the JSON it returns or delivers is written by JSON.stringify, so it is
// well-formed and decoded without validating it again
// (jsonvalue.DecodeStringified); a fake must give valid JSON too.
type backend interface {
	// execute calls executeCommand(name, ...args).
	execute(name string, args []any) error
	// call calls a synchronous method and returns its result as JSON.
	call(method string, args []any) ([]byte, error)
	// await calls a method that returns a promise and waits for it to
	// settle or for ctx to end; it returns the resolved value as JSON.
	await(ctx context.Context, method string, args []any) ([]byte, error)
	// listen attaches one listener for event; it delivers each payload, as
	// JSON, to API.receive. unlisten detaches it.
	listen(event string) error
	unlisten(event string) error
	// dispose calls dispose() on the object and releases what the backend
	// holds.
	dispose() error
}

// newAPI returns an API around b with its event dispatcher running. The
// caller sets b's receiver to the API's receive method.
func newAPI(p Provider) *API {
	a := &API{
		provider: p,
		handlers: make(map[string][]handler),
		queue:    newEventQueue(),
		ready:    make(chan struct{}),
	}
	a.life, a.endLife = context.WithCancel(context.Background())
	a.dispatch.Add(1)
	go a.dispatchEvents()
	return a
}

// Provider returns the provider the meeting was created with.
func (a *API) Provider() Provider { return a.provider }

// alive returns ErrDisposed once the API is disposed.
func (a *API) alive() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.disposed {
		return ErrDisposed
	}
	return nil
}

// WaitReady waits until the meeting page has started (the ready event) or ctx
// ends.
func (a *API) WaitReady(ctx context.Context) error {
	select {
	case <-a.ready:
		return nil
	case <-a.life.Done():
		return ErrDisposed
	case <-ctx.Done():
		return fmt.Errorf("externalapi: meeting not ready: %w", context.Cause(ctx))
	}
}

// Dispose removes every listener, disposes the JavaScript object (which
// removes the iframe) and stops event delivery. It does not hang up: see
// HangUpAndDispose. It is safe before the meeting is ready and when called
// more than once.
func (a *API) Dispose() error {
	a.mu.Lock()
	if a.disposed {
		a.mu.Unlock()
		return nil
	}
	a.disposed = true
	events := make([]string, 0, len(a.handlers))
	for name := range a.handlers {
		events = append(events, name)
	}
	a.handlers = nil
	a.onError = nil
	a.mu.Unlock()

	var errs []error
	for _, name := range events {
		errs = append(errs, a.backend.unlisten(name))
	}
	errs = append(errs, a.backend.dispose())
	a.endLife()
	a.queue.close()
	return errors.Join(errs...)
}

// HangUpAndDispose hangs up, waits until the meeting confirms it left (or ctx
// ends) and then disposes. An error says when the hangup was not confirmed;
// the meeting is disposed in every case.
func (a *API) HangUpAndDispose(ctx context.Context) error {
	left := make(chan struct{}, 1)
	signal := func() {
		select {
		case left <- struct{}{}:
		default:
		}
	}
	var errs []error
	stop1, err1 := a.OnReadyToClose(func(ReadyToClose) { signal() })
	stop2, err2 := a.OnVideoConferenceLeft(func(VideoConferenceLeft) { signal() })
	if err := errors.Join(err1, err2); err != nil {
		errs = append(errs, err)
	} else if err := a.Hangup(false); err != nil {
		errs = append(errs, err)
	} else {
		select {
		case <-left:
		case <-ctx.Done():
			errs = append(errs, fmt.Errorf("externalapi: hangup not confirmed: %w", context.Cause(ctx)))
		}
	}
	if stop1 != nil {
		stop1()
	}
	if stop2 != nil {
		stop2()
	}
	return errors.Join(append(errs, a.Dispose())...)
}

// PromiseError reports a promise getter whose promise was rejected.
type PromiseError struct {
	// Method is the JavaScript method.
	Method string
	// Message is the rejection's message.
	Message string
}

// Error implements error.
func (e *PromiseError) Error() string {
	return fmt.Sprintf("externalapi: %s rejected: %s", e.Method, e.Message)
}

// ResultError reports a getter result that does not have the expected shape.
type ResultError struct {
	// Method is the JavaScript method.
	Method string
	// Err says what did not decode.
	Err error
}

// Error implements error.
func (e *ResultError) Error() string {
	return fmt.Sprintf("externalapi: %s returned an unexpected value: %v", e.Method, e.Err)
}

// Unwrap returns the decoding error.
func (e *ResultError) Unwrap() error { return e.Err }

// request calls a promise method and decodes its resolved value into T. It
// returns when the promise settles, ctx ends or the API is disposed.
// Name T explicitly (request[T]): go generate writes a reader for every type
// it finds so, and read is that reader. Only the decoding depends on T; the
// rest is in await, compiled once.
func request[T any](ctx context.Context, a *API, method string, read jsonvalue.Reader[T], args ...any) (T, error) {
	var v T
	raw, err := a.await(ctx, method, args)
	if err == nil {
		err = decodeResult(method, raw, &v, read)
	}
	return v, err
}

// await calls a promise method and returns its resolved value as JSON, for
// request.
func (a *API) await(ctx context.Context, method string, args []any) ([]byte, error) {
	if err := a.alive(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stop := context.AfterFunc(a.life, func() { cancel(ErrDisposed) })
	defer stop()
	raw, err := a.backend.await(ctx, method, nonNil(args))
	if err != nil {
		if errors.Is(context.Cause(ctx), ErrDisposed) {
			return nil, ErrDisposed
		}
		return nil, err
	}
	return raw, nil
}

// call calls a synchronous method and decodes its result into T with read,
// like request.
func call[T any](a *API, method string, read jsonvalue.Reader[T], args ...any) (T, error) {
	var v T
	raw, err := a.callRaw(method, args)
	if err == nil {
		err = decodeResult(method, raw, &v, read)
	}
	return v, err
}

// callRaw calls a synchronous method and returns its result as JSON, for
// call.
func (a *API) callRaw(method string, args []any) ([]byte, error) {
	if err := a.alive(); err != nil {
		return nil, err
	}
	return a.backend.call(method, nonNil(args))
}

// decodeResult decodes a method's JSON result with its generated reader.
// The backend wrote it with JSON.stringify (see backend), so it is not
// validated again.
func decodeResult[T any](method string, raw []byte, v *T, read jsonvalue.Reader[T]) error {
	return resultError(method, jsonvalue.DecodeStringified(raw, v, read))
}

// resultError wraps a decoding error of method's result in a ResultError;
// nil stays nil.
func resultError(method string, err error) error {
	if err != nil {
		return &ResultError{Method: method, Err: err}
	}
	return nil
}

// nonNil turns a nil argument list into an empty one.
func nonNil(args []any) []any {
	if args == nil {
		return []any{}
	}
	return args
}
