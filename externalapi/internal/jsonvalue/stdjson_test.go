//go:build externalapi_stdjson

package jsonvalue_test

import (
	"encoding/json"
	"testing"

	"github.com/meetbridge/meetbridge/externalapi/internal/jsonvalue"
)

// TestStdJSONReaders: in this build the readers are encoding/json's, errors
// included.
func TestStdJSONReaders(t *testing.T) {
	var s string
	if err := jsonvalue.Decode([]byte(` "a\ud800" `), &s, jsonvalue.String[string]); err != nil || s != "a\ufffd" {
		t.Fatalf("string %q, %v", s, err)
	}
	var n int
	if err := jsonvalue.DecodeStringified([]byte(`1.5`), &n, jsonvalue.Int[int]); err == nil {
		t.Fatalf("1.5 read into an int: %d", n)
	}
	var raw json.RawMessage
	if err := jsonvalue.Decode([]byte(`{"a": [1, 2]}`), &raw, jsonvalue.Raw[json.RawMessage]); err != nil || string(raw) != `{"a": [1, 2]}` {
		t.Fatalf("raw %s, %v", raw, err)
	}
	if err := jsonvalue.Decode([]byte(`{"a":NaN}`), &raw, jsonvalue.Raw[json.RawMessage]); err == nil {
		t.Fatal("invalid JSON kept as raw")
	}
	var v struct{ A []bool }
	if err := jsonvalue.Decode([]byte(`{"a":[true,false]}`), &v, jsonvalue.Unmarshal); err != nil || len(v.A) != 2 || !v.A[0] {
		t.Fatalf("struct %+v, %v", v, err)
	}
}
