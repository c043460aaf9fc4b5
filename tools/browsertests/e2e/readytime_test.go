//go:build !js

package e2e

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/meetbridge/meetbridge"
	"github.com/meetbridge/meetbridge/externalapi"
	"github.com/meetbridge/meetbridge/server"
	"github.com/meetbridge/meetbridge/tools/internal/browsertest"
)

// readyPages are the pages of the ready-time benchmark: each creates a
// sandbox meeting and records performance.now() (milliseconds since the
// navigation started) in window.readyAt when the meeting is ready. "go"
// creates it from Go with New once the module runs; "early" starts it in
// the page (externalapi.EarlyStart's elements, the early start script) and
// Go adopts it (externalapi.Adopt), recording readyAt when Go's handler
// runs; "js" is plain JavaScript. The share pages ("share" with one of
// shareSteps) are the early page stopped part way, to measure what each
// step of a Go module costs the meeting: "early-alone" has no module,
// "early-fetch" downloads it (without compiling), "early-compile" compiles
// it (without running it), and "early-empty" runs the smallest Go program
// (testdata/emptypage) instead of the bridge. They record in window.stepAt
// when their step is done, and their ready time is the later of that and
// the meeting's ready as JavaScript saw it.
var readyPages = template.Must(template.New("").Parse(`
{{define "js"}}<!doctype html><body>
<script src="http://{{.Domain}}/external_api.js"></script>
<script>
new JitsiMeetExternalAPI({{.Domain}}, {roomName: {{.Room}}, onload: () => { window.readyAt = performance.now(); }});
window.createdAt = performance.now();
</script></body>{{end}}
{{define "go"}}<!doctype html><head>
<link rel="preconnect" href="http://{{.Domain}}">
<link rel="preload" as="script" href="http://{{.Domain}}/external_api.js">
</head><body data-domain="{{.Domain}}" data-room="{{.Room}}">
{{template "run"}}</body>{{end}}
{{define "early"}}<!doctype html><head>
<link rel="preconnect" href="http://{{.Domain}}">
</head><body data-domain="{{.Domain}}" data-room="{{.Room}}" data-mode="early">
{{template "run"}}
{{.Early}}</body>{{end}}
{{define "run"}}<script src="/wasm_exec.js"></script>
<script>
const go = new Go();
WebAssembly.instantiateStreaming(fetch("/ready.wasm"), go.importObject).then((r) => {
  window.compiledAt = performance.now();
  go.run(r.instance);
});
</script>{{end}}
{{define "share"}}<!doctype html><head>
<link rel="preconnect" href="http://{{.Domain}}">
</head><body>
{{.Step}}
{{.Early}}</body>{{end}}`))

// shareSteps are the steps of the share pages (template "share"): each
// records in window.stepAt when it is done.
var shareSteps = map[string]template.HTML{
	"early-alone": `<script>window.stepAt = performance.now();</script>`,
	"early-fetch": `<script src="/wasm_exec.js"></script>
<script>fetch("/ready.wasm").then((r) => r.arrayBuffer()).then(() => { window.stepAt = performance.now(); });</script>`,
	"early-compile": `<script src="/wasm_exec.js"></script>
<script>WebAssembly.compileStreaming(fetch("/ready.wasm")).then(() => { window.stepAt = performance.now(); });</script>`,
	"early-empty": `<script src="/wasm_exec.js"></script>
<script>const go = new Go();
WebAssembly.instantiateStreaming(fetch("/empty.wasm"), go.importObject).then((r) => go.run(r.instance)).then(() => { window.stepAt = performance.now(); });</script>`,
}

// readyKinds are the pages of one run, in the order of the first run.
var readyKinds = []string{"go", "early", "js", "early-alone", "early-fetch", "early-compile", "early-empty"}

// readyCondition is true once a page is ready (or failed): readyAt, or for
// a share page the later of its step and the meeting's ready.
const readyCondition = `window.readyAt || window.readyError ||
	(window.stepAt && (window.meetbridgeEarlyStart || {}).loadedAt ? (window.readyAt = Math.max(window.stepAt, window.meetbridgeEarlyStart.loadedAt)) : 0) ||
	(window.meetbridgeEarlyStart || {}).error`

// readyMarks are the steps each page records, read after ready: the Go
// pages' window marks and the early start's own (the meeting object
// created, and its onload, which is when JavaScript saw the meeting ready).
const readyMarks = `({Error: window.readyError || (window.meetbridgeEarlyStart || {}).error || "", Ready: window.readyAt || 0, Compiled: window.compiledAt || 0,
	Main: window.mainAt || 0, Script: window.scriptAt || 0, Created: window.createdAt || 0, Adopted: window.adoptedAt || 0, Step: window.stepAt || 0,
	EarlyCreated: (window.meetbridgeEarlyStart || {}).createdAt || 0, EarlyLoaded: (window.meetbridgeEarlyStart || {}).loadedAt || 0})`

// BenchmarkReadyTime measures the time from navigation to the meeting's
// ready event for two Go pages (the bridge in a WebAssembly bundle) and a
// plain-JS page, and reports the medians and their ratios. The "go" page
// tells the browser at once what it will need (a preconnect to the
// provider's origin and a preload of its script), so that the script
// downloads while the module downloads and compiles, and creates the
// meeting with New; the "early" page creates the meeting before the module
// has compiled (externalapi.EarlyStart) and Go adopts it. Both run the same
// module. Their steps are logged, and the share pages (readyPages) give
// what downloading and compiling the module cost the meeting.
//
// Every page gets a sandbox of its own, as a first visit does: nothing of
// the provider's origin is cached or connected, for any page (with one
// sandbox per run, the run's first page paid for the cold origin and the
// others found its script cached), and the pages' order turns by one each
// run. Run it with -benchtime=1x: one iteration is the whole series.
//
//	cd tools && go test -run '^$' -bench ReadyTime -benchtime 1x ./browsertests/e2e
func BenchmarkReadyTime(b *testing.B) {
	const runs = 9
	wasm, empty := buildPage(b, "./testdata/readypage"), buildPage(b, "./testdata/emptypage")
	pages := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/wasm_exec.js":
			w.Header().Set("Content-Type", "text/javascript")
			_, _ = w.Write(meetbridge.WasmExecJS)
		case externalapi.EarlyStartPath:
			w.Header().Set("Content-Type", "text/javascript")
			_, _ = w.Write(externalapi.EarlyStartScript)
		case "/ready.wasm", "/empty.wasm":
			w.Header().Set("Content-Type", "application/wasm")
			http.ServeFile(w, r, map[string]string{"/ready.wasm": wasm, "/empty.wasm": empty}[r.URL.Path])
		default:
			room, domain := r.URL.Query().Get("room"), r.URL.Query().Get("domain")
			early, err := externalapi.EarlyStart{Provider: externalapi.Sandbox(domain, false), Options: externalapi.Options{RoomName: room}}.HTML("")
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			kind := strings.TrimPrefix(r.URL.Path, "/")
			data := map[string]any{"Domain": domain, "Room": room, "Early": template.HTML(early)}
			if step, ok := shareSteps[kind]; ok {
				kind, data["Step"] = "share", step
			}
			_ = readyPages.ExecuteTemplate(w, kind, data)
		}
	}))
	defer pages.Close()
	browser := browsertest.New(b, browsertest.Options{})

	for i := 0; i < b.N; i++ {
		times := map[string][]float64{}
		for run := 0; run < runs; run++ {
			for k := range readyKinds {
				kind := readyKinds[(k+run)%len(readyKinds)]
				domain := strings.TrimPrefix(startSandbox(b), "http://")
				room := fmt.Sprintf("ready-%s-%d-%d", kind, i, run)
				var at struct {
					Error                                                                            string
					Ready, Compiled, Main, Script, Created, Adopted, Step, EarlyCreated, EarlyLoaded float64
				}
				err := chromedp.Run(browser.Ctx,
					chromedp.Navigate(pages.URL+"/"+kind+"?"+url.Values{"room": {room}, "domain": {domain}}.Encode()),
					chromedp.Poll(readyCondition, nil, chromedp.WithPollingTimeout(30*time.Second)),
					chromedp.Evaluate(readyMarks, &at),
				)
				if err == nil && at.Error != "" {
					err = errors.New(at.Error)
				}
				if err != nil {
					b.Fatalf("%s page run %d: %v", kind, run, err)
				}
				steps := map[string]float64{"ready": at.Ready}
				switch kind {
				case "go":
					maps.Copy(steps, map[string]float64{"compiled": at.Compiled, "main": at.Main, "script": at.Script, "created": at.Created})
				case "early":
					maps.Copy(steps, map[string]float64{"compiled": at.Compiled, "main": at.Main, "js created": at.EarlyCreated,
						"js ready": at.EarlyLoaded, "adopted": at.Adopted})
				case "js":
					steps["created"] = at.Created
				default:
					maps.Copy(steps, map[string]float64{"step": at.Step, "js created": at.EarlyCreated, "js ready": at.EarlyLoaded})
				}
				for step, ms := range steps {
					times[kind+" "+step] = append(times[kind+" "+step], ms)
				}
			}
		}
		goMs, earlyMs, jsMs := median(times["go ready"]), median(times["early ready"]), median(times["js ready"])
		b.ReportMetric(goMs, "go-ms")
		b.ReportMetric(earlyMs, "early-ms")
		b.ReportMetric(jsMs, "js-ms")
		b.ReportMetric(goMs/jsMs, "go/js")
		b.ReportMetric(earlyMs/jsMs, "early/js")
		b.Logf("go page: %v ms; early page: %v ms; js page: %v ms", times["go ready"], times["early ready"], times["js ready"])
		b.Logf("medians: go %.1f ms, early %.1f ms, js %.1f ms; go/js %.2f, early/js %.2f", goMs, earlyMs, jsMs, goMs/jsMs, earlyMs/jsMs)
		b.Logf("js page steps, medians: iframe created %.1f ms, ready %.1f ms", median(times["js created"]), jsMs)
		b.Logf("go page steps, medians: module compiled %.1f ms, Go main running %.1f ms, script loaded %.1f ms, iframe created %.1f ms, ready %.1f ms",
			median(times["go compiled"]), median(times["go main"]), median(times["go script"]), median(times["go created"]), goMs)
		b.Logf("early page steps, medians: iframe created by the page %.1f ms, JS saw ready %.1f ms, module compiled %.1f ms, Go main running %.1f ms, adopted %.1f ms, Go saw ready %.1f ms",
			median(times["early js created"]), median(times["early js ready"]), median(times["early compiled"]), median(times["early main"]),
			median(times["early adopted"]), earlyMs)
		for _, kind := range readyKinds[3:] {
			ms := median(times[kind+" ready"])
			b.Logf("%s, medians: iframe created %.1f ms, step done %.1f ms, JS saw ready %.1f ms, ready %.1f ms (%.2fx js)",
				kind, median(times[kind+" js created"]), median(times[kind+" step"]), median(times[kind+" js ready"]), ms, ms/jsMs)
			b.ReportMetric(ms/jsMs, kind+"/js")
		}
	}
}

// median returns the median of xs.
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// startSandbox serves the meetbridge server (sandbox provider) on loopback
// and returns its base URL.
func startSandbox(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	bundle := filepath.Join(dir, "app.wasm")
	if err := os.WriteFile(bundle, []byte("unused"), 0o644); err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	srv, err := server.New(server.Config{PublicHost: ts.Listener.Addr().String(), WasmPath: bundle}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	ts.Config.Handler = srv.Handler()
	ts.Start()
	b.Cleanup(func() {
		ts.CloseClientConnections() // the event streams of pages the browser still holds
		ts.Close()
	})
	return ts.URL
}

// buildPage builds the Go page in dir the way make build builds the
// bundle and returns the wasm file.
func buildPage(b *testing.B, dir string) string {
	b.Helper()
	out := filepath.Join(b.TempDir(), filepath.Base(dir)+".wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, dir)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("building the Go page: %v\n%s", err, msg)
	}
	return out
}
