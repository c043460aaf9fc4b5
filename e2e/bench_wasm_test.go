//go:build js && wasm

package e2e

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/hack-pad/safejs"

	"github.com/meetbridge/meetbridge/externalapi"
)

// BenchmarkEndToEndEvents measures events per second from the conference
// page (the control's burst action emits b.N dominant-speaker-changed
// events in one loop) through postMessage and the sandbox's
// external_api.js to a handler: a typed Go handler through the bridge
// against a plain JS listener on a JitsiMeetExternalAPI object, in the same
// page and run. Each event reaches the parent page as a message task of its
// own; the bridge carries such a burst into Go in a few batches (see the
// package doc of externalapi).
func BenchmarkEndToEndEvents(b *testing.B) {
	loadHelper(b, "/files/testdata/bench.js")
	b.Run("go-handler", func(b *testing.B) {
		m, _ := join(b, "bench-go", externalapi.Options{})
		var got atomic.Int64
		done := make(chan struct{})
		target := int64(b.N)
		if _, err := m.OnDominantSpeakerChanged(func(externalapi.DominantSpeakerChanged) {
			if got.Add(1) == target {
				close(done)
			}
		}); err != nil {
			b.Fatal(err)
		}
		m.waitControl(b)
		b.ResetTimer()
		m.burst(b, b.N)
		recv(b, done)
		b.StopTimer()
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("js-handler", func(b *testing.B) {
		room := newRoom("bench-js")
		api := jsMeeting(b, room)
		helper := safejs.MustGetGlobal("e2eBench")
		await(b, must(helper.Call("joined", api)))
		state := must(helper.Call("count", api, "dominantSpeakerChanged"))
		m := &meeting{room: room}
		frame := must(api.Call("getIFrame"))
		m.frame = &frame
		m.waitControl(b)
		b.ResetTimer()
		m.burst(b, b.N)
		await(b, must(helper.Call("reach", state, b.N)))
		b.StopTimer()
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}

// maxBurst is the most events one burst action may ask for (the sandbox's
// limit).
const maxBurst = 100000

// burst has the conference page emit n dominant-speaker-changed events, in
// bursts of at most maxBurst.
func (m *meeting) burst(b *testing.B, n int) {
	for n > 0 {
		count := min(n, maxBurst)
		m.control(b, map[string]any{"action": "burst", "count": count})
		n -= count
	}
}

// loadHelper loads a helper script of testdata once.
func loadHelper(b testing.TB, src string) {
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	if err := externalapi.LoadScript(ctx, src, ""); err != nil && !isNoGlobal(err) {
		b.Fatal(err)
	}
}

// jsMeeting creates a JitsiMeetExternalAPI object with plain JS calls,
// without the Go bridge, and disposes it when the benchmark ends.
func jsMeeting(b testing.TB, room string) safejs.Value {
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	if err := externalapi.LoadScript(ctx, libraryPath(), "JitsiMeetExternalAPI"); err != nil {
		b.Fatal(err)
	}
	opts := must(safejs.MustGetGlobal("Object").New())
	_ = opts.Set("roomName", room)
	_ = opts.Set("jwt", moderatorJWT(b, room, nil))
	api := must(safejs.MustGetGlobal("JitsiMeetExternalAPI").New(host(), opts))
	b.Cleanup(func() { _, _ = api.Call("dispose") })
	return api
}

// must unwraps a safejs result in a benchmark helper.
func must(v safejs.Value, err error) safejs.Value {
	if err != nil {
		panic(err)
	}
	return v
}

// await waits for a promise to settle.
func await(b testing.TB, p safejs.Value) {
	b.Helper()
	done := make(chan struct{}, 1)
	fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		select {
		case done <- struct{}{}:
		default:
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	defer fn.Release()
	if _, err := p.Call("then", fn.Value(), fn.Value()); err != nil {
		b.Fatal(err)
	}
	recv(b, done)
}
