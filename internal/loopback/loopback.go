// Package loopback tells loopback hosts apart, for the rule the project's
// clients and pages share: https everywhere, plain http only to this machine
// (a test server).
package loopback

import (
	"net"
	"net/url"
)

// Host reports whether host (without a port) is localhost or a loopback
// address.
func Host(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SecureScheme reports whether u is https, or http to a loopback host.
func SecureScheme(u *url.URL) bool {
	return u.Scheme == "https" || u.Scheme == "http" && Host(u.Hostname())
}
