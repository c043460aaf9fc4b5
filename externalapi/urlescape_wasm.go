//go:build js && wasm

package externalapi

import (
	"fmt"

	"github.com/hack-pad/safejs"
)

// In the browser the page's own URL functions escape and check the script
// URL: that keeps net/url (about 51 KB brotli) out of the bundle. Both
// escapes use encodeURIComponent, which escapes all but A-Z a-z 0-9 - _ . ! ~
// * ' ( ): valid in a path segment and in a query value alike.

// pathSegment escapes s for one segment of a URL path.
func pathSegment(s string) (string, error) { return encodeURIComponent(s) }

// queryValue escapes s for a value of a URL query.
func queryValue(s string) (string, error) { return encodeURIComponent(s) }

// encodeURIComponent calls the browser's encodeURIComponent.
func encodeURIComponent(s string) (string, error) {
	v, err := safejs.Global().Call("encodeURIComponent", s)
	if err != nil {
		return "", fmt.Errorf("escaping %q: %w", s, err)
	}
	return v.String()
}

// checkURL reports an s that does not parse as a URL reference, relative to
// the document's base URL.
func checkURL(s string) error {
	ctor, err := safejs.Global().Get("URL")
	if err != nil {
		return err
	}
	base, err := safejs.Global().Get("document")
	if err == nil {
		base, err = base.Get("baseURI")
	}
	if err != nil {
		return err
	}
	_, err = ctor.New(s, base)
	return err
}
