// Package browsertest starts headless Chromium for host tests that drive a
// page over the DevTools protocol (chromedp). Every browser gets the flags
// this project's machines need and a fresh profile directory.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian installs Chromium; MEETBRIDGE_CHROMIUM
// overrides it.
const ChromiumPath = "/usr/bin/chromium"

// Flags are the command-line flags every test browser starts with.
var Flags = []string{
	"headless", "no-sandbox", "disable-gpu", "disable-background-networking",
	"disable-component-update", "no-first-run", "disable-sync", "disable-dev-shm-usage",
}

// Options tune a browser.
type Options struct {
	// IgnoreCertificateErrors accepts self-signed certificates (for the
	// sandbox's HTTPS listener).
	IgnoreCertificateErrors bool
}

// Browser is a running Chromium with a log of what its pages printed.
type Browser struct {
	// Ctx is the chromedp context of the first tab.
	Ctx context.Context

	mu      sync.Mutex
	console []string
}

// New starts Chromium for t and stops it, removing its profile, when t ends.
func New(t testing.TB, o Options) *Browser {
	t.Helper()
	path := os.Getenv("MEETBRIDGE_CHROMIUM")
	if path == "" {
		path = ChromiumPath
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("browsertest: no Chromium at %s (make test installs Debian chromium): %v", path, err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	}
	for _, f := range Flags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	if o.IgnoreCertificateErrors {
		opts = append(opts, chromedp.Flag("ignore-certificate-errors", true))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b := &Browser{Ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, a := range ev.Args {
				s := string(a.Value)
				if s == "" {
					s = a.Description
				}
				parts = append(parts, s)
			}
			b.log(fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " ")))
		case *runtime.EventExceptionThrown:
			b.log("exception: " + ev.ExceptionDetails.Error())
		}
	})
	if err := chromedp.Run(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("browsertest: starting Chromium: %v", err)
	}
	t.Cleanup(func() {
		// Close the browser gracefully first: killing it lets its helper
		// processes write to the profile while the test removes it.
		_ = chromedp.Cancel(ctx)
		cancel()
		cancelAlloc()
		if t.Failed() {
			for _, line := range b.Console() {
				t.Log(line)
			}
		}
	})
	return b
}

// log records a console line.
func (b *Browser) log(line string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.console = append(b.console, line)
}

// Console returns what the browser's pages printed so far.
func (b *Browser) Console() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.console...)
}
