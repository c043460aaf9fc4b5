//go:build !externalapi_stdjson

package jsonvalue_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/valyala/fastjson"

	"github.com/meetbridge/meetbridge/externalapi/internal/jsonvalue"
)

type name string

type inner struct {
	A string  `json:"a"`
	N float64 `json:"n"`
}

// sample has a field of every kind the generated decoders read.
type sample struct {
	S    string             `json:"s"`
	Name name               `json:"name"`
	B    bool               `json:"b"`
	I    int                `json:"i"`
	I8   int8               `json:"i8"`
	I64  int64              `json:"i64"`
	F    float64            `json:"f"`
	Raw  json.RawMessage    `json:"raw"`
	Raws []json.RawMessage  `json:"raws"`
	List []inner            `json:"list"`
	Strs []name             `json:"strs"`
	Map  map[name]inner     `json:"map"`
	Ptr  *inner             `json:"ptr"`
	PI   *int               `json:"pi"`
	Anon struct{ X bool }   `json:"anon"`
	Deep map[string][]*bool `json:"deep"`
}

var sampleFields = []string{"s", "name", "b", "i", "i8", "i64", "f", "raw", "raws", "list", "strs", "map", "ptr", "pi", "anon", "deep"}

func readInner(j *fastjson.Value, v *inner) error {
	return jsonvalue.Struct(j, []string{"a", "n"}, func(i int, j *fastjson.Value) error {
		switch i {
		case 0:
			return jsonvalue.String(j, &v.A)
		case 1:
			return jsonvalue.Float64(j, &v.N)
		}
		return nil
	})
}

// readSample is what the generator writes for sample.
func readSample(j *fastjson.Value, v *sample) error {
	return jsonvalue.Struct(j, sampleFields, func(i int, j *fastjson.Value) error {
		switch i {
		case 0:
			return jsonvalue.String(j, &v.S)
		case 1:
			return jsonvalue.String(j, &v.Name)
		case 2:
			return jsonvalue.Bool(j, &v.B)
		case 3:
			return jsonvalue.Int(j, &v.I)
		case 4:
			return jsonvalue.Int(j, &v.I8)
		case 5:
			return jsonvalue.Int(j, &v.I64)
		case 6:
			return jsonvalue.Float64(j, &v.F)
		case 7:
			return jsonvalue.Raw(j, &v.Raw)
		case 8:
			return jsonvalue.Slice(j, &v.Raws, jsonvalue.Raw[json.RawMessage])
		case 9:
			return jsonvalue.Slice(j, &v.List, readInner)
		case 10:
			return jsonvalue.Slice(j, &v.Strs, jsonvalue.String[name])
		case 11:
			return jsonvalue.Map(j, &v.Map, readInner)
		case 12:
			return jsonvalue.Pointer(j, &v.Ptr, readInner)
		case 13:
			return jsonvalue.Pointer(j, &v.PI, jsonvalue.Int[int])
		case 14:
			return jsonvalue.Struct(j, []string{"X"}, func(i int, j *fastjson.Value) error {
				if i == 0 {
					return jsonvalue.Bool(j, &v.Anon.X)
				}
				return nil
			})
		case 15:
			return jsonvalue.Map(j, &v.Deep, func(j *fastjson.Value, v *[]*bool) error {
				return jsonvalue.Slice(j, v, func(j *fastjson.Value, v **bool) error {
					return jsonvalue.Pointer(j, v, jsonvalue.Bool[bool])
				})
			})
		}
		return nil
	})
}

var seeds = []string{
	`{}`, `null`, ` {"s":"x"} `, `{"S":"upper","s":"lower"}`, `{"NAME":"n","Name":"m"}`,
	`{"s":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\ud800x\udc00\u0000"}`, "{\"s\":\"\xff\xfe\"}",
	`{"b":true,"i":-12,"i8":127,"i64":9007199254740993,"f":1.5e-3}`, `{"i8":128}`, `{"i":1.0}`, `{"i":1e2}`,
	`{"f":1e400}`, `{"i":"1"}`, `{"s":1}`, `{"b":"true"}`, `{"s":null,"b":null,"i":null,"f":null}`,
	`{"raw": {"a" : [1, 2]} ,"raws":[null,1,"x"]}`, `{"raw":null}`,
	`{"list":[{"a":"x","n":1},{"a":"y"}],"list":[{"n":2}]}`, `{"list":[]}`, `{"list":null}`,
	`{"strs":["a","b"],"map":{"k":{"a":"v"},"k":{"n":3}},"map":{"j":{}}}`,
	`{"ptr":{"a":"p"},"ptr":{"n":4},"pi":5,"pi":null}`, `{"anon":{"x":true}}`, `{"anon":null}`,
	`{"deep":{"a":[true,null,false],"b":null}}`, `{"unknown":{"x":[1,{"y":null}]},"s":"k"}`,
	`{"s":"x",}`, `{"s" "x"}`, `{"s":"x"}x`, `{"s":"x"`, `[1]`, `"str"`, `{"i":-}`, `{"i":01}`,
	`{"f":1.}`, `{"f":.5}`, `{"f":1e}`, `{"b":tru}`, `{"raw":nul}`, "{\"s\":\"a\tb\"}", `{"s":"\x"}`,
	`{"s":"\u12"}`, `{"s":"\ud800\ud800\udc00\udc00"}`, "{\"\xff\":1,\"m\u00e9\":2}", `{"raw":"\u0041\ud800"}`, `{"i":NaN}`, `{"f":nan}`, `{"f":Infinity}`, `{"f":-inf}`, `{"f":+1}`, `{"s":"\ud800\\u0041"}`, "{\"s\":\"\t\\n\"}", "{\"\x01\\n\":1}", `{"list":{}}`, `{"map":[]}`, `{"ptr":"x"}`, `{"strs":[1]}`, `{"a":1 "b":2}`, ``, ` `,
}

// canonicalRaw rewrites the raw JSON fields of v in one form, so that
// values differing only in the spelling of the same JSON compare equal:
// jsonvalue keeps a json.RawMessage in fastjson's compact form, encoding/json
// keeps its original bytes.
func canonicalRaw(t *testing.T, v *sample) {
	t.Helper()
	canon := func(raw json.RawMessage) json.RawMessage {
		if raw == nil {
			return nil
		}
		var x any
		if err := json.Unmarshal(raw, &x); err != nil {
			t.Fatalf("raw %q: %v", raw, err)
		}
		out, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	v.Raw = canon(v.Raw)
	for i := range v.Raws {
		v.Raws[i] = canon(v.Raws[i])
	}
}

// compare decodes data over prior with encoding/json and with Decode and
// checks they agree. DecodeStringified must agree too wherever data is valid
// JSON (which JSON.stringify always writes), and never panic.
func compare(t *testing.T, data, prior []byte) {
	t.Helper()
	var want, got, gotStringified sample
	for _, v := range []*sample{&want, &got, &gotStringified} {
		if json.Unmarshal(prior, v) != nil {
			*v = sample{}
		}
	}
	wantErr := json.Unmarshal(data, &want)
	gotErr := jsonvalue.Decode(data, &got, readSample)
	stringifiedErr := jsonvalue.DecodeStringified(data, &gotStringified, readSample)
	if (wantErr == nil) != (gotErr == nil) {
		t.Fatalf("%q: encoding/json error %v, jsonvalue error %v", data, wantErr, gotErr)
	}
	if wantErr == nil {
		canonicalRaw(t, &want)
		canonicalRaw(t, &got)
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%q:\nencoding/json %#v\njsonvalue     %#v", data, want, got)
		}
	}
	if !json.Valid(data) {
		return
	}
	if (wantErr == nil) != (stringifiedErr == nil) {
		t.Fatalf("%q: encoding/json error %v, DecodeStringified error %v", data, wantErr, stringifiedErr)
	}
	if wantErr == nil {
		canonicalRaw(t, &gotStringified)
		if !reflect.DeepEqual(want, gotStringified) {
			t.Fatalf("%q:\nencoding/json     %#v\nDecodeStringified %#v", data, want, gotStringified)
		}
	}
}

func TestDecodeMatchesEncodingJSON(t *testing.T) {
	for _, s := range seeds {
		t.Run("", func(t *testing.T) { compare(t, []byte(s), nil) })
	}
}

func TestRawIsCompact(t *testing.T) {
	var v sample
	if err := jsonvalue.Decode([]byte(`{"raw": {"a" : [1, 2]}}`), &v, readSample); err != nil {
		t.Fatal(err)
	}
	if string(v.Raw) != `{"a":[1,2]}` {
		t.Fatalf("raw %s", v.Raw)
	}
}

func TestErrorNamesTheField(t *testing.T) {
	for data, field := range map[string]string{
		`{"list":[{"a":"x"},{"a":1}]}`: "field list[1].a: ",
		`{"map":{"k":{"n":"x"}}}`:      `field map."k".n: `,
		`{"deep":{"d":[true,"no"]}}`:   `field deep."d"[1]: `,
		`{"s":"x","i8":300}`:           "field i8: ",
		`{"anon":{"X":[]}}`:            "field anon.X: ",
	} {
		var v sample
		err := jsonvalue.Decode([]byte(data), &v, readSample)
		if err == nil || !strings.HasPrefix(err.Error(), field) {
			t.Errorf("%s: error %v, want one naming %q", data, err, field)
		}
	}
}

// nested returns {"raw":[[[...]]]} with levels of nesting in all.
func nested(levels int) []byte {
	deep := make([]byte, 0, 2*levels+10)
	deep = append(deep, `{"raw":`...)
	for range levels - 1 {
		deep = append(deep, '[')
	}
	for range levels - 1 {
		deep = append(deep, ']')
	}
	return append(deep, '}')
}

func TestDepthLimit(t *testing.T) {
	var v sample
	if err := jsonvalue.Decode(nested(fastjson.MaxDepth), &v, readSample); err != nil {
		t.Fatalf("%d levels: %v", fastjson.MaxDepth, err)
	}
	// encoding/json allows up to 10000 levels; fastjson refuses more than
	// MaxDepth (the one difference in what is an error).
	if err := jsonvalue.Decode(nested(fastjson.MaxDepth+1), &v, readSample); err == nil {
		t.Fatalf("%d levels decoded", fastjson.MaxDepth+1)
	}
	if err := jsonvalue.Decode(nested(10001), &v, readSample); err == nil {
		t.Fatal("10001 levels of nesting decoded")
	}
	if err := json.Unmarshal(nested(10001), &v); err == nil {
		t.Fatal("encoding/json accepted 10001 levels; the limit changed")
	}
	// Far deeper input must not exhaust the stack either.
	if err := jsonvalue.Decode(nested(5_000_000), &v, readSample); err == nil {
		t.Fatal("5,000,000 levels of nesting decoded")
	}
	// Nor without validation: the parser stops at MaxDepth.
	if err := jsonvalue.DecodeStringified(nested(5_000_000), &v, readSample); err == nil {
		t.Fatal("5,000,000 levels of nesting decoded without validation")
	}
}
