//go:build js && wasm

package app

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/externalapi"
	"github.com/meetbridge/meetbridge/externalapi/externalapitest"
)

// guard bounds every wait: a hang guard, not a timing assertion.
const guard = 10 * time.Second

// fakeProviderFor builds the grant's provider, then loads the External API
// test double in place of the real script.
func fakeProviderFor(g Grant) (externalapi.Provider, externalapi.Options, error) {
	p, o, err := ProviderFromGrant(g)
	if err != nil {
		return p, o, err
	}
	p.Global, p.ScriptURL = externalapitest.Global, externalapitest.ScriptURL()
	return p, o, nil
}

// unmountAtEnd replaces the component with an empty one when the test ends,
// which disposes its meeting.
func unmountAtEnd(t *testing.T, e goapp.TestEngine) {
	t.Cleanup(func() {
		require.NoError(t, e.Load(&empty{}))
		e.ConsumeAll()
	})
}

// query returns the first element matching selector, or null.
func query(t *testing.T, selector string) safejs.Value {
	t.Helper()
	el, err := safejs.MustGetGlobal("document").Call("querySelector", selector)
	require.NoError(t, err)
	return el
}

// mustQuery returns the first element matching selector.
func mustQuery(t *testing.T, selector string) safejs.Value {
	t.Helper()
	el := query(t, selector)
	require.False(t, el.IsNull(), "no element matches %s", selector)
	return el
}

// textOf returns the text of the element matching selector.
func textOf(t *testing.T, selector string) string {
	t.Helper()
	v, err := mustQuery(t, selector).Get("textContent")
	require.NoError(t, err)
	s, err := v.String()
	require.NoError(t, err)
	return s
}

// count returns how many elements match selector.
func count(t *testing.T, selector string) int {
	t.Helper()
	list, err := safejs.MustGetGlobal("document").Call("querySelectorAll", selector)
	require.NoError(t, err)
	n, err := list.Get("length")
	require.NoError(t, err)
	i, err := n.Int()
	require.NoError(t, err)
	return i
}

// disabled reports whether the element matching selector is disabled.
func disabled(t *testing.T, selector string) bool {
	t.Helper()
	v, err := mustQuery(t, selector).Get("disabled")
	require.NoError(t, err)
	d, _ := v.Bool()
	return d
}

// click dispatches a click on the element matching selector; the engine
// runs the handler at the next ConsumeAll.
func click(t *testing.T, selector string) {
	t.Helper()
	el := mustQuery(t, selector)
	disabled, err := el.Get("disabled")
	require.NoError(t, err)
	d, _ := disabled.Bool()
	require.False(t, d, "%s is disabled", selector)
	_, err = el.Call("click")
	require.NoError(t, err)
}

// setValue types value into the input or select matching selector and fires
// the event go-app listens to (input or change).
func setValue(t *testing.T, selector, value, event string) {
	t.Helper()
	el := mustQuery(t, selector)
	require.NoError(t, el.Set("value", value))
	ctor := safejs.MustGetGlobal("Event")
	ev, err := ctor.New(event, jsValue(t, `{"bubbles":true}`))
	require.NoError(t, err)
	_, err = el.Call("dispatchEvent", ev)
	require.NoError(t, err)
}

// jsValue parses JSON into a JavaScript value.
func jsValue(t *testing.T, js string) safejs.Value {
	t.Helper()
	v, err := safejs.MustGetGlobal("JSON").Call("parse", js)
	require.NoError(t, err)
	return v
}

// toJSON stringifies a JavaScript value.
func toJSON(t *testing.T, v safejs.Value) string {
	t.Helper()
	s, err := safejs.MustGetGlobal("JSON").Call("stringify", v)
	require.NoError(t, err)
	str, err := s.String()
	require.NoError(t, err)
	return str
}

// sameObject reports whether a and b are the same JavaScript object.
// js.Value.Equal compares the ids under which Go holds the objects, and an id
// is released when the Value holding it is collected: a Value that is not
// used after the comparison can be collected before it (once Equal is
// inlined, only its id is read), and the same object then comes back under
// a new id. Keeping both alive past the comparison makes it reliable.
func sameObject(a, b safejs.Value) bool {
	same := a.Equal(b)
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
	return same
}

// double is the External API test double behind a meeting.
type double struct {
	t   *testing.T
	obj safejs.Value
}

// lastDouble returns the double constructed last.
func lastDouble(t *testing.T) double {
	t.Helper()
	obj, err := safejs.MustGetGlobal(externalapitest.Global).Get("last")
	require.NoError(t, err)
	require.False(t, obj.IsUndefined(), "no meeting was constructed")
	return double{t, obj}
}

// emit has the double emit an event with a JSON payload.
func (d double) emit(event, payload string) {
	d.t.Helper()
	_, err := d.obj.Call("emit", event, jsValue(d.t, payload))
	require.NoError(d.t, err)
}

// setResult sets the double's answer to a getter.
func (d double) setResult(method, result string) {
	d.t.Helper()
	results, err := d.obj.Get("results")
	require.NoError(d.t, err)
	require.NoError(d.t, results.Set(method, jsValue(d.t, result)))
}

// option returns one of the constructor's options as JSON.
func (d double) option(name string) string {
	d.t.Helper()
	opts, err := d.obj.Get("options")
	require.NoError(d.t, err)
	v, err := opts.Get(name)
	require.NoError(d.t, err)
	return toJSON(d.t, v)
}

// command is an executeCommand call the double recorded.
type command struct {
	Name string `json:"name"`
	Args []any  `json:"args"`
}

// commands returns what the double recorded.
func (d double) commands() []command {
	d.t.Helper()
	v, err := d.obj.Get("commands")
	require.NoError(d.t, err)
	var cs []command
	require.NoError(d.t, json.Unmarshal([]byte(toJSON(d.t, v)), &cs))
	return cs
}

// lastCommand returns the last recorded command.
func (d double) lastCommand() command {
	d.t.Helper()
	cs := d.commands()
	require.NotEmpty(d.t, cs, "no command was sent")
	return cs[len(cs)-1]
}

// syncEvent is an event name only the tests emit.
const syncEvent = "meetbridgeTestSync"

// bridgeSync waits for the bridge: its handlers run one at a time in the
// order the events came, so once the handler of a sync event emitted last
// has run, the console's handlers of every earlier event have run too (and
// dispatched their updates).
type bridgeSync struct {
	t      *testing.T
	d      double
	e      goapp.TestEngine
	synced chan struct{}
}

// newBridgeSync subscribes to the sync event of api.
func newBridgeSync(t *testing.T, api *externalapi.API, d double, e goapp.TestEngine) *bridgeSync {
	t.Helper()
	s := &bridgeSync{t: t, d: d, e: e, synced: make(chan struct{}, 1)}
	_, err := api.OnRaw(syncEvent, func(json.RawMessage) { s.synced <- struct{}{} })
	require.NoError(t, err)
	return s
}

// settle waits until the bridge has handled every event emitted so far, then
// runs the UI updates they dispatched.
func (s *bridgeSync) settle() {
	s.t.Helper()
	s.d.emit(syncEvent, "{}")
	select {
	case <-s.synced:
	case <-time.After(guard):
		s.t.Fatal("the bridge did not deliver the events")
	}
	s.e.ConsumeAll()
}

// handlerTransport answers requests with an http.Handler, in process: a
// server for the browser tests without a network.
type handlerTransport struct{ h http.Handler }

// RoundTrip implements http.RoundTripper.
func (ht handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	ht.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}

// inProcessClient is a Client whose requests the handler answers.
func inProcessClient(h http.Handler) *Client {
	return &Client{BaseURL: "http://app.test", Transport: HTTPTransport{Client: &http.Client{Transport: handlerTransport{h}}}}
}
