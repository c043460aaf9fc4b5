//go:build !js

// The fuzz tests run on the host only: the browser has no file system for
// the seed corpus in testdata.

package jsonread_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/meetbridge/meetbridge/externalapi/internal/jsonread"
)

// FuzzAgainstEncodingJSON checks that Decode gives what json.Unmarshal gives:
// an error for the same inputs and the same value otherwise, also when
// decoding over a value that already holds data.
func FuzzAgainstEncodingJSON(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s), []byte(`{"list":[{"a":"old","n":9},{"a":"old2"}],"ptr":{"a":"old"},"map":{"old":{}},"s":"old"}`))
	}
	f.Fuzz(func(t *testing.T, data, prior []byte) {
		var want, got sample
		if json.Unmarshal(prior, &want) != nil {
			want = sample{}
		}
		if json.Unmarshal(prior, &got) != nil {
			got = sample{}
		}
		wantErr := json.Unmarshal(data, &want)
		gotErr := jsonread.Decode(data, &got, readSample)
		if (wantErr == nil) != (gotErr == nil) {
			t.Fatalf("%q: encoding/json error %v, jsonread error %v", data, wantErr, gotErr)
		}
		if wantErr == nil && !reflect.DeepEqual(want, got) {
			t.Fatalf("%q:\nencoding/json %#v\njsonread      %#v", data, want, got)
		}
	})
}
