//go:build js && wasm

package app

import "syscall/js"

// openProviderFeed listens to the provider feed at url: onEvent gets the
// data of every "provider" event, onState the feed's state. The returned
// function closes it. Callbacks run on the JS event loop: they must only
// hand over to the UI goroutine.
func openProviderFeed(url string, onEvent func(data string), onState func(feedStatus)) (stop func()) {
	ctor := js.Global().Get("EventSource")
	if ctor.IsUndefined() {
		onState(feedBroken)
		return func() {}
	}
	src := ctor.New(url)
	event := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) > 0 {
			if d := args[0].Get("data"); d.Type() == js.TypeString {
				onEvent(d.String())
			}
		}
		return nil
	})
	open := js.FuncOf(func(js.Value, []js.Value) any { onState(feedOpen); return nil })
	fail := js.FuncOf(func(js.Value, []js.Value) any { onState(feedBroken); return nil })
	src.Call("addEventListener", "provider", event)
	src.Call("addEventListener", "open", open)
	src.Call("addEventListener", "error", fail)
	return func() {
		src.Call("close")
		event.Release()
		open.Release()
		fail.Release()
	}
}
