//go:build !(js && wasm)

package externalapi

import "net/url"

// pathSegment escapes s for one segment of a URL path.
func pathSegment(s string) (string, error) { return url.PathEscape(s), nil }

// queryValue escapes s for a value of a URL query.
func queryValue(s string) (string, error) { return url.QueryEscape(s), nil }

// checkURL reports an s that does not parse as a URL reference.
func checkURL(s string) error {
	_, err := url.Parse(s)
	return err
}
