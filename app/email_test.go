//go:build !js

// The fuzz test runs on the host only: the browser has no file system for
// the seed corpus in testdata.

package app

import (
	"net/mail"
	"testing"
)

// FuzzBareAddress checks bareAddress against net/mail, the rule it writes
// out.
func FuzzBareAddress(f *testing.F) {
	for _, s := range []string{
		"ada@example.com", "a.b-c+d@x.y", "Ada <ada@example.com>", "<ada@example.com>", `"ada"@example.com`,
		"ada@example.com (Ada)", " ada@example.com", "ada@example.com ", "ada @example.com", ".ada@x", "ada.@x",
		"a..b@x", "ada@.x", "ada@x.", "ada@x..y", "ada@", "@x", "ada", "a@b@c", "ada@[127.0.0.1]", "ada@[::1]",
		"ada@[IPv6:::1]", "ada@[1.2.3]", "ada@[]", "ada@[127.0.0.1", "ada@[127.0.0.1]x", "ada@[ 127.0.0.1]",
		"jos\u00e9@b\u00fccher.de", "a\xffb@x", "a@x\xff", "\ufffd@x", "a@\u00a0", "a\tb@x", "g: a@b;", "a(b)@x",
		"a@b,c@d", "!#$%&'*+-/=?^_`{|}~@x", "a@x\x00", "a@[\u00e9]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := mail.ParseAddress(s)
		want := err == nil && a.Address == s
		if got := bareAddress(s); got != want {
			t.Fatalf("bareAddress(%q) = %v, net/mail says %v (%v)", s, got, want, err)
		}
	})
}
