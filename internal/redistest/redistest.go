// Package redistest runs a real redis-server (the Debian package, which
// make test installs) on a free loopback port for a test, and can stop and
// restart it to test what happens when Redis goes away.
package redistest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// Server is a redis-server started for one test.
type Server struct {
	// Addr is its host:port, URL its redis:// URL.
	Addr, URL string

	t    testing.TB
	port int
	cmd  *exec.Cmd
	done chan error
}

// Start runs redis-server on a free loopback port, without persistence,
// and stops it when the test ends. It fails the test when redis-server is
// not installed.
func Start(t testing.TB) *Server {
	t.Helper()
	var err error
	for range 3 { // another process may take the free port first
		ln, lerr := net.Listen("tcp", "127.0.0.1:0")
		if lerr != nil {
			t.Fatal(lerr)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		ln.Close()
		s := &Server{t: t, port: port, Addr: "127.0.0.1:" + strconv.Itoa(port)}
		s.URL = "redis://" + s.Addr + "/0"
		if err = s.start(); err == nil {
			t.Cleanup(s.Stop)
			return s
		}
	}
	t.Fatal(err)
	return nil
}

// Restart starts the server again after Stop, on the same port, empty. It
// returns once Redis accepts connections.
func (s *Server) Restart() {
	s.t.Helper()
	if s.cmd != nil {
		s.t.Fatal("redistest: Restart of a running server")
	}
	if err := s.start(); err != nil {
		s.t.Fatal(err)
	}
}

// start runs redis-server on s.port and waits until it accepts
// connections.
func (s *Server) start() error {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return errors.New("redistest: redis-server is not installed (apt-get install -y redis-server; make test installs it)")
	}
	cmd := exec.Command(bin, "--port", strconv.Itoa(s.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--logfile", "", "--loglevel", "notice", "--databases", "1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return err
	}
	lines := bufio.NewReader(out)
	var log strings.Builder
	for {
		line, err := lines.ReadString('\n')
		log.WriteString(line)
		if strings.Contains(line, "Ready to accept connections") {
			break
		}
		if err != nil {
			_ = cmd.Wait()
			return fmt.Errorf("redistest: redis-server did not start on port %d: %v\n%s", s.port, err, log.String())
		}
	}
	done := make(chan error, 1)
	go func() {
		_, _ = io.Copy(io.Discard, lines)
		done <- cmd.Wait()
	}()
	s.cmd, s.done = cmd, done
	return nil
}

// Stop kills the server and waits until it has exited; stopping a stopped
// server does nothing.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.done
	s.cmd, s.done = nil, nil
}

// String describes the server.
func (s *Server) String() string { return fmt.Sprintf("redis-server at %s", s.Addr) }
