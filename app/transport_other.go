//go:build !(js && wasm)

package app

// defaultTransport is net/http outside the browser.
func defaultTransport() Transport { return HTTPTransport{} }
