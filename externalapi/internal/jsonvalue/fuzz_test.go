//go:build !js && !externalapi_stdjson

// The fuzz test runs on the host only: the browser has no file system for
// the seed corpus in testdata.

package jsonvalue_test

import "testing"

// FuzzAgainstEncodingJSON checks that Decode gives what json.Unmarshal gives:
// an error for the same inputs and the same value otherwise, also when
// decoding over a value that already holds data.
func FuzzAgainstEncodingJSON(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s), []byte(`{"list":[{"a":"old","n":9},{"a":"old2"}],"ptr":{"a":"old"},"map":{"old":{}},"s":"old"}`))
	}
	f.Fuzz(func(t *testing.T, data, prior []byte) {
		compare(t, data, prior)
	})
}
