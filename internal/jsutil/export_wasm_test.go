//go:build js && wasm

package jsutil

// pending counts promises still awaited.
func pending() int {
	promises.mu.Lock()
	defer promises.mu.Unlock()
	return len(promises.waiters)
}
