package loopback

import (
	"net/url"
	"testing"
)

func TestSecureScheme(t *testing.T) {
	for raw, want := range map[string]bool{
		"https://example.com/x":  true,
		"http://127.0.0.1:8080/": true,
		"http://localhost/":      true,
		"http://[::1]:9/":        true,
		"http://127.1.2.3/":      true,
		"http://example.com/":    false,
		"http://localhost.evil/": false,
		"ftp://127.0.0.1/":       false,
		"javascript:alert(1)":    false,
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := SecureScheme(u); got != want {
			t.Errorf("SecureScheme(%s) = %t, want %t", raw, got, want)
		}
	}
}
