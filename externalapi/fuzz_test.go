//go:build !js

// The fuzz test runs on the host only: the browser has no file system for
// the seed corpus in testdata/fuzz.

package externalapi

import "testing"

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
