package app

import (
	"net"
	"strings"
	"unicode/utf8"
)

// bareAddress reports whether s is an email address alone: exactly when
// net/mail.ParseAddress(s) succeeds with an Address equal to s, which is an
// RFC 5322 dot-atom local part, "@", and a dot-atom domain or a bracketed IP
// address (no display name, quotes, comments or spaces, all of which make
// the Address differ from s). It is written out, not asked of net/mail,
// because net/mail (and mime, which it brings) adds 15 KB of brotli to the
// console's WebAssembly; FuzzBareAddress checks it against net/mail.
func bareAddress(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || !dotAtom(local) {
		return false
	}
	if ip, ok := strings.CutPrefix(domain, "["); ok {
		ip, ok = strings.CutSuffix(ip, "]")
		return ok && strings.IndexFunc(ip, func(r rune) bool { return !dtext(r) }) < 0 && net.ParseIP(ip) != nil
	}
	return dotAtom(domain)
}

// dotAtom reports whether s is an RFC 5322 dot-atom as net/mail reads one:
// atext (with RFC 6532's UTF-8) and dots, not first, last or doubled.
func dotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r != '.' && (!vchar(r) || strings.ContainsRune(`()<>[]:;@\,"`, r)) {
			return false
		}
	}
	return true
}

// dtext reports whether r may appear in a domain literal: a visible
// character but "[", "]" and "\".
func dtext(r rune) bool {
	return vchar(r) && r != '[' && r != ']' && r != '\\'
}

// vchar reports whether r is visible: printable ASCII or any non-ASCII
// rune (RFC 6532).
func vchar(r rune) bool {
	return '!' <= r && r <= '~' || r >= utf8.RuneSelf
}
