//go:build js && wasm && !externalapi_stdjson

package jsonvalue_test

import (
	"encoding/json"
	"reflect"
	"syscall/js"
	"testing"

	"github.com/meetbridge/meetbridge/externalapi/internal/jsonvalue"
)

// TestStringifiedMatchesEncodingJSON decodes what this browser's
// JSON.stringify writes, the input DecodeStringified is for, and checks it
// against encoding/json and against the validating Decode. Each JSON text
// is first parsed by JSON.parse, so that the values hold what stringify
// must escape: lone surrogates, control characters, numbers JSON cannot
// hold.
func TestStringifiedMatchesEncodingJSON(t *testing.T) {
	jsJSON := js.Global().Get("JSON")
	for _, text := range []string{
		`{"s":"\ud800"}`, `{"s":"x\udc00y\ud83d\ude00"}`, `{"s":"\u0000\u0001\u001f\u007f\n\t\"\\"}`,
		`{"S":"upper","s":"lower"}`, `{"f":1e400,"i":-0,"i64":9007199254740993}`, `{"f":1e21,"i":1e2}`,
		`{"f":-1e-7,"i8":128}`, `{"raw":{"a":[1,{"b":"\ud800"}],"c":1e400},"raws":[null,-0,"\u2028"]}`,
		`{"list":[{"a":"x","n":1},{"a":"\udfff"}],"map":{"\ud800":{"n":1}},"strs":["\u0085"]}`,
		`{"deep":{"a":[true,null,false]},"ptr":{"a":"p"},"pi":3,"anon":{"x":true}}`,
		`{"s":1}`, `{"i":1.5}`, `[1]`, `null`,
	} {
		s := jsJSON.Call("stringify", jsJSON.Call("parse", text)).String()
		data := []byte(s)
		var want, got, stringified sample
		wantErr := json.Unmarshal(data, &want)
		gotErr := jsonvalue.Decode(data, &got, readSample)
		err := jsonvalue.DecodeStringified(data, &stringified, readSample)
		if (wantErr == nil) != (err == nil) || (gotErr == nil) != (err == nil) {
			t.Errorf("%s, stringified %q: encoding/json error %v, Decode error %v, DecodeStringified error %v", text, s, wantErr, gotErr, err)
			continue
		}
		if err != nil {
			continue
		}
		canonicalRaw(t, &want)
		canonicalRaw(t, &got)
		canonicalRaw(t, &stringified)
		if !reflect.DeepEqual(want, stringified) || !reflect.DeepEqual(got, stringified) {
			t.Errorf("%s, stringified %q:\nencoding/json     %#v\nDecode            %#v\nDecodeStringified %#v", text, s, want, got, stringified)
		}
	}
}

// TestStringifiedLoneSurrogate checks that a lone surrogate, which
// JSON.stringify escapes as \ud800, reads as U+FFFD, as with encoding/json.
func TestStringifiedLoneSurrogate(t *testing.T) {
	jsJSON := js.Global().Get("JSON")
	lone := js.Global().Get("String").Call("fromCharCode", 0x61, 0xd800, 0x62)
	obj := js.Global().Get("Object").New()
	obj.Set("s", lone)
	s := jsJSON.Call("stringify", obj).String()
	if s != `{"s":"a\ud800b"}` {
		t.Fatalf("JSON.stringify wrote %q; this browser is not ES2019's well-formed JSON.stringify", s)
	}
	var v sample
	if err := jsonvalue.DecodeStringified([]byte(s), &v, readSample); err != nil {
		t.Fatal(err)
	}
	if v.S != "a\ufffdb" {
		t.Fatalf("read %q, want %q", v.S, "a\ufffdb")
	}
}
