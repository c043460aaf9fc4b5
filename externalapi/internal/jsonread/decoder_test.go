package jsonread_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/meetbridge/meetbridge/externalapi/internal/jsonread"
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

func readInner(d *jsonread.Decoder, v *inner) error {
	return jsonread.Struct(d, []string{"a", "n"}, func(i int) error {
		switch i {
		case 0:
			return jsonread.String(d, &v.A)
		case 1:
			return jsonread.Float64(d, &v.N)
		}
		return d.Skip()
	})
}

// readSample is what the generator writes for sample.
func readSample(d *jsonread.Decoder, v *sample) error {
	return jsonread.Struct(d, sampleFields, func(i int) error {
		switch i {
		case 0:
			return jsonread.String(d, &v.S)
		case 1:
			return jsonread.String(d, &v.Name)
		case 2:
			return jsonread.Bool(d, &v.B)
		case 3:
			return jsonread.Int(d, &v.I)
		case 4:
			return jsonread.Int(d, &v.I8)
		case 5:
			return jsonread.Int(d, &v.I64)
		case 6:
			return jsonread.Float64(d, &v.F)
		case 7:
			return jsonread.Raw(d, &v.Raw)
		case 8:
			return jsonread.Slice(d, &v.Raws, jsonread.Raw[json.RawMessage])
		case 9:
			return jsonread.Slice(d, &v.List, readInner)
		case 10:
			return jsonread.Slice(d, &v.Strs, jsonread.String[name])
		case 11:
			return jsonread.Map(d, &v.Map, readInner)
		case 12:
			return jsonread.Pointer(d, &v.Ptr, readInner)
		case 13:
			return jsonread.Pointer(d, &v.PI, jsonread.Int[int])
		case 14:
			return jsonread.Struct(d, []string{"X"}, func(i int) error {
				if i == 0 {
					return jsonread.Bool(d, &v.Anon.X)
				}
				return d.Skip()
			})
		case 15:
			return jsonread.Map(d, &v.Deep, func(d *jsonread.Decoder, v *[]*bool) error {
				return jsonread.Slice(d, v, func(d *jsonread.Decoder, v **bool) error {
					return jsonread.Pointer(d, v, jsonread.Bool[bool])
				})
			})
		}
		return d.Skip()
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
	`{"s":"\u12"}`, `{"list":{}}`, `{"map":[]}`, `{"ptr":"x"}`, `{"strs":[1]}`, `{"a":1 "b":2}`, ``, ` `,
}

func TestDecodeMatchesEncodingJSON(t *testing.T) {
	for _, s := range seeds {
		var want, got sample
		wantErr := json.Unmarshal([]byte(s), &want)
		gotErr := jsonread.Decode([]byte(s), &got, readSample)
		if (wantErr == nil) != (gotErr == nil) {
			t.Errorf("%q: encoding/json error %v, jsonread error %v", s, wantErr, gotErr)
			continue
		}
		if wantErr == nil && !reflect.DeepEqual(want, got) {
			t.Errorf("%q:\nencoding/json %#v\njsonread      %#v", s, want, got)
		}
	}
}

func TestDepthLimit(t *testing.T) {
	deep := make([]byte, 0, 20010)
	deep = append(deep, `{"raw":`...)
	for range 10000 {
		deep = append(deep, '[')
	}
	for range 10000 {
		deep = append(deep, ']')
	}
	deep = append(deep, '}')
	var v sample
	if err := jsonread.Decode(deep, &v, readSample); err == nil {
		t.Fatal("10001 levels of nesting decoded")
	}
	if err := json.Unmarshal(deep, &v); err == nil {
		t.Fatal("encoding/json accepted 10001 levels; the limit changed")
	}
}
