// Command server serves meetbridge: the page and its WebAssembly bundle, the
// sandbox conference (the default provider) and the join-token API.
//
//	server -addr 127.0.0.1:8080 -wasm dist/app.wasm
//
// Secrets come from the environment or from files, never from flags:
//
//	MEETBRIDGE_SANDBOX_CONTROL_TOKEN (or _FILE)  enables the sandbox control
//
// With -tls-addr the same routes are also served over HTTPS with a
// self-signed certificate generated at start, so that the real Jitsi
// external_api.js (which always uses https) can drive the sandbox.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/meetbridge/meetbridge/sandbox"
	"github.com/meetbridge/meetbridge/server"
)

// flags are the command line.
type flags struct {
	addr, tlsAddr, publicHost, wasm, provider, room, controlTokenFile string
}

func main() {
	var f flags
	flag.StringVar(&f.addr, "addr", "127.0.0.1:8080", "HTTP listen address")
	flag.StringVar(&f.tlsAddr, "tls-addr", "", "HTTPS listen address with a self-signed certificate (for the real Jitsi library); empty: none")
	flag.StringVar(&f.publicHost, "public-host", "", "host:port browsers reach the server at; default: the listen address")
	flag.StringVar(&f.wasm, "wasm", "dist/app.wasm", "the built bundle")
	flag.StringVar(&f.provider, "provider", server.ProviderSandbox, "meeting provider")
	flag.StringVar(&f.room, "room", "meetbridge-demo", "room the page proposes")
	flag.StringVar(&f.controlTokenFile, "sandbox-control-token-file", "", "read the sandbox control token from this file, creating it if missing (development)")
	flag.Parse()

	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, f, os.Stdout, log); err != nil {
		log.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// run serves until ctx ends, printing the URLs to out once listening.
func run(ctx context.Context, f flags, out io.Writer, log *slog.Logger) error {
	controlToken, err := server.LoadSecret("MEETBRIDGE_SANDBOX_CONTROL_TOKEN")
	if err != nil {
		return err
	}
	if controlToken == "" && f.controlTokenFile != "" {
		if controlToken, err = server.TokenFile(f.controlTokenFile); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	cfg := server.Config{
		PublicHost:          f.publicHost,
		WasmPath:            f.wasm,
		Provider:            f.provider,
		Room:                f.room,
		SandboxControlToken: controlToken,
	}
	if cfg.PublicHost == "" {
		cfg.PublicHost = ln.Addr().String()
	}
	var tlsLn net.Listener
	if f.tlsAddr != "" {
		if tlsLn, err = listenTLS(f.tlsAddr); err != nil {
			return err
		}
		defer tlsLn.Close()
		cfg.TLSHost = tlsLn.Addr().String()
	}
	srv, err := server.New(cfg, log)
	if err != nil {
		return err
	}

	base, cancel := context.WithCancel(context.Background())
	defer cancel()
	httpSrv := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		// Long enough for the bundle on a slow link; the sandbox's event
		// streams end with BaseContext on shutdown.
		WriteTimeout: 0,
		BaseContext:  func(net.Listener) context.Context { return base },
		ErrorLog:     slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 2)
	go func() { errc <- httpSrv.Serve(ln) }()
	fmt.Fprintf(out, "meetbridge: open http://%s/ (provider %s)\n", cfg.PublicHost, cfg.Provider)
	if tlsLn != nil {
		go func() { errc <- httpSrv.Serve(tlsLn) }()
		fmt.Fprintf(out, "meetbridge: sandbox over https at https://%s/ (self-signed)\n", cfg.TLSHost)
	}
	if controlToken != "" && f.controlTokenFile != "" {
		fmt.Fprintf(out, "meetbridge: sandbox control token in %s\n", f.controlTokenFile)
	}

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	cancel() // ends the sandbox event streams
	shutdown, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	if err := httpSrv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// listenTLS listens on addr with a self-signed certificate for the local
// names and the listener's own address.
func listenTLS(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	cert, err := sandbox.SelfSignedCertificate("localhost", "127.0.0.1", "::1", host)
	if err != nil {
		return nil, err
	}
	return tls.Listen("tcp", addr, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
}
