//go:build !js

// The fuzz test runs on the host only: the browser has no file system for
// the seed corpus in testdata/fuzz.

package externalapi

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/meetbridge/meetbridge/externalapi/internal/jsonvalue"
)

// FuzzDecodeEvent checks that no payload makes the decoder panic, that it
// returns either an event of the requested name or an error, and that the
// generated reader agrees with encoding/json: an error for the same payloads,
// the same event otherwise.
func FuzzDecodeEvent(f *testing.F) {
	for _, s := range eventSamples {
		f.Add(s.want.EventName(), []byte(s.payload))
	}
	f.Add("participantJoined", []byte(`{"id":{"x":1}}`))
	f.Add("breakoutRoomsUpdated", []byte(`{"rooms":[]}`))
	f.Fuzz(func(t *testing.T, name string, payload []byte) {
		e, err := DecodeEvent(name, payload)
		if err == nil && e.EventName() != name {
			t.Fatalf("decoded %s as %s", name, e.EventName())
		}
		if err != nil && e != nil {
			t.Fatalf("both an event and an error: %v", err)
		}
		zero, known := DecodeEvent(name, nil)
		if known != nil {
			return
		}
		want, wantErr := unmarshalEvent(reflect.TypeOf(zero), payload)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("%s %q: reader error %v, encoding/json error %v", name, payload, err, wantErr)
		}
		if err == nil && !reflect.DeepEqual(canonicalRaw(t, e), canonicalRaw(t, want)) {
			t.Fatalf("%s %q:\nreader        %#v\nencoding/json %#v", name, payload, e, want)
		}
		// A subscription reads JSON.stringify's output, always valid JSON,
		// without validating it again: the same result for valid JSON.
		stringified, _, serr := decodeNamedEvent(name, payload, true)
		if !json.Valid(payload) {
			return
		}
		if (serr == nil) != (wantErr == nil) {
			t.Fatalf("%s %q: stringified reader error %v, encoding/json error %v", name, payload, serr, wantErr)
		}
		if serr == nil && !reflect.DeepEqual(canonicalRaw(t, stringified), canonicalRaw(t, want)) {
			t.Fatalf("%s %q:\nstringified reader %#v\nencoding/json      %#v", name, payload, stringified, want)
		}
	})
}

// unmarshalEvent is DecodeEvent done with encoding/json.
func unmarshalEvent(typ reflect.Type, payload []byte) (Event, error) {
	v := reflect.New(typ)
	p := bytes.TrimSpace(payload)
	switch {
	case len(p) == 0 || bytes.Equal(p, []byte("null")):
	case p[0] != '{':
		return nil, errNotObject
	default:
		if err := json.Unmarshal(p, v.Interface()); err != nil {
			return nil, err
		}
	}
	return v.Elem().Interface().(Event), nil
}

// resultCase decodes with a generated reader and with encoding/json; with
// stringified, the reader decodes as decodeResult does, without validating.
type resultCase func(data []byte, stringified bool) (got, want any, err, wantErr error)

// readerCase makes the resultCase of one reader.
func readerCase[T any](read jsonvalue.Reader[T]) resultCase {
	return func(data []byte, stringified bool) (any, any, error, error) {
		var got, want T
		decode := jsonvalue.Decode[T]
		if stringified {
			decode = jsonvalue.DecodeStringified[T]
		}
		err := decode(data, &got, read)
		wantErr := json.Unmarshal(data, &want)
		return got, want, err, wantErr
	}
}

// resultCases has the reader of every result type of a call or request.
var resultCases = []resultCase{
	readerCase(readPtrFrameHeight), readerCase(readPtrBool), readerCase(readPtrString), readerCase(readAvatarBackgrounds),
	readerCase(readBreakoutRooms), readerCase(readContentSharing), readerCase(readCurrentDevices), readerCase(readDeviceList),
	readerCase(readInviteResult), readerCase(readLivestream), readerCase(readRoomsInfo), readerCase(readScreenshot),
	readerCase(readSliceParticipantInfo), readerCase(readSliceString), readerCase(jsonvalue.Bool[bool]),
	readerCase(jsonvalue.Int[int]), readerCase(jsonvalue.Raw[json.RawMessage]), readerCase(jsonvalue.String[string]),
}

// FuzzResultAgainstEncodingJSON checks the generated result readers against
// encoding/json, for every result type.
func FuzzResultAgainstEncodingJSON(f *testing.F) {
	for i := range resultCases {
		for _, s := range []string{`null`, `true`, `12`, `1.5`, `"x"`, `["a"]`, `[{"participantId":"p","displayName":"n"}]`,
			`{"rooms":[{"id":"r","isMainRoom":true,"participants":[{"id":"p","role":"moderator","userContext":{"a":1}}]}]}`,
			`{"audioInput":{"deviceId":"d","kind":"audioinput","label":"l"},"videoInput":null}`,
			`{"audioInput":[{"deviceId":"d"}],"AUDIOOUTPUT":[]}`, `{"r1":{"id":"r1","participants":{"j":{"role":"none"}}}}`,
			`{"error":{"x":1},"result":null}`, `{"dataURL":"data:image/png;base64,AA"}`} {
			f.Add(uint8(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, index uint8, data []byte) {
		for _, stringified := range []bool{false, true} {
			got, want, err, wantErr := resultCases[int(index)%len(resultCases)](data, stringified)
			if stringified && !json.Valid(data) {
				return // JSON.stringify writes only valid JSON
			}
			if (err == nil) != (wantErr == nil) {
				t.Fatalf("%T %q (stringified %v): reader error %v, encoding/json error %v", want, data, stringified, err, wantErr)
			}
			if err == nil && !reflect.DeepEqual(canonicalRaw(t, got), canonicalRaw(t, want)) {
				t.Fatalf("%T %q (stringified %v):\nreader        %#v\nencoding/json %#v", want, data, stringified, got, want)
			}
		}
	})
}

// canonicalRaw returns a copy of v with every json.RawMessage in it
// rewritten in one form, so that values differing only in how the same JSON
// is spelled compare equal: the readers keep a raw value in fastjson's
// compact form, encoding/json keeps its original bytes.
func canonicalRaw(t *testing.T, v any) any {
	t.Helper()
	if v == nil {
		return nil
	}
	c := reflect.New(reflect.TypeOf(v)).Elem()
	canonicalValue(t, c, reflect.ValueOf(v))
	return c.Interface()
}

// canonicalValue sets dst to src with every json.RawMessage canonical.
func canonicalValue(t *testing.T, dst, src reflect.Value) {
	t.Helper()
	if src.Type() == reflect.TypeFor[json.RawMessage]() {
		if src.IsNil() {
			return
		}
		var x any
		if err := json.Unmarshal(src.Bytes(), &x); err != nil {
			t.Fatalf("raw %q: %v", src.Bytes(), err)
		}
		out, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		dst.SetBytes(out)
		return
	}
	switch src.Kind() {
	case reflect.Pointer:
		if !src.IsNil() {
			dst.Set(reflect.New(src.Type().Elem()))
			canonicalValue(t, dst.Elem(), src.Elem())
		}
	case reflect.Slice:
		if !src.IsNil() {
			dst.Set(reflect.MakeSlice(src.Type(), src.Len(), src.Len()))
			for i := range src.Len() {
				canonicalValue(t, dst.Index(i), src.Index(i))
			}
		}
	case reflect.Map:
		if !src.IsNil() {
			dst.Set(reflect.MakeMap(src.Type()))
			for _, k := range src.MapKeys() {
				e := reflect.New(src.Type().Elem()).Elem()
				canonicalValue(t, e, src.MapIndex(k))
				dst.SetMapIndex(k, e)
			}
		}
	case reflect.Struct:
		for i := range src.NumField() {
			canonicalValue(t, dst.Field(i), src.Field(i))
		}
	default:
		dst.Set(src)
	}
}

// FuzzSplitBatch checks that no batch string makes the splitter panic, and
// that what it returns is a marker per event with at most one payload line.
func FuzzSplitBatch(f *testing.F) {
	f.Add([]byte(`{"\u0000id":3}` + "\n" + `{"id":"a"}` + "\n" + `{"\u0000id":4}`))
	f.Add([]byte(`{"\u0000id":1}` + "\n\n" + `{"\u0000id":2}` + "\n\"s\""))
	f.Add([]byte("\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		events, err := splitBatch(data)
		if err != nil {
			if events != nil {
				t.Fatalf("both events and an error: %v", err)
			}
			return
		}
		for _, ev := range events {
			if bytes.IndexByte(ev.payload, '\n') >= 0 {
				t.Fatalf("a payload spans lines: %q", ev.payload)
			}
		}
	})
}
