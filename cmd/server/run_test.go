package main

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// runServer starts the command's run with f (logging to log, or nowhere
// when log is nil) and hands each line it prints to ready until ready says
// the server is up; later lines are discarded. A run that fails to start
// fails the test with run's own error instead of hanging. The returned stop
// cancels the run and fails the test unless it ended cleanly; the test's
// end calls it too.
func runServer(t *testing.T, f flags, log *slog.Logger, ready func(line string) bool) (stop func()) {
	t.Helper()
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, f, pw, log)
		pw.CloseWithError(err) // ends the reads below: with run's error, or EOF
		done <- err
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			require.NoError(t, <-done)
		})
	}
	t.Cleanup(stop)
	lines := bufio.NewReader(pr)
	for {
		line, err := lines.ReadString('\n')
		require.NoError(t, err, "the server did not start")
		if ready(line) {
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, lines) }()
	return stop
}
