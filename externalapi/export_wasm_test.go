//go:build js && wasm

package externalapi

// liveBackends counts backends not yet disposed and listener routes not yet
// dropped.
func liveBackends() (meetings, routes int) {
	backends.mu.Lock()
	defer backends.mu.Unlock()
	return len(backends.live), len(backends.routes)
}

// batchFlushes counts the crossings into Go that delivered event batches.
func batchFlushes() int64 { return theBatch.flushes.Load() }
