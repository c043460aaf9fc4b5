//go:build !js

// The fuzz test runs on the host only: the browser has no file system for
// the seed corpus in testdata/fuzz.

package externalapi

import (
	"bytes"
	"testing"
)

// FuzzDecodeEvent checks that no payload makes the decoder panic, and that
// it returns either an event of the requested name or an error.
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
	})
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
