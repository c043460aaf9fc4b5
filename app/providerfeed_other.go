//go:build !(js && wasm)

package app

// openProviderFeed does nothing outside the browser.
func openProviderFeed(string, func(string), func(feedStatus)) (stop func()) { return func() {} }
