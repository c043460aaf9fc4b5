//go:build js && wasm

package e2e

import "errors"

// errorsIs is errors.Is, named apart so the test files read plainly.
func errorsIs(err, target error) bool { return errors.Is(err, target) }
