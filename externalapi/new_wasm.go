//go:build js && wasm

package externalapi

import (
	"context"
	"fmt"

	"github.com/hack-pad/safejs"
)

// New loads the provider's script (once per page), creates the meeting iframe
// with the options and returns its API. It reads the library's
// getSupportedCommands and getSupportedEvents: a command or event the library
// lacks is then an error wrapping ErrUnsupported, and a renamed one goes by
// its other name (see API.SetLowBandwidthMode). ctx bounds the script load; the
// meeting then starts on its own: wait for it with WaitReady or OnLoad.
func New(ctx context.Context, p Provider, o Options) (*API, error) {
	opts, err := constructorOptions(p, o)
	if err != nil {
		return nil, err
	}
	src, err := p.Script()
	if err != nil {
		return nil, err
	}
	if err := LoadScript(ctx, src, p.Global); err != nil {
		return nil, err
	}
	jsOpts, err := toJS(opts)
	if err != nil {
		return nil, err
	}
	if o.ParentNodeID != "" {
		parent, err := elementByID(o.ParentNodeID)
		if err != nil {
			return nil, err
		}
		if err := jsOpts.Set("parentNode", parent); err != nil {
			return nil, err
		}
	}
	ctor, err := safejs.Global().Get(p.Global)
	if err != nil {
		return nil, err
	}
	obj, err := ctor.New(p.Domain, jsOpts)
	if err != nil {
		return nil, fmt.Errorf("externalapi: new %s: %w", p.Global, err)
	}

	a := newAPI(p)
	if err := a.bind(obj, a.receive, o.OnLoad); err != nil {
		return nil, err
	}
	return a, nil
}

// bind makes a, fresh from newAPI, drive the library object obj, as New and
// Adopt return it: it registers the backend for obj's events, which go to
// receive (a.receive, or Adopt's hold in front of it), reads what the
// library supports and listens to ready for WaitReady and onLoad. On
// failure, obj and a are disposed.
func (a *API) bind(obj safejs.Value, receive func(string, []byte), onLoad func()) error {
	b, err := newJSBackend(obj, receive)
	if err != nil {
		_, _ = obj.Call("dispose")
		a.endLife()
		a.queue.close()
		return err
	}
	a.backend = b
	a.learnSupport()
	// Always listen to ready: WaitReady and OnLoad depend on it.
	if _, err := a.OnReady(func(Ready) {
		if onLoad != nil {
			onLoad()
		}
	}); err != nil {
		_ = a.Dispose()
		return err
	}
	return nil
}

// elementByID returns the element with the id or an error.
func elementByID(id string) (safejs.Value, error) {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return safejs.Value{}, err
	}
	el, err := doc.Call("getElementById", id)
	if err != nil {
		return safejs.Value{}, err
	}
	if el.IsNull() {
		return safejs.Value{}, fmt.Errorf("externalapi: no element with id %q for the meeting", id)
	}
	return el, nil
}

// IFrame returns the meeting's iframe element.
func (a *API) IFrame() (safejs.Value, error) {
	if err := a.alive(); err != nil {
		return safejs.Value{}, err
	}
	b, ok := a.backend.(*jsBackend)
	if !ok {
		return safejs.Value{}, errNoObject
	}
	return b.obj.Call("getIFrame")
}
