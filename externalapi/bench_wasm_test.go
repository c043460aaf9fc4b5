//go:build js && wasm

package externalapi

import (
	"encoding/json"
	"sync/atomic"
	"testing"

	"github.com/hack-pad/safejs"
)

// The browser benchmarks of BENCHMARKS.md: make bench.

// participantPayload is a typical event payload.
var participantPayload = map[string]any{"id": "abcd1234", "displayName": "Bob Example", "formattedDisplayName": "Bob Example"}

// BenchmarkEventDelivery measures events per second from a JS emit to a
// handler: typed-go goes through the bridge (the batch queue, one crossing
// into Go for the whole JS loop, the dispatcher goroutine, decoding into
// ParticipantJoined); plain-js is a JS listener on the same object in the
// same page, the baseline.
func BenchmarkEventDelivery(b *testing.B) {
	b.Run("typed-go", func(b *testing.B) {
		benchGoHandler(b, func(a *API, count func()) error {
			_, err := a.OnParticipantJoined(func(ParticipantJoined) { count() })
			return err
		})
	})
	b.Run("raw-go", func(b *testing.B) {
		benchGoHandler(b, func(a *API, count func()) error {
			_, err := a.OnRaw("participantJoined", func(json.RawMessage) { count() })
			return err
		})
	})
	b.Run("bare-go-func", func(b *testing.B) {
		_, double := benchFake(b)
		var got int
		fn, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
			got++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		defer fn.Release()
		must(double.Call("on", "participantJoined", fn.Value()))
		payload := must(toJS(participantPayload))
		b.ReportAllocs()
		b.ResetTimer()
		must(double.Call("emitMany", "participantJoined", payload, b.N))
		b.StopTimer()
		if got != b.N {
			b.Fatalf("Go counted %d of %d", got, b.N)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("typed-go-tasks", func(b *testing.B) { benchInTasks(b, true) })
	b.Run("plain-js-tasks", func(b *testing.B) { benchInTasks(b, false) })
	b.Run("plain-js", func(b *testing.B) {
		_, double := benchFake(b)
		must(double.Call("countWithJS", "participantJoined"))
		payload := must(toJS(participantPayload))
		b.ReportAllocs()
		b.ResetTimer()
		must(double.Call("emitMany", "participantJoined", payload, b.N))
		b.StopTimer()
		if n, _ := must(double.Get("jsCount")).Int(); n != b.N {
			b.Fatalf("JS counted %d of %d", n, b.N)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}

// benchGoHandler times b.N participantJoined events from one JS loop to the
// Go handler that subscribe attaches (it calls count once per event).
func benchGoHandler(b *testing.B, subscribe func(a *API, count func()) error) {
	a, double := benchFake(b)
	var got atomic.Int64
	done := make(chan struct{})
	target := int64(b.N)
	if err := subscribe(a, func() {
		if got.Add(1) == target {
			close(done)
		}
	}); err != nil {
		b.Fatal(err)
	}
	payload := must(toJS(participantPayload))
	b.ReportAllocs()
	b.ResetTimer()
	must(double.Call("emitMany", "participantJoined", payload, b.N))
	<-done
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// benchInTasks times b.N participantJoined events each emitted in a task of
// its own, a window message, as a conference iframe's events arrive (see
// testdata/batch_tasks.js), to an OnParticipantJoined handler or, without
// goHandler, to a plain JS listener. It reports the events per crossing
// into Go.
func benchInTasks(b *testing.B, goHandler bool) {
	helper := batchTasks(b)
	a, double := benchFake(b)
	var got atomic.Int64
	done := make(chan struct{})
	if goHandler {
		target := int64(b.N)
		if _, err := a.OnParticipantJoined(func(ParticipantJoined) {
			if got.Add(1) == target {
				close(done)
			}
		}); err != nil {
			b.Fatal(err)
		}
	} else {
		must(double.Call("countWithJS", "participantJoined"))
		close(done)
	}
	pair := must(safejs.ValueOf([]any{"participantJoined", participantPayload}))
	pairs := must(jsArray.New(b.N))
	for i := range b.N {
		if err := pairs.SetIndex(i, pair); err != nil {
			b.Fatal(err)
		}
	}
	posted := make(chan struct{})
	resolved, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		close(posted)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	defer resolved.Release()
	before := theBatch.flushes.Load()
	b.ReportAllocs()
	b.ResetTimer()
	// The promise resolves in the task of the last message.
	must(must(helper.Call("postEach", double, pairs, -1, nil)).Call("then", resolved.Value()))
	<-posted
	<-done
	b.StopTimer()
	if !goHandler {
		if n, _ := must(double.Get("jsCount")).Int(); n != b.N {
			b.Fatalf("JS counted %d of %d", n, b.N)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	if flushes := theBatch.flushes.Load() - before; goHandler && flushes > 0 {
		b.ReportMetric(float64(b.N)/float64(flushes), "events/flush")
	}
}

// BenchmarkCommand measures a typed command call up to the JS
// executeCommand call, against calling executeCommand through safejs
// directly.
func BenchmarkCommand(b *testing.B) {
	b.Run("typed-no-args", func(b *testing.B) {
		a, double := benchFake(b)
		benchCommands(b, double, func() error { return a.ToggleAudio() })
	})
	b.Run("typed-two-args", func(b *testing.B) {
		a, double := benchFake(b)
		benchCommands(b, double, func() error { return a.SetParticipantVolume("abcd1234", 0.5) })
	})
	b.Run("typed-object", func(b *testing.B) {
		a, double := benchFake(b)
		opts := RecordingOptions{Mode: RecordStream, YouTubeStreamKey: "key"}
		benchCommands(b, double, func() error { return a.StartRecording(opts) })
	})
	b.Run("raw-safejs", func(b *testing.B) {
		_, double := benchFake(b)
		benchCommands(b, double, func() error {
			_, err := double.Call("executeCommand", "setParticipantVolume", "abcd1234", 0.5)
			return err
		})
	})
}

// benchCommands times send b.N times, emptying the double's command log
// now and then so that it does not grow without bound.
func benchCommands(b *testing.B, double safejs.Value, send func() error) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := send(); err != nil {
			b.Fatal(err)
		}
		if i%4096 == 4095 {
			b.StopTimer()
			_ = double.Set("commands", must(safejs.MustGetGlobal("Array").New()))
			b.StartTimer()
		}
	}
}

// benchFake is newFake for benchmarks.
func benchFake(b *testing.B) (*API, safejs.Value) {
	b.Helper()
	a, err := New(b.Context(), fakeProvider, Options{RoomName: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = a.Dispose() })
	return a, must(safejs.MustGetGlobal("FakeMeetExternalAPI").Get("last"))
}
