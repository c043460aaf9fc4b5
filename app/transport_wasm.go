//go:build js && wasm

package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"

	"github.com/meetbridge/meetbridge/internal/jsutil"
)

// defaultTransport is the browser's fetch.
func defaultTransport() Transport { return fetchTransport{} }

// fetchTransport sends requests with the browser's fetch, same-origin
// credentials (the session cookie) included.
type fetchTransport struct{}

// Send implements Transport. Ending ctx aborts the request.
func (fetchTransport) Send(ctx context.Context, r Request) (Response, error) {
	abort, err := safejs.MustGetGlobal("AbortController").New()
	if err != nil {
		return Response{}, err
	}
	signal, err := abort.Get("signal")
	if err != nil {
		return Response{}, err
	}
	stop := context.AfterFunc(ctx, func() { _, _ = abort.Call("abort") })
	defer stop()

	headers, err := safejs.ValueOf(map[string]any{"Content-Type": "application/json", "Accept": "application/json"})
	if err != nil {
		return Response{}, err
	}
	initValue, err := safejs.MustGetGlobal("Object").New()
	if err != nil {
		return Response{}, err
	}
	fields := map[string]any{"method": r.Method, "credentials": "same-origin", "headers": headers, "signal": signal}
	if r.Body != nil {
		fields["body"] = string(r.Body)
	}
	for k, v := range fields {
		if err := initValue.Set(k, v); err != nil {
			return Response{}, err
		}
	}
	p, err := safejs.Global().Call("fetch", r.URL, initValue)
	if err != nil {
		return Response{}, fmt.Errorf("fetch: %w", err)
	}
	res, err := jsutil.Await(ctx, p)
	if err != nil {
		return Response{}, fetchError(err)
	}
	status, err := get(res, "status").Int()
	if err != nil {
		return Response{}, err
	}
	retry, _ := get(res, "headers").Call("get", "Retry-After")
	out := Response{Status: status}
	if retry.Type() == safejs.TypeString {
		out.RetryAfter, _ = retry.String()
	}
	textPromise, err := res.Call("text")
	if err != nil {
		return Response{}, err
	}
	text, err := jsutil.Await(ctx, textPromise)
	if err != nil {
		return Response{}, fetchError(err)
	}
	s, err := text.String()
	if err != nil {
		return Response{}, err
	}
	if len(s) > maxBody {
		s = s[:maxBody]
	}
	out.Body = []byte(s)
	return out, nil
}

// get reads a property, or undefined.
func get(v safejs.Value, name string) safejs.Value {
	p, err := v.Get(name)
	if err != nil {
		return safejs.Undefined()
	}
	return p
}

// fetchError describes a failed fetch: a network error rejects with a
// TypeError.
func fetchError(err error) error {
	var rejected *jsutil.RejectedError
	if errors.As(err, &rejected) {
		return errors.New(rejected.Message)
	}
	return err
}
