package sandbox_test

// Host tests of sandbox/assets/external_api.js, the sandbox's own JitsiMeetExternalAPI,
// in headless Chromium. Loopback httptest servers serve the library from disk,
// a parent page with its harness (testdata/parent) and, at every other path, a
// stub meeting (testdata/stub_conference.html) that records the raw strings
// the library posts and sends the raw strings the test gives it. The wire
// format is asserted byte for byte against strings built from the shapes of
// the spec (shared/spec/protocol.md).
//
// The file is not named external_api_js_test.go: Go reads a _js_test.go
// suffix as a GOOS=js build constraint, and the host would never build it.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/tools/internal/browsertest"
)

// jsapiParentCSP forbids eval and inline script on the parent page: the
// library must work under it.
const jsapiParentCSP = "default-src 'self'; script-src 'self'; style-src 'self'; frame-src http: https:"

// jsapiHandler serves the library from disk at /external_api.js, the parent
// page and its files under /parent/, and the stub meeting at every other path
// (a meeting is at /<room>).
func jsapiHandler(library string) http.Handler {
	serve := func(w http.ResponseWriter, path, contentType string) {
		body, err := os.ReadFile(path)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(body)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/external_api.js", func(w http.ResponseWriter, r *http.Request) {
		serve(w, library, "text/javascript; charset=utf-8")
	})
	mux.HandleFunc("/parent/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/parent/":
			w.Header().Set("Content-Security-Policy", jsapiParentCSP)
			serve(w, "testdata/parent/index.html", "text/html; charset=utf-8")
		case "/parent/harness.js":
			serve(w, "testdata/parent/harness.js", "text/javascript; charset=utf-8")
		case "/parent/forger.html":
			serve(w, "testdata/parent/forger.html", "text/html; charset=utf-8")
		default:
			http.NotFound(w, r)
		}
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		serve(w, "testdata/stub_conference.html", "text/html; charset=utf-8")
	})
	return mux
}

// realLibraryEnv names the bundle of jitsi-meet's real parent library
// (tools/jitsi-library/build.sh; make test sets it).
const realLibraryEnv = "MEETBRIDGE_JITSI_LIBRARY"

// jsapiLibrary is a parent library under test.
type jsapiLibrary struct {
	name string
	path string
	tls  bool // the library insists on https iframes
}

// ownLibrary is the sandbox's own library, read from the library module.
var ownLibrary = jsapiLibrary{name: "sandbox", path: libraryModule + "/sandbox/assets/external_api.js"}

// jsapiEnv is a browser and the servers of one test.
type jsapiEnv struct {
	lib jsapiLibrary
	b   *browsertest.Browser
	// srv serves the parent page, the library and the stub meeting.
	srv *httptest.Server
	// other is a second origin with the same files.
	other *httptest.Server
}

// jsapiLibraries are the libraries the protocol tests run against: the
// sandbox's own and, when realLibraryEnv names its bundle, jitsi-meet's
// (make test always builds it and sets the variable).
func jsapiLibraries() []jsapiLibrary {
	libs := []jsapiLibrary{ownLibrary}
	if p := os.Getenv(realLibraryEnv); p != "" {
		libs = append(libs, jsapiLibrary{name: "jitsi-meet", path: p, tls: true})
	}
	return libs
}

// eachLibrary runs a protocol test against every library of jsapiLibraries,
// as subtests named after them. Assertions about the sandbox library's own
// behaviour (what the real one does differently or not at all) sit behind
// e.own().
func eachLibrary(t *testing.T, test func(t *testing.T, e *jsapiEnv)) {
	for _, lib := range jsapiLibraries() {
		t.Run(lib.name, func(t *testing.T) { test(t, newJSAPIEnvFor(t, lib)) })
	}
}

// newJSAPIEnv is the environment of a test of the sandbox library's own
// behaviour.
func newJSAPIEnv(t *testing.T) *jsapiEnv { return newJSAPIEnvFor(t, ownLibrary) }

// own reports whether the library under test is the sandbox's.
func (e *jsapiEnv) own() bool { return e.lib == ownLibrary }

// newJSAPIEnvFor serves lib (over TLS when it insists) with the parent page
// and the stub meeting, and starts a browser.
func newJSAPIEnvFor(t *testing.T, lib jsapiLibrary) *jsapiEnv {
	t.Helper()
	newServer := httptest.NewServer
	if lib.tls {
		newServer = httptest.NewTLSServer
	}
	e := &jsapiEnv{
		lib:   lib,
		srv:   newServer(jsapiHandler(lib.path)),
		other: newServer(jsapiHandler(lib.path)),
	}
	t.Cleanup(e.srv.Close)
	t.Cleanup(e.other.Close)
	e.b = browsertest.New(t, browsertest.Options{IgnoreCertificateErrors: true})
	return e
}

// host is what the tests pass as the domain: the host:port of srv.
func (e *jsapiEnv) host() string { return strings.TrimPrefix(e.origin(), e.scheme()+"://") }

// origin is srv's origin.
func (e *jsapiEnv) origin() string { return e.srv.URL }

// scheme is srv's scheme.
func (e *jsapiEnv) scheme() string { scheme, _, _ := strings.Cut(e.srv.URL, ":"); return scheme }

// open loads a fresh parent page from base (srv when empty) with an empty
// local storage.
func (e *jsapiEnv) open(t *testing.T, base string) {
	t.Helper()
	if base == "" {
		base = e.srv.URL
	}
	ctx, cancel := context.WithTimeout(e.b.Ctx, 20*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Run(ctx, chromedp.Navigate(base+"/parent/")))
	var ok bool
	e.eval(t, `localStorage.clear(), typeof JitsiMeetExternalAPI === 'function' && typeof H === 'object'`, &ok)
	require.True(t, ok, "the parent page did not load the harness and the library")
}

// eval evaluates expr in the parent page, awaiting a promise result, into out
// (nil: ignore the result; *[]byte: the raw JSON).
func (e *jsapiEnv) eval(t *testing.T, expr string, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(e.b.Ctx, 20*time.Second)
	defer cancel()
	err := chromedp.Run(ctx, chromedp.Evaluate(expr, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	require.NoError(t, err, "evaluating %s", expr)
}

// evalJSON evaluates expr and returns its value as JSON.
func (e *jsapiEnv) evalJSON(t *testing.T, expr string) string {
	t.Helper()
	var raw []byte
	e.eval(t, expr, &raw)
	return string(raw)
}

// evalString evaluates expr to a string.
func (e *jsapiEnv) evalString(t *testing.T, expr string) string {
	t.Helper()
	var s string
	e.eval(t, expr, &s)
	return s
}

// message returns the n-th (from 1) "message" string the stub of API i received.
func (e *jsapiEnv) message(t *testing.T, i, n int) string {
	t.Helper()
	return e.evalString(t, fmt.Sprintf(`H.message(%d, %d)`, i, n))
}

// messages waits until the stub of API i received n "message" strings and
// returns all it received.
func (e *jsapiEnv) messages(t *testing.T, i, n int) []string {
	t.Helper()
	var got []string
	e.eval(t, fmt.Sprintf(`H.message(%d, %d).then(() => H.stub(%d).messages())`, i, n, i), &got)
	return got
}

// stubSend makes the stub of API i post the raw strings to the parent, and
// waits until the parent has handled the last of them.
func (e *jsapiEnv) stubSend(t *testing.T, i int, raws ...string) {
	t.Helper()
	args := make([]string, len(raws))
	for k, raw := range raws {
		args[k] = jsString(raw)
	}
	last := args[len(args)-1]
	e.eval(t, fmt.Sprintf(`H.waitStub(%d).then(stub => {
		const before = H.windowMessages.filter(m => m.data === %s).length;
		stub.send(%s);
		return H.afterWindowMessage(%s, before + 1);
	})`, i, last, strings.Join(args, ", "), last), nil)
}

// jsapiFrame is the framing of the spec: {"postis":true,"scope":..,"method":..,"params":..}.
func jsapiFrame(scope int, method, params string) string {
	return `{"postis":true,"scope":"jitsi_meet_external_api_` + strconv.Itoa(scope) + `","method":"` + method +
		`","params":` + params + `}`
}

// jsapiMsg is a framed transport message of API scope.
func jsapiMsg(scope int, params string) string { return jsapiFrame(scope, "message", params) }

// jsapiEvent is the params of an event: {"type":"event","data":data}.
func jsapiEvent(data string) string { return `{"type":"event","data":` + data + `}` }

// jsapiCommand is the params of a command: {"type":"event","data":{"data":args,"name":wire}},
// in the real library's key order (the spec's examples put name first).
func jsapiCommand(wire, args string) string {
	return jsapiEvent(`{"data":` + args + `,"name":"` + wire + `"}`)
}

// jsapiRequest is the params of a request: {"type":"request","data":data,"id":id},
// in the real library's key order (the spec's examples put id first).
func jsapiRequest(id int, data string) string {
	return `{"type":"request","data":` + data + `,"id":` + strconv.Itoa(id) + `}`
}

func TestExternalAPIJSIframe(t *testing.T) {
	eachLibrary(t, func(t *testing.T, e *jsapiEnv) {
		host := e.host()

		t.Run("URL and element for a full options object", func(t *testing.T) {
			e.open(t, "")
			var got struct {
				URL, Src, Name, ID, Allow, AllowFullScreen, BorderWidth, Parent, Sandbox, Width, Height, Scope string
				ScreenDetails                                                                                  bool
			}
			e.eval(t, `(() => {
				const i = H.make({
					roomName: 'tenant/room',
					jwt: 'a.b.c',
					lang: 'de',
					release: 'r42',
					configOverwrite: { startWithAudioMuted: true, toolbarButtons: [ 'microphone', 'camera' ], subject: 'Hi & bye' },
					interfaceConfigOverwrite: { SHOW_JITSI_WATERMARK: false },
					iceServers: { replace: [ { targetType: 'turn', urls: 'turn:turn.example.com:443' } ] },
					devices: { audioInput: 'Mic 1' },
					userInfo: { displayName: 'Alice Ä', email: 'alice@example.com' },
					e2eeKey: '0a0b',
					sandbox: 'allow-scripts allow-same-origin',
					width: 640,
					height: '50vh'
				});
				const f = H.apis[i].getIFrame();
				return H.waitStub(i).then(stub => ({
					URL: H.apis[i]._url,
					Src: f.getAttribute('src'),
					Name: f.name,
					ID: f.id,
					Allow: f.getAttribute('allow'),
					AllowFullScreen: f.getAttribute('allowfullscreen'),
					BorderWidth: getComputedStyle(f).borderTopWidth,
					Parent: f.parentNode.id,
					Sandbox: f.getAttribute('sandbox'),
					Width: f.style.width,
					Height: f.style.height,
					Scope: stub.scope,
					ScreenDetails: 'getScreenDetails' in window
				}));
			})()`, &got)
			wantURL := e.scheme() + "://" + host + "/tenant/room?jwt=a.b.c&lang=de&release=r42" +
				`#jitsi_meet_external_api_id=0&jwt="a.b.c"` +
				"&config.startWithAudioMuted=true" +
				"&config.toolbarButtons=%5B%22microphone%22%2C%22camera%22%5D" +
				"&config.subject=%22Hi%20%26%20bye%22" +
				"&iceServers.replace=%5B%7B%22targetType%22%3A%22turn%22%2C%22urls%22%3A%22turn%3Aturn.example.com%3A443%22%7D%5D" +
				"&interfaceConfig.SHOW_JITSI_WATERMARK=false" +
				"&devices.audioInput=%22Mic%201%22" +
				"&userInfo.displayName=%22Alice%20%C3%84%22&userInfo.email=%22alice%40example.com%22" +
				"&appData.localStorageContent=null"
			assert.Equal(t, wantURL, got.URL)
			assert.Equal(t, wantURL, got.Src)
			assert.Equal(t, "jitsiConferenceFrame0", got.Name)
			assert.Equal(t, "jitsiConferenceFrame0", got.ID)
			wantAllow := "autoplay; camera; clipboard-write; compute-pressure; display-capture; fullscreen; hid; " +
				"microphone; screen-wake-lock; speaker-selection"
			if got.ScreenDetails { // Chromium in a secure context has the Window Management API
				wantAllow += "; window-management"
			}
			assert.Equal(t, wantAllow, got.Allow)
			assert.Equal(t, "true", got.AllowFullScreen)
			assert.Equal(t, "0px", got.BorderWidth)
			assert.Equal(t, "frames", got.Parent)
			assert.Equal(t, "allow-scripts allow-same-origin", got.Sandbox)
			assert.Equal(t, "640px", got.Width)
			assert.Equal(t, "50vh", got.Height)
			assert.Equal(t, "jitsi_meet_external_api_0", got.Scope, "the stub read the id from the hash")
		})

		t.Run("the parent page forbids eval", func(t *testing.T) {
			// DevTools evaluation is exempt from the CSP, so probe from a task of
			// the page's own, like the library's message handlers and timers.
			e.open(t, "")
			got := e.evalString(t, `new Promise(resolve => setTimeout(() => {
				try { eval('1'); resolve('eval allowed'); } catch (err) { resolve(err.name); }
			}, 0))`)
			assert.Equal(t, "EvalError", got, "the tests run the library under a CSP without 'unsafe-eval'")
		})

		t.Run("URLs of smaller option sets and the page-global counter", func(t *testing.T) {
			e.open(t, "")
			var got []string
			e.eval(t, `(() => {
				const urls = [];
				const a = H.apis[H.make({ roomName: 'plain', parentNode: undefined })];
				urls.push(a._url, a.getIFrame().parentNode === document.body ? 'body' : 'not body', a.getIFrame().id);
				const b = H.apis[H.make({ roomName: 'room', configOverwrite: { defaultLanguage: 'fr' } },
					{ domain: location.host + '/vpaas-magic-cookie-x' })];
				urls.push(b._url, b.getIFrame().name);
				const c = H.apis[H.make({})];
				urls.push(c._url);
				const d = H.apis[H.make({ roomName: 'r', lang: 'en', configOverwrite: { defaultLanguage: 'fr', p2p: { enabled: false } },
					interfaceConfigOverwrite: {}, userInfo: {} })];
				urls.push(d._url);
				return urls;
			})()`, &got)
			base := e.scheme() + "://" + host
			assert.Equal(t, []string{
				base + "/plain#jitsi_meet_external_api_id=0&appData.localStorageContent=null", "body", "jitsiConferenceFrame0",
				base + "/vpaas-magic-cookie-x/room?lang=fr#jitsi_meet_external_api_id=1&config.defaultLanguage=%22fr%22" +
					"&appData.localStorageContent=null", "jitsiConferenceFrame1",
				base + "/#jitsi_meet_external_api_id=2&appData.localStorageContent=null",
				base + "/r?lang=en#jitsi_meet_external_api_id=3&config.defaultLanguage=%22fr%22" +
					"&config.p2p=%7B%22enabled%22%3Afalse%7D&appData.localStorageContent=null",
			}, got)
		})

		t.Run("width and height", func(t *testing.T) {
			e.open(t, "")
			type size struct {
				Width, Height   string // style
				RawW, RawH      string // what _width/_height hold, as JSON
				ComputedDefault bool
			}
			var got []size
			e.eval(t, `(() => {
				const cases = [
					[ undefined, undefined ], [ 640, 480 ], [ 12.5, 0 ], [ '50vh', '30vw' ], [ '12.5em', '100pt' ],
					[ '33%', '.5px' ], [ '10dvh', '20lvw' ], [ '15svh', '5dvw' ], [ '7lvh', '8svw' ],
					[ 'abc', '100' ], [ '10 px', '-5px' ], [ 'px', 'calc(100% - 10px)' ], [ null, true ], [ {}, '50vx' ]
				];
				const detached = document.createElement('div');
				return cases.map(([ width, height ]) => {
					const api = H.apis[H.make({ roomName: 'size', parentNode: detached, width, height }, { record: false })];
					const f = api.getIFrame();
					const out = {
						Width: f.style.width, Height: f.style.height,
						RawW: JSON.stringify(api._width) || 'undefined', RawH: JSON.stringify(api._height) || 'undefined'
					};
					api.dispose();
					return out;
				});
			})()`, &got)
			want := []size{
				{"100%", "100%", `"100%"`, `"100%"`, false},
				{"640px", "480px", "640", "480", false},
				{"12.5px", "0px", "12.5", "0", false},
				{"50vh", "30vw", `"50vh"`, `"30vw"`, false},
				{"12.5em", "100pt", `"12.5em"`, `"100pt"`, false},
				{"33%", "0.5px", `"33%"`, `".5px"`, false},
				{"10dvh", "20lvw", `"10dvh"`, `"20lvw"`, false},
				{"15svh", "5dvw", `"15svh"`, `"5dvw"`, false},
				{"7lvh", "8svw", `"7lvh"`, `"8svw"`, false},
				// Invalid values are ignored, as by the real library: no style, no
				// _width/_height (the iframe keeps the browser's default size).
				{"", "", "undefined", "undefined", false},
				// Its pattern is not anchored at the start: '-5px' is kept, and the
				// browser's style ignores it.
				{"", "", "undefined", `"-5px"`, false},
				{"", "", "undefined", "undefined", false},
				{"", "", "undefined", "undefined", false},
				{"", "", "undefined", "undefined", false},
			}
			assert.Equal(t, want, got)
		})
	})
}

func TestExternalAPIJSHandshake(t *testing.T) {
	eachLibrary(t, func(t *testing.T, e *jsapiEnv) {
		e.open(t, "")

		// The stub of a "manual" room does not answer the handshake until told.
		e.eval(t, `(() => {
			const api = H.apis[H.make({ roomName: 'manual-room' })];
			api.executeCommand('displayName', 'Alice');
			H.track('muted', api.isAudioMuted());
			return true;
		})()`, nil)
		var pings []string
		e.eval(t, `H.waitFor(() => H.stub(0) && H.stub(0).methods().filter(m => m === '__ready__').length >= 3 && H.stub(0).received,
			'three __ready__ pings')`, &pings)
		require.GreaterOrEqual(t, len(pings), 3)
		ping := regexp.MustCompile(`^\{"postis":true,"scope":"jitsi_meet_external_api_0","method":"__ready__","params":"([^"]+)"\}$`)
		m := ping.FindStringSubmatch(pings[0])
		require.NotNil(t, m, "first ping %s", pings[0])
		for _, p := range pings {
			assert.Equal(t, jsapiFrame(0, "__ready__", jsString(m[1])), p, "every ping carries the same id")
		}

		var state struct {
			Messages  []string
			Intervals int
			Pending   string
		}
		e.eval(t, `({ Messages: H.stub(0).messages(), Intervals: H.intervals.size, Pending: H.results.muted.state })`, &state)
		assert.Empty(t, state.Messages, "nothing but __ready__ goes out before the handshake")
		assert.Equal(t, 1, state.Intervals, "the handshake timer runs")
		assert.Equal(t, "pending", state.Pending)

		// The parent echoes a foreign id byte for byte.
		stubPing := jsapiFrame(0, "__ready__", `"stub-ready-7"`)
		e.stubSend(t, 0, stubPing)
		var echoed bool
		e.eval(t, fmt.Sprintf(`H.waitFor(() => H.stub(0).received.includes(%s), 'the echo')`, jsString(stubPing)), &echoed)
		assert.True(t, echoed)
		e.eval(t, `H.stub(0).messages()`, &state.Messages)
		assert.Empty(t, state.Messages, "echoing the other side's id does not make this side ready")

		// Once the stub echoes the parent's id, the buffer is flushed in order
		// and the timer stops.
		e.eval(t, `H.stub(0).answerHandshake(), true`, nil)
		got := e.messages(t, 0, 2)
		assert.Equal(t, []string{
			jsapiMsg(0, jsapiCommand("display-name", `["Alice"]`)),
			jsapiMsg(0, jsapiRequest(1, `{"name":"is-audio-muted"}`)),
		}, got)
		e.eval(t, `H.intervals.size`, &state.Intervals)
		assert.Equal(t, 0, state.Intervals, "the handshake timer stopped")
		var echoedIDs []string
		e.eval(t, `H.stub(0).echoed`, &echoedIDs)
		for _, id := range echoedIDs {
			assert.Equal(t, m[1], id)
		}

		// After ready, messages go out at once, and the response settles the request.
		e.stubSend(t, 0, jsapiMsg(0, `{"type":"response","id":1,"result":false}`))
		assert.JSONEq(t, `{"state":"resolved","value":false}`, e.evalJSON(t, `H.settled('muted')`))
		e.eval(t, `H.apis[0].executeCommand('toggleAudio'), true`, nil)
		assert.Equal(t, jsapiMsg(0, jsapiCommand("toggle-audio", `[]`)), e.message(t, 0, 3))
	})
}

func TestExternalAPIJSCommands(t *testing.T) {
	eachLibrary(t, func(t *testing.T, e *jsapiEnv) {
		e.open(t, "")

		var supported []string
		e.eval(t, `H.apis[H.make({ roomName: 'commands' })].getSupportedCommands()`, &supported)
		wireOf := map[string]string{}
		var want []string
		for _, c := range jsapiSpecCommands {
			want = append(want, c.name)
			wireOf[c.name] = c.wire
		}
		if e.own() {
			require.Equal(t, want, supported, "getSupportedCommands: the 76 names in the map's order (75 of the spec, then set-low-bandwidth-mode)")
		}
		for _, name := range supported {
			require.Contains(t, wireOf, name, "a command the tests do not know")
		}

		// Every command, with its index as its one argument.
		e.eval(t, `(() => {
			const api = H.apis[0];
			api.getSupportedCommands().forEach((name, k) => api.executeCommand(name, k));
			return true;
		})()`, nil)
		var expected []string
		for k, name := range supported {
			expected = append(expected, jsapiMsg(0, jsapiCommand(wireOf[name], "["+strconv.Itoa(k)+"]")))
		}

		// Representative argument shapes, helpers and what must not be sent.
		e.eval(t, fmt.Sprintf("H.strict = %v", e.own()), nil)
		e.eval(t, `(async () => {
			const api = H.apis[0];
			api.executeCommand('displayName', 'Alice');
			api.executeCommand('toggleAudio');
			api.executeCommand('sendChatMessage', 'hi "there" & <you>', 'p2', true);
			api.executeCommand('showNotification', { title: 'T', description: 'D', uid: 'n1', type: 'normal', timeout: 'short' });
			api.executeCommand('noSuchCommand', 1);
			if (H.strict) {
				// The real library sends these (name: a function, an object).
				api.executeCommand('toString');
				api.executeCommand('__proto__');
			}
			api.executeCommands({ displayName: 'Bob', toggleAudio: undefined, email: 'bob@example.com' });
			api.executeCommand('overwriteConfig', { pip: { disabled: true }, startWithVideoMuted: true });
			api.pinParticipant('abcd');
			api.setLargeVideoParticipant('abcd', 'desktop');
			api.setVirtualBackground(true, 'data:image/png;base64,AAAA');
			api.startRecording({ mode: 'file', onlySelf: true });
			api.stopRecording('file');
			api.toggleE2EE(true);
			api.showPiP();
			api.hidePiP();
			api.resizeLargeVideo(10, 10);
			api.sendProxyConnectionEvent({ type: 'proxy', data: [ 1 ] });
			api.sendExternalShareSignal({ sdp: 'v=0' });
			const key = await crypto.subtle.importKey('raw', new Uint8Array([ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 ]),
				'AES-GCM', true, [ 'encrypt' ]);
			await api.setMediaEncryptionKey({ key, index: 3 });
			await api.setMediaEncryptionKey({ key: null, index: 0 });
			api.executeCommand('subject', 'end');
			return true;
		})()`, nil)
		expected = append(expected,
			jsapiMsg(0, jsapiCommand("display-name", `["Alice"]`)),
			jsapiMsg(0, jsapiCommand("toggle-audio", `[]`)),
			jsapiMsg(0, jsapiCommand("send-chat-message", `["hi \"there\" & <you>","p2",true]`)),
			jsapiMsg(0, jsapiCommand("show-notification", `[{"title":"T","description":"D","uid":"n1","type":"normal","timeout":"short"}]`)),
			jsapiMsg(0, jsapiCommand("display-name", `["Bob"]`)),
			jsapiMsg(0, jsapiCommand("toggle-audio", `[null]`)),
			jsapiMsg(0, jsapiCommand("email", `["bob@example.com"]`)),
			jsapiMsg(0, jsapiCommand("overwrite-config", `[{"pip":{"disabled":true},"startWithVideoMuted":true}]`)),
		)
		if !e.own() {
			// The real library watches the iframe's visibility for browser
			// Picture-in-Picture (on by default) and hides it when a pip
			// overwrite turns it off; the sandbox's library has no browser PiP.
			expected = append(expected, jsapiMsg(0, jsapiCommand("hide-pip", `[]`)))
		}
		expected = append(expected,
			jsapiMsg(0, jsapiCommand("pin-participant", `["abcd",null]`)),
			jsapiMsg(0, jsapiCommand("set-large-video-participant", `["abcd","desktop"]`)),
			jsapiMsg(0, jsapiCommand("set-virtual-background", `[true,"data:image/png;base64,AAAA"]`)),
			jsapiMsg(0, jsapiCommand("start-recording", `[{"mode":"file","onlySelf":true}]`)),
			jsapiMsg(0, jsapiCommand("stop-recording", `["file",null]`)),
			jsapiMsg(0, jsapiCommand("toggle-e2ee", `[true]`)),
			jsapiMsg(0, jsapiCommand("show-pip", `[]`)),
			jsapiMsg(0, jsapiCommand("hide-pip", `[]`)),
			jsapiMsg(0, jsapiCommand("proxy-connection-event", `[{"type":"proxy","data":[1]}]`)),
			jsapiMsg(0, jsapiCommand("external-share-signal", `[{"sdp":"v=0"}]`)),
			jsapiMsg(0, jsapiCommand("set-media-encryption-key",
				`["{\"exportedKey\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16],\"index\":3}"]`)),
			jsapiMsg(0, jsapiCommand("set-media-encryption-key", `["{\"exportedKey\":false,\"index\":0}"]`)),
			jsapiMsg(0, jsapiCommand("subject", `["end"]`)),
		)
		assert.Equal(t, expected, e.messages(t, 0, len(expected)))
		notSupported := 0
		for _, line := range e.b.Console() {
			if line == `console.error: "Not supported command name."` {
				notSupported++
			}
		}
		wantNotSupported := 1 // noSuchCommand
		if e.own() {
			wantNotSupported = 3 // and toString, __proto__
		}
		assert.Equal(t, wantNotSupported, notSupported, "console: %q", e.b.Console())

		// resizeLargeVideo is only sent when both sizes fit numeric width and height.
		e.eval(t, `(() => {
			const api = H.apis[H.make({ roomName: 'sized', width: 640, height: 480 })];
			api.resizeLargeVideo(640, 480);
			api.resizeLargeVideo(641, 10);
			api.resizeLargeVideo(10, 481);
			api.resizeLargeVideo(320, 240);
			const px = H.apis[H.make({ roomName: 'sized-px', width: '640px', height: '480px' })];
			px.resizeLargeVideo(10, 10);
			px.executeCommand('subject', 'end');
			return true;
		})()`, nil)
		assert.Equal(t, []string{
			jsapiMsg(1, jsapiCommand("resize-large-video", `[640,480]`)),
			jsapiMsg(1, jsapiCommand("resize-large-video", `[320,240]`)),
		}, e.messages(t, 1, 2))
		assert.Equal(t, []string{jsapiMsg(2, jsapiCommand("subject", `["end"]`))}, e.messages(t, 2, 1))
	})
}

func TestExternalAPIJSRequests(t *testing.T) {
	eachLibrary(t, func(t *testing.T, e *jsapiEnv) {
		e.open(t, "")
		e.eval(t, `(() => {
			const api = H.apis[H.make({ roomName: 'requests' })];
			H.track('invite-empty', api.invite([]));
			H.track('invite-string', api.invite('alice'));
			H.track('invite-none', api.invite());
			H.track('device-list', api.isDeviceListAvailable());
			return true;
		})()`, nil)
		invalid := `{"state":"rejected","error":{"errorClass":"TypeError","message":"Invalid Argument"}}`
		assert.JSONEq(t, invalid, e.evalJSON(t, `H.settled('invite-empty')`))
		assert.JSONEq(t, invalid, e.evalJSON(t, `H.settled('invite-string')`))
		assert.JSONEq(t, invalid, e.evalJSON(t, `H.settled('invite-none')`))
		assert.JSONEq(t, `{"state":"resolved","value":true}`, e.evalJSON(t, `H.settled('device-list')`))

		// Each row: the call, the request data it must send, the params the stub
		// answers with (ID stands for the request id) and the promise's outcome.
		rows := []struct{ call, data, response, outcome string }{
			{`captureCameraPicture('environment', 'Smile', 'Photo')`,
				`{"name":"capture-camera-picture","cameraFacingMode":"environment","descriptionText":"Smile","titleText":"Photo"}`,
				`{"type":"response","id":ID,"result":"data:image/png;base64,AA"}`,
				`{"state":"resolved","value":"data:image/png;base64,AA"}`},
			{`captureLargeVideoScreenshot()`, `{"name":"capture-largevideo-screenshot"}`,
				`{"type":"response","id":ID,"result":{"dataURL":"data:image/png;base64,BB"}}`,
				`{"state":"resolved","value":{"dataURL":"data:image/png;base64,BB"}}`},
			{`getAvailableDevices()`, `{"type":"devices","name":"getAvailableDevices"}`,
				`{"type":"response","id":ID,"result":{"audioInput":[{"deviceId":"m1","label":"Mic 1","kind":"audioinput"}],"audioOutput":[],"videoInput":[]}}`,
				`{"state":"resolved","value":{"audioInput":[{"deviceId":"m1","label":"Mic 1","kind":"audioinput"}],"audioOutput":[],"videoInput":[]}}`},
			{`getAvailableDevices()`, `{"type":"devices","name":"getAvailableDevices"}`,
				`{"type":"response","id":ID,"error":"no devices"}`,
				`{"state":"resolved","value":{}}`},
			{`getConnectionStats()`, `{"name":"connection-stats"}`,
				`{"type":"response","id":ID,"result":{"bitrate":{"upload":10,"download":20}}}`,
				`{"state":"resolved","value":{"bitrate":{"upload":10,"download":20}}}`},
			{`getContentSharingParticipants()`, `{"name":"get-content-sharing-participants"}`,
				`{"type":"response","id":ID,"result":{"sharingParticipantIds":["p2"]}}`,
				`{"state":"resolved","value":{"sharingParticipantIds":["p2"]}}`},
			{`getCurrentDevices()`, `{"type":"devices","name":"getCurrentDevices"}`,
				`{"type":"response","id":ID,"result":{"audioInput":{"deviceId":"m1","label":"Mic 1"}}}`,
				`{"state":"resolved","value":{"audioInput":{"deviceId":"m1","label":"Mic 1"}}}`},
			{`getCurrentDevices()`, `{"type":"devices","name":"getCurrentDevices"}`,
				`{"type":"response","id":ID}`,
				`{"state":"resolved","value":{}}`},
			{`getCustomAvatarBackgrounds()`, `{"name":"get-custom-avatar-backgrounds"}`,
				`{"type":"response","id":ID,"result":{"avatarBackgrounds":["#fff"]}}`,
				`{"state":"resolved","value":{"avatarBackgrounds":["#fff"]}}`},
			{`getDeploymentInfo()`, `{"name":"deployment-info"}`,
				`{"type":"response","id":ID}`,
				`{"state":"rejected","error":{"errorClass":"Error","message":"Unexpected response format!"}}`},
			{`getLivestreamUrl()`, `{"name":"get-livestream-url"}`,
				`{"type":"response","id":ID,"result":{"livestreamUrl":"rtmp://example/live"}}`,
				`{"state":"resolved","value":{"livestreamUrl":"rtmp://example/live"}}`},
			{`getRoomsInfo()`, `{"name":"rooms-info","includeHidden":false}`,
				`{"type":"response","id":ID,"result":{"rooms":[{"isMainRoom":true,"id":"main","participants":[]}]}}`,
				`{"state":"resolved","value":{"rooms":[{"isMainRoom":true,"id":"main","participants":[]}]}}`},
			{`getSessionId()`, `{"name":"session-id"}`,
				`{"type":"response","id":ID,"result":""}`,
				`{"state":"resolved","value":""}`},
			{`getSharedDocumentUrl()`, `{"name":"get-shared-document-url"}`,
				`{"type":"response","id":ID,"result":"https://pad.example/p/x"}`,
				`{"state":"resolved","value":"https://pad.example/p/x"}`},
			{`isDeviceChangeAvailable('output')`, `{"deviceType":"output","type":"devices","name":"isDeviceChangeAvailable"}`,
				`{"type":"response","id":ID,"result":true}`,
				`{"state":"resolved","value":true}`},
			{`isDeviceChangeAvailable()`, `{"type":"devices","name":"isDeviceChangeAvailable"}`,
				`{"type":"response","id":ID,"result":false}`,
				`{"state":"resolved","value":false}`},
			{`isMultipleAudioInputSupported()`, `{"type":"devices","name":"isMultipleAudioInputSupported"}`,
				`{"type":"response","id":ID,"result":true}`,
				`{"state":"resolved","value":true}`},
			{`setAudioInputDevice('Mic 1', 'mic-1')`,
				`{"type":"devices","name":"setDevice","device":{"id":"mic-1","kind":"audioinput","label":"Mic 1"}}`,
				`{"type":"response","id":ID,"result":true}`,
				`{"state":"resolved","value":true}`},
			{`setAudioOutputDevice('Speakers', 'spk-1')`,
				`{"type":"devices","name":"setDevice","device":{"id":"spk-1","kind":"audiooutput","label":"Speakers"}}`,
				`{"type":"response","id":ID,"result":false}`,
				`{"state":"resolved","value":false}`},
			{`setVideoInputDevice('Camera', 'cam-1')`,
				`{"type":"devices","name":"setDevice","device":{"id":"cam-1","kind":"videoinput","label":"Camera"}}`,
				`{"type":"response","id":ID,"error":"no such device"}`,
				`{"state":"rejected","error":{"value":"no such device"}}`},
			{`invite([ { type: 'phone', number: '+15555550100' } ])`,
				`{"name":"invite","invitees":[{"type":"phone","number":"+15555550100"}]}`,
				`{"type":"response","id":ID,"result":{"error":"not allowed"}}`,
				`{"state":"resolved","value":{"error":"not allowed"}}`},
			{`isAudioAvailable()`, `{"name":"is-audio-available"}`,
				`{"type":"response","id":ID,"result":true}`, `{"state":"resolved","value":true}`},
			{`isAudioDisabled()`, `{"name":"is-audio-disabled"}`,
				`{"type":"response","id":ID,"result":false}`, `{"state":"resolved","value":false}`},
			{`isAudioMuted()`, `{"name":"is-audio-muted"}`,
				`{"type":"response","id":ID,"result":false}`, `{"state":"resolved","value":false}`},
			{`isModerationOn()`, `{"name":"is-moderation-on"}`,
				`{"type":"response","id":ID,"result":false}`, `{"state":"resolved","value":false}`},
			{`isModerationOn('video')`, `{"name":"is-moderation-on","mediaType":"video"}`,
				`{"type":"response","id":ID,"result":true}`, `{"state":"resolved","value":true}`},
			{`isP2pActive()`, `{"name":"get-p2p-status"}`,
				`{"type":"response","id":ID,"result":null}`, `{"state":"resolved","value":null}`},
			{`isParticipantForceMuted('p2', 'video')`,
				`{"name":"is-participant-force-muted","participantId":"p2","mediaType":"video"}`,
				`{"type":"response","id":ID,"result":true}`, `{"state":"resolved","value":true}`},
			{`isParticipantsPaneOpen()`, `{"name":"is-participants-pane-open"}`,
				`{"type":"response","id":ID,"result":true}`, `{"state":"resolved","value":true}`},
			{`isSharingScreen()`, `{"name":"is-sharing-screen"}`,
				`{"type":"response","id":ID,"result":false}`, `{"state":"resolved","value":false}`},
			{`isStartSilent()`, `{"name":"is-start-silent"}`,
				`{"type":"response","id":ID,"result":false}`, `{"state":"resolved","value":false}`},
			{`isVideoAvailable()`, `{"name":"is-video-available"}`,
				`{"type":"response","id":ID,"result":true}`, `{"state":"resolved","value":true}`},
			{`isVideoMuted()`, `{"name":"is-video-muted"}`,
				`{"type":"response","id":ID,"result":true}`, `{"state":"resolved","value":true}`},
			{`listBreakoutRooms()`, `{"name":"list-breakout-rooms"}`,
				`{"type":"response","id":ID,"result":{"main":{"id":"main","isMainRoom":true,"participants":{}}}}`,
				`{"state":"resolved","value":{"main":{"id":"main","isMainRoom":true,"participants":{}}}}`},
			{`_isNewElectronScreensharingSupported()`, `{"name":"_new_electron_screensharing_supported"}`,
				`{"type":"response","id":ID,"result":true}`, `{"state":"resolved","value":true}`},
			{`_openDesktopPicker()`, `{"name":"open-desktop-picker"}`,
				`{"type":"response","id":ID,"result":{"screenShareAudio":false,"source":{"id":"screen:0"}}}`,
				`{"state":"resolved","value":{"screenShareAudio":false,"source":{"id":"screen:0"}}}`},
			// A response with both: the result wins. An Error serialised ({}) rejects with {}.
			{`isVideoMuted()`, `{"name":"is-video-muted"}`,
				`{"type":"response","id":ID,"result":false,"error":"ignored"}`, `{"state":"resolved","value":false}`},
			{`isAudioMuted()`, `{"name":"is-audio-muted"}`,
				`{"type":"response","id":ID,"error":{}}`, `{"state":"rejected","error":{"value":{}}}`},
		}
		for k, row := range rows {
			id := k + 1
			key := "r" + strconv.Itoa(id)
			e.eval(t, fmt.Sprintf(`H.track(%q, H.apis[0].%s), true`, key, row.call), nil)
			require.Equal(t, jsapiMsg(0, jsapiRequest(id, row.data)), e.message(t, 0, id), "request of %s", row.call)
			var pending string
			e.eval(t, fmt.Sprintf(`H.results[%q].state`, key), &pending)
			require.Equal(t, "pending", pending, row.call)
			// A response to an unknown id first: ignored.
			e.stubSend(t, 0,
				jsapiMsg(0, `{"type":"response","id":9999,"result":"stray"}`),
				jsapiMsg(0, strings.ReplaceAll(row.response, "ID", strconv.Itoa(id))))
			assert.JSONEq(t, row.outcome, e.evalJSON(t, fmt.Sprintf(`H.settled(%q)`, key)), "outcome of %s", row.call)
		}
		// A second response to an answered id changes nothing.
		e.stubSend(t, 0, jsapiMsg(0, `{"type":"response","id":1,"result":"again"}`))
		assert.JSONEq(t, `{"state":"resolved","value":"data:image/png;base64,AA"}`, e.evalJSON(t, `H.settled('r1')`))
		assert.Len(t, e.messages(t, 0, len(rows)), len(rows), "one message per request, none for the local rejections")
		deprecated := 0
		for _, line := range e.b.Console() {
			if strings.HasPrefix(line, `console.warning: "isDeviceListAvailable is deprecated`) {
				deprecated++
			}
		}
		assert.Equal(t, 1, deprecated, "isDeviceListAvailable warns that it is deprecated: %q", e.b.Console())

		// Invitees of the constructor are invited once the handshake is done;
		// an empty list sends nothing.
		e.eval(t, `(() => {
			H.make({ roomName: 'invitees', invitees: [ { type: 'sip', address: 'room@sip.example' } ] });
			const none = H.apis[H.make({ roomName: 'no-invitees', invitees: [] })];
			none.executeCommand('subject', 'end');
			return true;
		})()`, nil)
		assert.Equal(t, []string{
			jsapiMsg(1, jsapiRequest(1, `{"name":"invite","invitees":[{"type":"sip","address":"room@sip.example"}]}`)),
		}, e.messages(t, 1, 1))
		assert.Equal(t, []string{jsapiMsg(2, jsapiCommand("subject", `["end"]`))}, e.messages(t, 2, 1))
	})
}

func TestExternalAPIJSEvents(t *testing.T) {
	eachLibrary(t, func(t *testing.T, e *jsapiEnv) {
		e.open(t, "")
		e.eval(t, `(() => {
			H.onload = [];
			const i = H.make({ roomName: 'events', onload: function (...args) { H.onload.push({ isAPI: this === H.apis[0], args }); } });
			H.frameLoaded = false;
			H.apis[i].getIFrame().addEventListener('load', () => { H.frameLoaded = true; });
			return true;
		})()`, nil)

		var supported []string
		e.eval(t, `H.apis[0].getSupportedEvents()`, &supported)
		var wantNames []string
		wireOf := map[string]string{"_documentPiPSignal": "_document-pip-signal"} // newer than the spec
		for _, ev := range jsapiSpecEvents {
			wantNames = append(wantNames, ev.name)
			wireOf[ev.name] = ev.wire
		}
		if e.own() {
			require.Equal(t, wantNames, supported, "getSupportedEvents: the 80 public names in the map's order (79 of the spec, then low-bandwidth-mode-changed)")
		}
		var wires []string
		for _, name := range supported {
			require.Contains(t, wireOf, name, "an event the tests do not know")
			wires = append(wires, wireOf[name])
		}

		// The iframe's load event is not the onload of the options.
		var onloads int
		e.eval(t, `H.waitFor(() => H.frameLoaded && H.stub(0), 'the iframe load event').then(() => H.onload.length)`, &onloads)
		assert.Equal(t, 0, onloads)

		// The spec's example event, byte for byte: name stripped, the rest emitted.
		e.stubSend(t, 0, jsapiMsg(0, `{"type":"event","data":{"name":"participant-joined","id":"abcd","displayName":"Bob"}}`))
		assert.JSONEq(t, `[{"event":"participantJoined","args":[{"id":"abcd","displayName":"Bob"}]}]`,
			e.evalJSON(t, `H.eventsOf(0)`))

		// Every wire event is emitted under its public name.
		wiresJSON, err := json.Marshal(wires)
		require.NoError(t, err)
		e.eval(t, fmt.Sprintf(`(() => {
			H.events.length = 0;
			const stub = H.stub(0);
			%s.forEach((name, probe) => stub.message({ type: 'event', data: { name, probe } }));
			return H.waitFor(() => H.events.length >= %d, 'all events').then(() => true);
		})()`, wiresJSON, len(wires)), nil)
		type emitted struct {
			Event string           `json:"event"`
			Args  []map[string]any `json:"args"`
		}
		var want []emitted
		for k, name := range supported {
			want = append(want, emitted{Event: name, Args: []map[string]any{{"probe": float64(k)}}})
		}
		var got []emitted
		e.eval(t, `H.eventsOf(0)`, &got)
		assert.Equal(t, want, got)
		assert.JSONEq(t, `[{"isAPI":true,"args":[]}]`, e.evalJSON(t, `H.onload`), "onload once, on the ready event")

		// The internal wire events.
		e.eval(t, `H.events.length = 0, true`, nil)
		e.stubSend(t, 0,
			jsapiMsg(0, jsapiEvent(`{"name":"on-stage-participant-changed","id":"abcd"}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"large-video-visibility-changed","isVisible":true}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"on-prejoin-video-changed","isVisible":true}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"local-storage-changed","localStorageContent":"{\"k\":\"v\"}"}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"no-such-event","x":1}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"subject-change","subject":"end"}`)))
		assert.JSONEq(t, `[
			{"event":"largeVideoChanged","args":[]},
			{"event":"largeVideoChanged","args":[]},
			{"event":"prejoinVideoChanged","args":[]},
			{"event":"subjectChange","args":[{"subject":"end"}]}
		]`, e.evalJSON(t, `H.eventsOf(0)`))
		var internal struct {
			OnStage, Stored, URL string
		}
		e.eval(t, `({
			OnStage: H.apis[0]._getOnStageParticipant(),
			Stored: localStorage.getItem('jitsiLocalStorage'),
			URL: H.apis[H.make({ roomName: 'next' })]._url
		})`, &internal)
		assert.Equal(t, "abcd", internal.OnStage)
		if e.own() { // a private field; the real library keeps the event's data there
			var largeVisible bool
			e.eval(t, `H.apis[0]._isLargeVideoVisible`, &largeVisible)
			assert.True(t, largeVisible)
		}
		assert.Equal(t, `{"k":"v"}`, internal.Stored)
		assert.Equal(t, e.scheme()+"://"+e.host()+"/next#jitsi_meet_external_api_id=1"+
			"&appData.localStorageContent=%22%7B%5C%22k%5C%22%3A%5C%22v%5C%22%7D%22", internal.URL,
			"the stored content goes back to the next meeting")

		// What the framing and the transport ignore: the sandbox library's
		// own robustness (the real one emits an event of an unknown message
		// type and throws on an event without data).
		if !e.own() {
			return
		}
		e.eval(t, `H.events.length = 0, true`, nil)
		scope := "jitsi_meet_external_api_0"
		subject := func(s string) string { return jsapiEvent(`{"name":"subject-change","subject":"` + s + `"}`) }
		e.eval(t, fmt.Sprintf(`H.stub(0).send({ postis: true, scope: %q, method: 'message', params: %s }), true`,
			scope, subject("object")), nil)
		e.stubSend(t, 0,
			"not json {",
			"5",
			"null",
			`{"scope":"`+scope+`","method":"message","params":`+subject("no postis")+`}`,
			`{"postis":false,"scope":"`+scope+`","method":"message","params":`+subject("postis false")+`}`,
			jsapiFrame(99, "message", subject("other scope")),
			`{"postis":true,"method":"message","params":`+subject("no scope")+`}`,
			jsapiFrame(0, "msg", subject("other method")),
			jsapiMsg(0, `{"type":"bogus","data":{"name":"subject-change","subject":"bogus type"}}`),
			jsapiMsg(0, `"params are a string"`),
			jsapiMsg(0, `{"type":"event","data":5}`),
			jsapiMsg(0, `{"type":"event"}`),
			jsapiMsg(0, subject("valid")))
		assert.JSONEq(t, `[{"event":"subjectChange","args":[{"subject":"valid"}]}]`, e.evalJSON(t, `H.eventsOf(0)`))
	})
}

func TestExternalAPIJSParticipantCache(t *testing.T) {
	eachLibrary(t, func(t *testing.T, e *jsapiEnv) {
		e.open(t, "")
		e.eval(t, `H.make({ roomName: 'cache', e2eeKey: '0a0bff' }), true`, nil)

		type cache struct {
			Info                 []map[string]any
			Count                int
			Name, Email, Avatar  any
			LocalName, Formatted any
			Quality              any
			Visitor              any
			Unknown              any
		}
		read := func() cache {
			var c cache
			e.eval(t, `(() => {
				const api = H.apis[0];
				const orNull = v => v === undefined ? null : v;
				return {
					Info: api.getParticipantsInfo(),
					Count: api.getNumberOfParticipants(),
					Name: orNull(api.getDisplayName('p2')),
					Email: orNull(api.getEmail('p2')),
					Avatar: orNull(api.getAvatarURL('p2')),
					LocalName: orNull(api.getDisplayName('local1')),
					Formatted: orNull(api._getFormattedDisplayName('p2')),
					Quality: orNull(api.getVideoQuality()),
					Visitor: orNull(api.isVisitor()),
					Unknown: orNull(api.getDisplayName('nobody'))
				};
			})()`, &c)
			return c
		}

		before := read()
		assert.Empty(t, before.Info)
		assert.Equal(t, 0, before.Count)
		assert.Nil(t, before.Quality)
		assert.Nil(t, before.Visitor)

		e.stubSend(t, 0,
			jsapiMsg(0, jsapiEvent(`{"name":"video-conference-joined","roomName":"cache","id":"local1","displayName":"Me",`+
				`"formattedDisplayName":"Me (me)","avatarURL":"https://a.example/me.png","breakoutRoom":false,`+
				`"email":"me@example.com","visitor":false}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"participant-joined","id":"p2","displayName":"Bob","formattedDisplayName":"Bob"}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"participant-joined","id":"p3","displayName":"Carol","formattedDisplayName":"Carol"}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"participant-left","id":"p3"}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"display-name-change","id":"p2","displayname":"Robert","formattedDisplayName":"Robert (Bob)"}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"email-change","id":"p2","email":"bob@example.com"}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"avatar-changed","id":"p2","avatarURL":"https://a.example/bob.png"}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"display-name-change","id":"nobody","displayname":"Ghost"}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"video-quality-changed","videoQuality":720}`)))
		c := read()
		assert.Equal(t, []map[string]any{
			{"participantId": "local1", "email": "me@example.com", "avatarURL": "https://a.example/me.png",
				"displayName": "Me", "formattedDisplayName": "Me (me)"},
			{"participantId": "p2", "displayName": "Robert", "formattedDisplayName": "Robert (Bob)",
				"email": "bob@example.com", "avatarURL": "https://a.example/bob.png"},
		}, c.Info)
		assert.Equal(t, 2, c.Count)
		assert.Equal(t, "Robert", c.Name)
		assert.Equal(t, "bob@example.com", c.Email)
		assert.Equal(t, "https://a.example/bob.png", c.Avatar)
		assert.Equal(t, "Me", c.LocalName)
		assert.Equal(t, "Robert (Bob)", c.Formatted)
		assert.Equal(t, float64(720), c.Quality)
		assert.Equal(t, false, c.Visitor)
		assert.Nil(t, c.Unknown)

		// The emitted payloads are the wire's, lowercase displayname included.
		var changes string
		changes = e.evalJSON(t, `H.eventsOf(0).filter(ev => ev.event === 'displayNameChange')`)
		assert.JSONEq(t, `[
			{"event":"displayNameChange","args":[{"id":"p2","displayname":"Robert","formattedDisplayName":"Robert (Bob)"}]},
			{"event":"displayNameChange","args":[{"id":"nobody","displayname":"Ghost"}]}
		]`, changes)

		// The e2eeKey option became a setMediaEncryptionKey command on joining.
		assert.Equal(t, jsapiMsg(0, jsapiCommand("set-media-encryption-key", `["{\"exportedKey\":[10,11,255],\"index\":0}"]`)),
			e.message(t, 0, 1))

		// Breakout rooms: the count is recomputed across all rooms; no rooms, no change.
		e.stubSend(t, 0, jsapiMsg(0, jsapiEvent(`{"name":"breakout-rooms-updated","rooms":{`+
			`"main":{"id":"main","isMainRoom":true,"participants":{"a@x":{},"b@x":{},"c@x":{}}},`+
			`"br1":{"id":"br1","isMainRoom":false,"participants":{"d@x":{}}},`+
			`"br2":{"id":"br2","isMainRoom":false}}}`)))
		assert.Equal(t, 4, read().Count)
		e.stubSend(t, 0, jsapiMsg(0, jsapiEvent(`{"name":"breakout-rooms-updated","rooms":{}}`)))
		assert.Equal(t, 4, read().Count)
		e.eval(t, `H.apis[0].updateNumberOfParticipants({ r: { participants: { x: {} } } }), true`, nil)
		assert.Equal(t, 1, read().Count)

		// Leaving removes the local participant; joining again as a visitor sets isVisitor.
		e.stubSend(t, 0,
			jsapiMsg(0, jsapiEvent(`{"name":"video-conference-left","roomName":"cache"}`)),
			jsapiMsg(0, jsapiEvent(`{"name":"video-conference-joined","roomName":"cache","id":"local2","displayName":"Me",`+
				`"formattedDisplayName":"Me","breakoutRoom":true,"visitor":true}`)))
		c = read()
		assert.Equal(t, 1, c.Count)
		assert.Equal(t, true, c.Visitor)
		var ids []string
		e.eval(t, `H.apis[0].getParticipantsInfo().map(p => p.participantId)`, &ids)
		assert.Equal(t, []string{"p2", "local2"}, ids)

		// The e2ee key was sent once only: the next message is this marker.
		e.eval(t, `H.apis[0].executeCommand('subject', 'end'), true`, nil)
		assert.Equal(t, jsapiMsg(0, jsapiCommand("subject", `["end"]`)), e.message(t, 0, 2))
	})
}

func TestExternalAPIJSIframeRequests(t *testing.T) {
	e := newJSAPIEnv(t)
	e.open(t, "")
	e.eval(t, `H.make({ roomName: 'desktop' }), H.dsData = [], true`, nil)

	request := func(id int, data string) string { return jsapiMsg(0, jsapiRequest(id, data)) }
	sources := `{"name":"_request-desktop-sources","options":{"types":["screen","window"]}}`

	// No listener: an error response.
	e.stubSend(t, 0, request(1, sources))
	assert.Equal(t, jsapiMsg(0, `{"type":"response","id":1,"error":"No _requestDesktopSources listener: `+
		`choosing desktop sources is not supported"}`), e.message(t, 0, 1))

	// A listener gets (data, callback); the first answer only is sent.
	e.eval(t, `H.apis[0].on('_requestDesktopSources', (data, callback) => {
		H.dsData.push(data);
		callback({ sources: [ { id: 'screen:1', name: 'Entire screen' } ] });
		callback('again');
	}), true`, nil)
	e.stubSend(t, 0, request(2, sources))
	assert.Equal(t, jsapiMsg(0, `{"type":"response","id":2,"result":{"sources":[{"id":"screen:1","name":"Entire screen"}]}}`),
		e.message(t, 0, 2))
	assert.JSONEq(t, `[{"name":"_requestDesktopSources","options":{"types":["screen","window"]}}]`,
		e.evalJSON(t, `H.dsData`))

	// Unknown requests are left unanswered; an error from the listener goes back as error.
	e.eval(t, `H.apis[0].removeAllListeners('_requestDesktopSources').on('_requestDesktopSources',
		(data, callback) => callback(undefined, { message: 'denied' })), true`, nil)
	e.stubSend(t, 0, request(3, `{"name":"who-knows"}`), request(4, sources))
	assert.Equal(t, []string{
		jsapiMsg(0, `{"type":"response","id":1,"error":"No _requestDesktopSources listener: choosing desktop sources is not supported"}`),
		jsapiMsg(0, `{"type":"response","id":2,"result":{"sources":[{"id":"screen:1","name":"Entire screen"}]}}`),
		jsapiMsg(0, `{"type":"response","id":4,"error":{"message":"denied"}}`),
	}, e.messages(t, 0, 3))
}

func TestExternalAPIJSOrigin(t *testing.T) {
	e := newJSAPIEnv(t)
	e.open(t, "")
	e.eval(t, `H.make({ roomName: 'origin' }), H.waitStub(0).then(() => true)`, nil)
	forged := jsapiMsg(0, jsapiEvent(`{"name":"participant-joined","id":"eve","displayName":"Eve"}`))
	countJoined := func() int {
		var n int
		e.eval(t, `H.eventsOf(0).filter(ev => ev.event === 'participantJoined').length + H.apis[0].getNumberOfParticipants()`, &n)
		return n
	}

	// From another origin (another httptest server), in another iframe.
	var origin string
	e.eval(t, fmt.Sprintf(`(() => {
		const f = document.createElement('iframe');
		f.src = %s + '/parent/forger.html#' + encodeURIComponent(%s);
		document.getElementById('other').appendChild(f);
		return H.afterWindowMessage(%s).then(() => H.windowMessages.find(m => m.data === %s).origin);
	})()`, jsString(e.other.URL), jsString(forged), jsString(forged), jsString(forged)), &origin)
	assert.Equal(t, e.other.URL, origin, "the forged message was delivered from the other origin")
	assert.Equal(t, 0, countJoined(), "a message from another origin is ignored")

	// From the meeting's origin but another window.
	e.eval(t, fmt.Sprintf(`(() => {
		const f = document.createElement('iframe');
		f.src = '/parent/forger.html#' + encodeURIComponent(%s);
		document.getElementById('other').appendChild(f);
		return H.afterWindowMessage(%s, 2);
	})()`, jsString(forged), jsString(forged)), nil)
	assert.Equal(t, 0, countJoined(), "a message from another window is ignored")

	// Synthetic events: the right window with a wrong origin, the right origin
	// from a wrong window, and (the control) both right.
	var n []int
	e.eval(t, fmt.Sprintf(`(() => {
		const win = H.apis[0].getIFrame().contentWindow;
		const count = () => H.apis[0].getNumberOfParticipants();
		const out = [];
		window.dispatchEvent(new MessageEvent('message', { data: %[1]s, origin: 'http://evil.example', source: win }));
		out.push(count());
		window.dispatchEvent(new MessageEvent('message', { data: %[1]s, origin: location.origin, source: window }));
		out.push(count());
		window.dispatchEvent(new MessageEvent('message', { data: %[1]s, origin: location.origin, source: win }));
		out.push(count());
		return out;
	})()`, jsString(forged)), &n)
	assert.Equal(t, []int{0, 0, 1}, n)

	// And the real meeting window is accepted.
	e.stubSend(t, 0, forged)
	var count int
	e.eval(t, `H.apis[0].getNumberOfParticipants()`, &count)
	assert.Equal(t, 2, count)
}

func TestExternalAPIJSDispose(t *testing.T) {
	eachLibrary(t, func(t *testing.T, e *jsapiEnv) {
		e.open(t, "")

		// Before the handshake completes (the stub of a manual room does not answer).
		var before struct {
			Listeners, Intervals, Emitted int
		}
		e.eval(t, `(() => {
			H.willDispose = 0;
			const i = H.make({ roomName: 'manual-dispose' });
			H.apis[i].on('_willDispose', () => { H.willDispose++; });
			return H.waitFor(() => H.stub(i) && H.stub(i).methods().includes('__ready__'), 'a ping').then(() => {
				H.oldWindow = H.apis[i].getIFrame().contentWindow;
				window.dispatchEvent(new MessageEvent('message', {
					data: H.stub(i).frame('message', { type: 'event', data: { name: 'subject-change', subject: 'before' } }),
					origin: location.origin,
					source: H.oldWindow
				}));
				return { Listeners: H.messageListeners.size, Intervals: H.intervals.size, Emitted: H.eventsOf(i).length };
			});
		})()`, &before)
		assert.Equal(t, 1, before.Listeners, "the library listens to window messages")
		assert.Equal(t, 1, before.Intervals, "the handshake timer runs")
		assert.Equal(t, 1, before.Emitted, "a message from the meeting window is emitted")

		var after struct {
			WillDispose, Listeners, Intervals, APIListeners, LateListener, WillDisposeAgain int
			Frame                                                                           bool
			Names, Events                                                                   []string
		}
		e.eval(t, `(() => {
			const api = H.apis[0];
			api.dispose();
			const out = {
				WillDispose: H.willDispose,
				Frame: document.getElementById('jitsiConferenceFrame0') !== null || api.getIFrame().isConnected,
				Listeners: H.messageListeners.size,
				Intervals: H.intervals.size,
				APIListeners: api.listenerCount('subjectChange') + api.listenerCount('_willDispose'),
				Names: api.eventNames()
			};
			// A listener added after dispose sees nothing from the old window.
			let late = 0;
			api.on('subjectChange', () => { late++; });
			window.dispatchEvent(new MessageEvent('message', {
				data: JSON.stringify({ postis: true, scope: 'jitsi_meet_external_api_0', method: 'message',
					params: { type: 'event', data: { name: 'subject-change', subject: 'after' } } }),
				origin: location.origin,
				source: H.oldWindow
			}));
			out.LateListener = late;
			out.Events = H.eventsOf(0).map(ev => ev.event);
			// dispose is idempotent; commands after it are dropped.
			let again = 0;
			api.on('_willDispose', () => { again++; });
			api.dispose();
			api.executeCommand('displayName', 'Ghost');
			api.sendProxyConnectionEvent({});
			H.track('after-dispose', api.isAudioMuted());
			out.WillDisposeAgain = again;
			return out;
		})()`, &after)
		assert.Equal(t, 1, after.WillDispose, "_willDispose emitted")
		assert.False(t, after.Frame, "the iframe is removed")
		assert.Equal(t, 0, after.Listeners, "the message listener is removed from window")
		assert.Equal(t, 0, after.Intervals, "the handshake timer is stopped")
		assert.Equal(t, 0, after.APIListeners, "all listeners removed")
		assert.Empty(t, after.Names)
		assert.Equal(t, 0, after.LateListener, "a later message is not emitted")
		assert.Equal(t, []string{"subjectChange", "_willDispose"}, after.Events)
		if e.own() { // the real library emits _willDispose again
			assert.Equal(t, 0, after.WillDisposeAgain, "a second dispose does nothing")
		}

		// After the handshake: dispose of a ready object, its siblings unaffected.
		e.eval(t, `(() => {
			const a = H.apis[H.make({ roomName: 'ready-a' })];
			const b = H.apis[H.make({ roomName: 'ready-b' })];
			a.executeCommand('subject', 'a');
			b.executeCommand('subject', 'b');
			return true;
		})()`, nil)
		assert.Equal(t, jsapiMsg(1, jsapiCommand("subject", `["a"]`)), e.message(t, 1, 1))
		assert.Equal(t, jsapiMsg(2, jsapiCommand("subject", `["b"]`)), e.message(t, 2, 1))
		var state struct {
			Listeners, Intervals int
			Frames               []string
		}
		e.eval(t, `(() => {
			H.apis[1].dispose();
			return {
				Listeners: H.messageListeners.size,
				Intervals: H.intervals.size,
				Frames: Array.from(document.querySelectorAll('iframe[id^=jitsiConferenceFrame]'), f => f.id)
			};
		})()`, &state)
		assert.Equal(t, 1, state.Listeners, "only the other object's listener is left")
		assert.Equal(t, 0, state.Intervals)
		assert.Equal(t, []string{"jitsiConferenceFrame2"}, state.Frames)
		e.stubSend(t, 2, jsapiMsg(2, jsapiEvent(`{"name":"subject-change","subject":"still here"}`)))
		assert.JSONEq(t, `[{"event":"subjectChange","args":[{"subject":"still here"}]}]`, e.evalJSON(t, `H.eventsOf(2)`))
		if e.own() { // the real library rejects it: "No transport backend defined!"
			assert.JSONEq(t, `{"state":"pending"}`, e.evalJSON(t, `H.results['after-dispose']`),
				"a request after dispose is never sent, so never answered")
		}
	})
}

func TestExternalAPIJSEmitter(t *testing.T) {
	eachLibrary(t, func(t *testing.T, e *jsapiEnv) {
		e.open(t, "")
		got := e.evalJSON(t, `(() => {
			const api = H.apis[H.make({ roomName: 'emitter' }, { record: false })];
			const log = [];
			const a = x => log.push('a:' + x);
			const b = x => log.push('b:' + x);
			const c = x => log.push('c:' + x);
			const r = {};
			r.chain = api.on('e', a) === api && api.addListener('e', b) === api && api.once('e', c) === api;
			r.count = api.listenerCount('e');
			r.listenersUnwrapped = api.listeners('e')[2] === c;
			r.emitted = api.emit('e', 1);
			r.countAfterOnce = api.listenerCount('e');
			api.emit('e', 2);
			r.offChain = api.off('e', a) === api;
			api.emit('e', 3);
			api.removeListener('e', b);
			r.emitNone = api.emit('e', 4);
			api.on('e', a);
			api.on('e', a);
			api.removeListener('e', a);
			r.oneOfTwoRemoved = api.listenerCount('e');
			api.removeAllListeners('e');
			r.afterRemoveAll = api.listenerCount('e');
			api.once('f', c);
			api.off('f', c);
			r.onceRemovedByOff = api.emit('f', 5);
			api.addEventListener('g', a);
			api.addEventListener('g', b);
			api.addEventListeners({ h: a, i: b });
			api.removeEventListener('g');
			r.removeEventListenerRemovesAll = api.listenerCount('g');
			r.hi = [ api.listenerCount('h'), api.listenerCount('i') ];
			api.removeEventListeners([ 'h', 'i' ]);
			r.hiAfter = [ api.listenerCount('h'), api.listenerCount('i') ];
			api.on('x', a);
			api.on('y', b);
			api.removeAllListeners();
			r.namesAfterRemoveAll = api.eventNames();
			let self;
			api.on('z', function (p, q) { self = this; log.push('z:' + p + q); });
			api.emit('z', 'p', 'q');
			r.thisIsAPI = self === api;
			const d = () => { log.push('d'); api.off('w', f); };
			const f = () => log.push('f');
			api.on('w', d);
			api.on('w', f);
			api.emit('w');
			api.emit('w');
			api.prependListener('p', a);
			api.prependListener('p', b);
			api.emit('p', 6);
			try { api.on('v', 'not a function'); r.typeError = false; } catch (err) { r.typeError = err instanceof TypeError; }
			try { api.emit('error', new Error('boom')); r.unhandledError = 'not thrown'; } catch (err) { r.unhandledError = err.message; }
			r.log = log;
			return r;
		})()`)
		assert.JSONEq(t, `{
			"chain": true,
			"count": 3,
			"listenersUnwrapped": true,
			"emitted": true,
			"countAfterOnce": 2,
			"offChain": true,
			"emitNone": false,
			"oneOfTwoRemoved": 1,
			"afterRemoveAll": 0,
			"onceRemovedByOff": false,
			"removeEventListenerRemovesAll": 0,
			"hi": [1, 1],
			"hiAfter": [0, 0],
			"namesAfterRemoveAll": [],
			"thisIsAPI": true,
			"typeError": true,
			"unhandledError": "boom",
			"log": ["a:1", "b:1", "c:1", "a:2", "b:2", "b:3", "z:pq", "d", "f", "d", "b:6", "a:6"]
		}`, got)
	})
}

func TestExternalAPIJSOverHTTPS(t *testing.T) {
	eachLibrary(t, func(t *testing.T, e *jsapiEnv) {
		tlsSrv := httptest.NewTLSServer(jsapiHandler(e.lib.path))
		t.Cleanup(tlsSrv.Close)
		e.open(t, tlsSrv.URL)
		var url string
		e.eval(t, `(() => {
			H.onload = 0;
			const api = H.apis[H.make({ roomName: 'secure', onload: () => { H.onload++; } })];
			api.executeCommand('subject', 'over https');
			return api._url;
		})()`, &url)
		assert.Equal(t, tlsSrv.URL+"/secure#jitsi_meet_external_api_id=0&appData.localStorageContent=null", url,
			"the scheme of the script's own URL")
		assert.Equal(t, jsapiMsg(0, jsapiCommand("subject", `["over https"]`)), e.message(t, 0, 1))
		e.stubSend(t, 0, jsapiMsg(0, jsapiEvent(`{"name":"ready"}`)))
		var onload int
		e.eval(t, `H.onload`, &onload)
		assert.Equal(t, 1, onload)
	})
}
