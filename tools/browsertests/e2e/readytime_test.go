//go:build !js

package e2e

import (
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/meetbridge/meetbridge"
	"github.com/meetbridge/meetbridge/server"
	"github.com/meetbridge/meetbridge/tools/internal/browsertest"
)

// readyPages are the two pages of the ready-time benchmark: each creates a
// sandbox meeting and records performance.now() (milliseconds since the
// navigation started) in window.readyAt when the meeting is ready.
var readyPages = template.Must(template.New("").Parse(`
{{define "js"}}<!doctype html><body>
<script src="http://{{.Domain}}/external_api.js"></script>
<script>
new JitsiMeetExternalAPI({{.Domain}}, {roomName: {{.Room}}, onload: () => { window.readyAt = performance.now(); }});
</script></body>{{end}}
{{define "go"}}<!doctype html><head>
<link rel="preconnect" href="http://{{.Domain}}">
<link rel="preload" as="script" href="http://{{.Domain}}/external_api.js">
</head><body data-domain="{{.Domain}}" data-room="{{.Room}}">
<script src="/wasm_exec.js"></script>
<script>
const go = new Go();
WebAssembly.instantiateStreaming(fetch("/ready.wasm"), go.importObject).then((r) => {
  window.compiledAt = performance.now();
  go.run(r.instance);
});
</script></body>{{end}}`))

// BenchmarkReadyTime measures the time from navigation to the meeting's
// ready event for a Go page (the bridge in a WebAssembly bundle) and for a
// plain-JS page, on the same sandbox, alternating, and reports the medians
// and their ratio. The Go page tells the browser at once what it will need
// (a preconnect to the provider's origin and a preload of its script), so
// that the script downloads while the module downloads and compiles; its
// steps are logged: module compiled, Go main running, script loaded, iframe
// created (New returned), ready. Run it with -benchtime=1x: one iteration is the whole
// series.
//
//	cd tools && go test -run '^$' -bench ReadyTime -benchtime 1x ./browsertests/e2e
func BenchmarkReadyTime(b *testing.B) {
	const runs = 9
	sandbox := startSandbox(b)
	wasm := buildReadyPage(b)
	pages := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/wasm_exec.js":
			w.Header().Set("Content-Type", "text/javascript")
			_, _ = w.Write(meetbridge.WasmExecJS)
		case "/ready.wasm":
			w.Header().Set("Content-Type", "application/wasm")
			http.ServeFile(w, r, wasm)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			data := map[string]string{"Domain": strings.TrimPrefix(sandbox, "http://"), "Room": r.URL.Query().Get("room")}
			_ = readyPages.ExecuteTemplate(w, strings.TrimPrefix(r.URL.Path, "/"), data)
		}
	}))
	defer pages.Close()
	browser := browsertest.New(b, browsertest.Options{})

	for i := 0; i < b.N; i++ {
		times := map[string][]float64{}
		for run := 0; run < runs; run++ {
			for _, kind := range []string{"go", "js"} {
				room := fmt.Sprintf("ready-%s-%d-%d", kind, i, run)
				var at struct{ Ready, Compiled, Main, Script, Created float64 }
				err := chromedp.Run(browser.Ctx,
					chromedp.Navigate(pages.URL+"/"+kind+"?room="+room),
					chromedp.Poll(`window.readyAt || window.readyError`, nil, chromedp.WithPollingTimeout(30*time.Second)),
					chromedp.Evaluate(`({Ready: window.readyAt, Compiled: window.compiledAt || 0, Main: window.mainAt || 0, Script: window.scriptAt || 0, Created: window.createdAt || 0})`, &at),
				)
				if err != nil {
					b.Fatalf("%s page run %d: %v", kind, run, err)
				}
				times[kind] = append(times[kind], at.Ready)
				if kind == "go" {
					times["compiled"] = append(times["compiled"], at.Compiled)
					times["main"] = append(times["main"], at.Main)
					times["script"] = append(times["script"], at.Script)
					times["created"] = append(times["created"], at.Created)
				}
			}
		}
		goMs, jsMs := median(times["go"]), median(times["js"])
		b.ReportMetric(goMs, "go-ms")
		b.ReportMetric(jsMs, "js-ms")
		b.ReportMetric(goMs/jsMs, "go/js")
		b.Logf("go page: %v ms; js page: %v ms", times["go"], times["js"])
		b.Logf("go page steps, medians: module compiled %.1f ms, Go main running %.1f ms, script loaded %.1f ms, iframe created %.1f ms, ready %.1f ms",
			median(times["compiled"]), median(times["main"]), median(times["script"]), median(times["created"]), goMs)
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
	b.Cleanup(ts.Close)
	return ts.URL
}

// buildReadyPage builds testdata/readypage the way make build builds the
// bundle and returns the wasm file.
func buildReadyPage(b *testing.B) string {
	b.Helper()
	out := filepath.Join(b.TempDir(), "ready.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, "./testdata/readypage")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("building the Go page: %v\n%s", err, msg)
	}
	return out
}
