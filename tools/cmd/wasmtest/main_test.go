package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/go-json-experiment/json/jsontext"
)

func TestTestTimeout(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want time.Duration
	}{
		{nil, defaultTimeout},
		{[]string{"-test.v=true"}, defaultTimeout},
		{[]string{"-test.timeout=10m0s"}, 10*time.Minute + timeoutSlack},
		{[]string{"-test.timeout", "1s"}, time.Second + timeoutSlack},
		{[]string{"-test.timeout=1s", "-test.timeout=2s"}, 2*time.Second + timeoutSlack},
		{[]string{"-test.timeout=0"}, 0},
		{[]string{"--", "-test.timeout=1s"}, defaultTimeout},
		{[]string{"-test.timeout=bogus"}, defaultTimeout},
	} {
		if got := testTimeout(tc.args); got != tc.want {
			t.Errorf("testTimeout(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

func TestPageEnvPassesOnlyMeetbridgeVariables(t *testing.T) {
	t.Setenv("MEETBRIDGE_X", "1")
	t.Setenv("SECRET_TOKEN", "nope")
	env := pageEnv()
	if env["MEETBRIDGE_X"] != "1" || env["HOME"] != "/" {
		t.Errorf("env = %v", env)
	}
	if _, ok := env["SECRET_TOKEN"]; ok {
		t.Error("a variable without the prefix reached the page")
	}
}

func TestFrameFilterKeepsOnlyTheTestPage(t *testing.T) {
	f := newFrameFilter()
	aux := func(frame string) jsontext.Value {
		b, _ := json.Marshal(map[string]string{"frameId": frame})
		return jsontext.Value(b)
	}
	f.created(&cdpruntime.ExecutionContextDescription{ID: 1, AuxData: aux("main")})
	f.setMainFrame("main")
	f.created(&cdpruntime.ExecutionContextDescription{ID: 2, AuxData: aux("iframe")})
	if !f.fromTestPage(1) {
		t.Error("the test page's context was dropped")
	}
	if f.fromTestPage(2) {
		t.Error("an iframe's context was kept")
	}
	if !f.fromTestPage(3) {
		t.Error("an unknown context is kept rather than lost")
	}
}

func TestHandlerServesTheFixtures(t *testing.T) {
	dir := t.TempDir()
	binary := filepath.Join(dir, "pkg.test")
	if err := os.WriteFile(binary, []byte("\x00asm"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "testdata"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "testdata", "x.txt"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	h, err := newHandler(binary, []string{"-test.v=true"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path string) (int, string) {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	for path, want := range map[string]int{"/": 200, "/wasm_exec.js": 200, "/test.wasm": 200, "/files/testdata/x.txt": 200, "/status/418": 418, "/status/abc": 400} {
		if code, _ := get(path); code != want {
			t.Errorf("GET %s = %d, want %d", path, code, want)
		}
	}
	if code, _ := get("/flaky/testdata/x.txt"); code != http.StatusServiceUnavailable {
		t.Errorf("first flaky GET = %d, want 503", code)
	}
	if code, body := get("/flaky/testdata/x.txt"); code != 200 || body != "hello" {
		t.Errorf("second flaky GET = %d %q", code, body)
	}
	if code, _ := get("/flaky/testdata/x.txt?run=2"); code != http.StatusServiceUnavailable {
		t.Errorf("first flaky GET of a new query = %d, want 503", code)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/hang", nil)
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Error("/hang answered")
	}
}

func TestServerOverTLSWithAssets(t *testing.T) {
	assets := t.TempDir()
	if err := os.WriteFile(filepath.Join(assets, "lib.js"), []byte("window.x = 1;"), 0o644); err != nil {
		t.Fatal(err)
	}
	binary := filepath.Join(t.TempDir(), "pkg.test")
	if err := os.WriteFile(binary, []byte("\x00asm"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(assetsEnv, assets)
	t.Setenv(tlsEnv, "1")
	srv, err := startServer(binary, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.close()
	if got := srv.url[:8]; got != "https://" {
		t.Fatalf("url %s is not https", srv.url)
	}
	// The certificate is self-signed: this client, like Chromium with
	// --ignore-certificate-errors, accepts it.
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	res, err := client.Get(srv.url + "assets/lib.js")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || string(body) != "window.x = 1;" {
		t.Errorf("GET /assets/lib.js = %d %q", res.StatusCode, body)
	}
}
