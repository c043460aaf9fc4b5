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

// FuzzAppendString checks AppendString against json.Marshal of a string.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c/d", "<script>&", "\b\f\n\r\t\x00\x1f\x7f", "é😀", "\u2028\u2029", "\xff\xfe", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := jsonread.AppendString(nil, s); string(got) != string(want) {
			t.Fatalf("%q: got %s, encoding/json %s", s, got, want)
		}
	})
}

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
