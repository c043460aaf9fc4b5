package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const (
	// debianChromium is the browser used unless MEETBRIDGE_CHROMIUM is set.
	debianChromium = "/usr/bin/chromium"
	// exitGlobal is where index.html records the program's exit code.
	exitGlobal = "window.__wasmtestExit"
	// pollInterval is how often the page is asked for the exit code.
	pollInterval = 20 * time.Millisecond
	// pollErrorGrace is how long polling may fail in a row, as it can while
	// the page replaces about:blank, before wasmtest gives up.
	pollErrorGrace = 10 * time.Second
	// closeTimeout bounds the wait for Chromium to exit by itself.
	closeTimeout = 5 * time.Second
)

// runBrowser starts Chromium with its profile in profileDir, runs the test
// page at url and returns the program's exit status.
func runBrowser(ctx context.Context, profileDir, url string) (int, error) {
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, allocatorOptions(profileDir)...)
	defer cancelAlloc() // Kills Chromium if it is still running and waits for it.
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx,
		chromedp.WithErrorf(func(format string, args ...any) {
			fmt.Fprintf(os.Stderr, "wasmtest: chromedp: "+format+"\n", args...)
		}))
	defer cancelBrowser()

	pageCtx, abort := context.WithCancelCause(browserCtx)
	defer abort(nil)
	con := &console{w: os.Stdout}
	frames := newFrameFilter()
	chromedp.ListenTarget(browserCtx, func(ev any) {
		switch ev := ev.(type) {
		case *cdpruntime.EventExecutionContextCreated:
			frames.created(ev.Context)
		case *cdpruntime.EventConsoleAPICalled:
			if frames.fromTestPage(ev.ExecutionContextID) {
				con.println(formatArgs(ev.Args))
			}
		case *cdpruntime.EventExceptionThrown:
			con.exception(ev.ExceptionDetails)
		case *inspector.EventTargetCrashed:
			abort(errors.New("the test page crashed"))
		case *inspector.EventDetached:
			abort(fmt.Errorf("Chromium detached from the test page: %s", ev.Reason))
		}
	})

	// The first Run starts Chromium, tied to browserCtx rather than pageCtx
	// so that closeBrowser can still shut it down gracefully.
	if err := chromedp.Run(browserCtx); err != nil {
		return failure(ctx, browserCtx, con, fmt.Errorf("starting Chromium: %w", err))
	}
	frames.setMainFrame(string(chromedp.FromContext(browserCtx).Target.TargetID))
	code, err := runPage(pageCtx, url)
	con.stop()
	closeBrowser(browserCtx)
	if err != nil {
		return failure(ctx, pageCtx, con, err)
	}
	return code, nil
}

// allocatorOptions returns the options for launching Chromium.
func allocatorOptions(profileDir string) []chromedp.ExecAllocatorOption {
	opts := append([]chromedp.ExecAllocatorOption(nil), chromedp.DefaultExecAllocatorOptions[:]...)
	opts = append(opts,
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profileDir),
		chromedp.ModifyCmdFunc(modifyCmd),
	)
	if path := chromiumPath(); path != "" {
		opts = append(opts, chromedp.ExecPath(path))
	}
	if useTLS() {
		opts = append(opts, chromedp.Flag("ignore-certificate-errors", true))
	}
	return opts
}

// chromiumPath returns the browser to run, or "" to let chromedp look for one.
func chromiumPath() string {
	if path := os.Getenv(envPrefix + "CHROMIUM"); path != "" {
		return path
	}
	if _, err := os.Stat(debianChromium); err == nil {
		return debianChromium
	}
	return ""
}

// runPage loads the test page and waits for the program's exit code.
func runPage(ctx context.Context, url string) (int, error) {
	// page.Navigate, unlike chromedp.Navigate, does not wait for the load
	// event, which a test could hold back, e.g. with a script from /hang.
	err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, _, errText, _, err := page.Navigate(url).Do(ctx)
		if err == nil && errText != "" {
			err = errors.New(errText)
		}
		return err
	}))
	if err != nil {
		return 0, fmt.Errorf("loading the test page: %w", err)
	}
	code, err := waitExit(ctx)
	if err != nil {
		return 0, err
	}
	// One more round trip: its answer comes after every console event that
	// the page sent before it, so all of them have been printed.
	if err := chromedp.Run(ctx, chromedp.Evaluate("0", nil)); err != nil {
		return 0, fmt.Errorf("draining console output: %w", err)
	}
	return code, nil
}

// waitExit polls the page until the program's exit code is recorded.
func waitExit(ctx context.Context) (int, error) {
	ticker := time.NewTicker(pollInterval)
	defer ticker.Stop()
	var failingSince time.Time
	for {
		var code *int
		err := chromedp.Run(ctx, chromedp.Evaluate(exitGlobal, &code))
		switch {
		case ctx.Err() != nil:
			return 0, context.Cause(ctx)
		case err == nil && code != nil:
			return *code, nil
		case err == nil:
			failingSince = time.Time{}
		case failingSince.IsZero():
			failingSince = time.Now()
		case time.Since(failingSince) > pollErrorGrace:
			return 0, fmt.Errorf("reading the exit code: %w", err)
		}
		select {
		case <-ctx.Done():
			return 0, context.Cause(ctx)
		case <-ticker.C:
		}
	}
}

// closeBrowser asks Chromium to exit and waits a little for it; the deferred
// cancel functions kill it if it has not exited by then.
func closeBrowser(ctx context.Context) {
	if ctx.Err() != nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, closeTimeout)
	defer cancel()
	chromedp.Cancel(ctx)
}

// failure returns the exit status and the error for a run in which the
// program's exit code was never read. runCtx is the context of the whole run
// and ctx the one that err occurred under.
func failure(runCtx, ctx context.Context, con *console, err error) (int, error) {
	cause := context.Cause(ctx)
	switch {
	case errors.Is(cause, errTimeout):
		if exc := con.lastException(); exc != "" {
			return 2, fmt.Errorf("%w; the last uncaught exception was: %s", cause, exc)
		}
		return 2, cause
	case runCtx.Err() != nil:
		return 1, errors.New("interrupted")
	case ctx.Err() != nil && !errors.Is(cause, context.Canceled):
		return 1, cause
	case ctx.Err() != nil:
		return 1, errors.New("lost the connection to Chromium")
	}
	return 1, err
}

// console prints the page's console output and uncaught exceptions, one call
// per line, in the order the page produced them.
type console struct {
	mu      sync.Mutex
	w       io.Writer
	stopped bool
	lastExc string
}

// println prints line unless printing has stopped.
func (c *console) println(line string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.stopped {
		fmt.Fprintln(c.w, line)
	}
}

// exception prints an uncaught exception and remembers it for the timeout
// message. It does not fail the run by itself: a recorded exit code wins.
func (c *console) exception(d *cdpruntime.ExceptionDetails) {
	if d == nil {
		return
	}
	text := d.Text
	if d.Exception != nil {
		text = strings.TrimSpace(text + " " + formatArg(d.Exception))
	}
	c.println(text)
	c.mu.Lock()
	c.lastExc = text
	c.mu.Unlock()
}

// lastException returns the last uncaught exception, or "".
func (c *console) lastException() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lastExc
}

// stop makes the console drop all further output.
func (c *console) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = true
}

// formatArgs joins a console call's arguments as the browser's console shows
// them, with strings unquoted.
func formatArgs(args []*cdpruntime.RemoteObject) string {
	parts := make([]string, len(args))
	for i, arg := range args {
		parts[i] = formatArg(arg)
	}
	return strings.Join(parts, " ")
}

// formatArg formats one console argument or thrown value.
func formatArg(o *cdpruntime.RemoteObject) string {
	if o.Type == cdpruntime.TypeString {
		var s string
		if json.Unmarshal(o.Value, &s) == nil {
			return s
		}
	}
	switch {
	case o.UnserializableValue != "":
		return string(o.UnserializableValue)
	case o.Description != "":
		return o.Description
	case len(o.Value) > 0:
		return string(o.Value)
	}
	return string(o.Type)
}

// frameFilter tells console calls of the test page itself from those of the
// iframes it embeds (such as a sandbox conference, which logs every
// message), so that only the test program's output reaches go test.
// MEETBRIDGE_WASMTEST_FRAMES=all keeps everything, for debugging.
type frameFilter struct {
	mu        sync.Mutex
	all       bool
	mainFrame string
	mine      map[cdpruntime.ExecutionContextID]bool
	frameOf   map[cdpruntime.ExecutionContextID]string
}

// newFrameFilter returns a filter that knows no context yet.
func newFrameFilter() *frameFilter {
	return &frameFilter{
		all:     os.Getenv("MEETBRIDGE_WASMTEST_FRAMES") == "all",
		mine:    map[cdpruntime.ExecutionContextID]bool{},
		frameOf: map[cdpruntime.ExecutionContextID]string{},
	}
}

// setMainFrame names the test page's frame (a page target's id is its main
// frame's id).
func (f *frameFilter) setMainFrame(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mainFrame = id
	for ctx, frame := range f.frameOf {
		f.mine[ctx] = frame == id
	}
}

// created records an execution context and its frame.
func (f *frameFilter) created(c *cdpruntime.ExecutionContextDescription) {
	var aux struct {
		FrameID string `json:"frameId"`
	}
	_ = json.Unmarshal(c.AuxData, &aux)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.frameOf[c.ID] = aux.FrameID
	f.mine[c.ID] = f.mainFrame == "" || aux.FrameID == f.mainFrame
}

// fromTestPage reports whether a console call came from the test page.
func (f *frameFilter) fromTestPage(ctx cdpruntime.ExecutionContextID) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	mine, known := f.mine[ctx]
	return f.all || !known || mine
}
