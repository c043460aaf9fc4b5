//go:build js && wasm

package externalapi

import (
	"context"
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"

	"github.com/meetbridge/meetbridge/internal/jsutil"
)

// awaitPromise waits for p (or a plain value) to settle or for ctx to end,
// and returns the fulfilled value as JSON. The events queued before p
// settled reach their dispatchers first (drainBatch).
func awaitPromise(ctx context.Context, method string, p safejs.Value) ([]byte, error) {
	v, err := jsutil.AwaitAfter(ctx, p, drainBatch)
	var rejected *jsutil.RejectedError
	switch {
	case errors.As(err, &rejected):
		return nil, &PromiseError{Method: method, Message: rejected.Message}
	case err != nil:
		return nil, fmt.Errorf("externalapi: %s: %w", method, err)
	}
	b, err := fromJS(v)
	if err != nil {
		return nil, &ResultError{Method: method, Err: err}
	}
	return b, nil
}
