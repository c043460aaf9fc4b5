package server

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientKey is the context key of the client resolved by withClientAddr.
type clientKey struct{}

// client is who sent a request, as far as the server can believe.
type client struct {
	addr  string // address (IPv6: /64) for the limits and the logs
	https bool   // over TLS here, or at a trusted proxy (X-Forwarded-Proto)
}

// withClientAddr resolves each request's client once, believing
// X-Forwarded-For and X-Forwarded-Proto only from trusted proxies.
func withClientAddr(trusted []netip.Prefix, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := client{addr: clientAddr(r, trusted), https: r.TLS != nil}
		if !c.https && peerTrusted(r, trusted) {
			c.https = strings.EqualFold(strings.TrimSpace(r.Header.Get("X-Forwarded-Proto")), "https")
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientKey{}, c)))
	})
}

// clientIP is the request's client address as resolved by withClientAddr
// (the peer when that did not run), or for IPv6 its /64 network, which one
// client commonly holds whole.
func clientIP(r *http.Request) string {
	if c, ok := r.Context().Value(clientKey{}).(client); ok {
		return c.addr
	}
	return clientAddr(r, nil)
}

// overHTTPS reports whether the browser reached the server over HTTPS,
// directly or through a trusted proxy.
func overHTTPS(r *http.Request) bool {
	if c, ok := r.Context().Value(clientKey{}).(client); ok {
		return c.https
	}
	return r.TLS != nil
}

// peerTrusted reports whether the request's peer is a trusted proxy.
func peerTrusted(r *http.Request, trusted []netip.Prefix) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	peer, err := netip.ParseAddr(host)
	return err == nil && isTrusted(peer.Unmap(), trusted)
}

// clientAddr is the peer address, unless the peer is a trusted proxy: then
// it is the rightmost X-Forwarded-For hop that is not a trusted proxy
// itself (what a proxy appended, never what the client wrote to its left).
// Everyone else's X-Forwarded-For is ignored.
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	peer = peer.Unmap()
	if !isTrusted(peer, trusted) {
		return keyOf(peer)
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // garbage left of a trusted hop: the last trusted hop is all we know
		}
		client = hop.Unmap()
		if !isTrusted(client, trusted) {
			break
		}
	}
	return keyOf(client)
}

// isTrusted reports whether addr is in one of the trusted networks.
func isTrusted(addr netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// keyOf is an IPv4 address as is and an IPv6 address as its /64.
func keyOf(addr netip.Addr) string {
	if addr.Is4() {
		return addr.String()
	}
	p, err := addr.Prefix(64)
	if err != nil {
		return addr.String()
	}
	return p.String()
}

// ParseTrustedProxies parses a comma-separated list of addresses and CIDR
// networks (such as "10.0.0.0/8, 192.0.2.7"); a bare address is a network of
// its own.
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if strings.Contains(part, "/") {
			p, err := netip.ParsePrefix(part)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: %w", part, err)
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: not an address or CIDR network", part)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
