package server

import (
	"errors"
	"fmt"
	"net"
)

// Providers the server can issue or fetch join tokens for.
const (
	ProviderSandbox = "sandbox"
)

// Config is what the server needs. Secrets never come from here as plain
// flags: see LoadSecret.
type Config struct {
	// PublicHost is the host:port the browser reaches the server at; the
	// sandbox's meeting domain.
	PublicHost string
	// TLSHost is the host:port of the HTTPS listener, if any; with it the
	// sandbox domain is served over https, as the real Jitsi library needs.
	TLSHost string
	// WasmPath is the built bundle.
	WasmPath string
	// Provider is the meeting provider; "sandbox" by default.
	Provider string
	// Room is the room the page proposes.
	Room string
	// SandboxControlToken enables the sandbox's control endpoint.
	SandboxControlToken string
}

// Validate reports what is missing or wrong.
func (c *Config) Validate() error {
	var errs []error
	if c.Provider == "" {
		c.Provider = ProviderSandbox
	}
	if c.Provider != ProviderSandbox {
		errs = append(errs, fmt.Errorf("unknown provider %q (want sandbox)", c.Provider))
	}
	if _, _, err := net.SplitHostPort(c.PublicHost); err != nil {
		errs = append(errs, fmt.Errorf("public host %q: %w", c.PublicHost, err))
	}
	if c.WasmPath == "" {
		errs = append(errs, errors.New("no bundle path"))
	}
	if c.Room == "" {
		c.Room = "meetbridge-demo"
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("server: config: %w", err)
	}
	return nil
}
