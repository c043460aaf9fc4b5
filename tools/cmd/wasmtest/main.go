// Command wasmtest runs a js/wasm Go test binary in headless Chromium. It is
// meant to be the -exec program of go test:
//
//	GOOS=js GOARCH=wasm go test -exec=/path/to/wasmtest ./...
//
// go test runs it as "wasmtest pkg.test [test flags]" in the package's source
// directory. wasmtest serves the binary and a small page on a loopback HTTP
// server, loads the page in a fresh Chromium, copies the program's console
// output to its own stdout line by line and exits with the program's exit
// code. All test flags reach the program unchanged.
//
// Besides the page itself, the server offers fixtures to the tests:
//
//	/files/...      read-only files from the package directory
//	/hang           never answers
//	/status/{code}  answers with that HTTP status and an empty body
//	/flaky/...      like /files/, but the first request for each URL (path and
//	                query) gets 503
//
// With MEETBRIDGE_WASMTEST_BACKEND set to a URL, every other path is proxied
// to that server, so a test page and, say, a sandbox conference share an
// origin. MEETBRIDGE_WASMTEST_ASSETS names a directory served read-only at
// /assets/. MEETBRIDGE_WASMTEST_TLS=1 serves everything over HTTPS with a
// self-signed certificate that Chromium is told to accept.
//
// The program's environment holds only HOME=/, PWD=/ and the variables whose
// names start with MEETBRIDGE_. MEETBRIDGE_CHROMIUM names the browser to run
// instead of /usr/bin/chromium.
//
// wasmtest gives up, with exit status 2, when the program has not exited
// 30 seconds after its -test.timeout (15 minutes without that flag; never
// when it is 0).
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

const (
	// envPrefix marks the variables that are passed on to the test program.
	envPrefix = "MEETBRIDGE_"
	// defaultTimeout applies when the arguments have no -test.timeout.
	defaultTimeout = 15 * time.Minute
	// timeoutSlack is added to -test.timeout so that the test binary's own
	// timeout, with its goroutine dump, fires first.
	timeoutSlack = 30 * time.Second
)

// errTimeout is the cause of the deadline set from -test.timeout.
var errTimeout = errors.New("timed out")

func main() {
	os.Exit(run(os.Args[1:]))
}

// run runs the test binary args[0] with the flags args[1:] and returns the
// exit status for wasmtest.
func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: wasmtest path/to/pkg.test [test flags]")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := runTest(ctx, args[0], args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "wasmtest: %v\n", err)
	}
	return code
}

// runTest serves the test binary, runs it in a fresh Chromium and returns its
// exit status. A non-nil error explains a status that the binary did not
// choose itself.
func runTest(ctx context.Context, binary string, testArgs []string) (int, error) {
	binary, err := filepath.Abs(binary)
	if err == nil {
		_, err = os.Stat(binary)
	}
	if err != nil {
		return 1, fmt.Errorf("test binary: %w", err)
	}

	srv, err := startServer(binary, testArgs)
	if err != nil {
		return 1, err
	}
	defer srv.close()

	profile, err := os.MkdirTemp("", "wasmtest-chromium-")
	if err != nil {
		return 1, fmt.Errorf("creating the Chromium profile: %w", err)
	}
	defer os.RemoveAll(profile)

	if timeout := testTimeout(testArgs); timeout > 0 {
		var cancel context.CancelFunc
		cause := fmt.Errorf("%w after %v: the test program never exited", errTimeout, timeout)
		ctx, cancel = context.WithTimeoutCause(ctx, timeout, cause)
		defer cancel()
	}
	return runBrowser(ctx, profile, srv.url)
}

// testTimeout returns how long wasmtest waits for the test program: its
// -test.timeout plus timeoutSlack, defaultTimeout without the flag, or 0 (no
// limit) if the flag is 0. Like the flag package, the last occurrence wins
// and "--" ends the flags.
func testTimeout(args []string) time.Duration {
	timeout := defaultTimeout
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(arg, "-"), "=")
		if !strings.HasPrefix(arg, "-") || strings.TrimPrefix(name, "-") != "test.timeout" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			i++
			value = args[i]
		}
		d, err := time.ParseDuration(value)
		if err != nil {
			continue // The test binary reports malformed flags itself.
		}
		timeout = 0
		if d > 0 {
			timeout = d + timeoutSlack
		}
	}
	return timeout
}

// pageEnv returns the environment of the test program.
func pageEnv() map[string]string {
	env := map[string]string{"HOME": "/", "PWD": "/"}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, envPrefix) {
			env[k] = v
		}
	}
	return env
}
