//go:build !externalapi_stdjson

package jsonvalue

import (
	"strconv"
	"unicode/utf8"
)

// normalize returns data with what fastjson keeps but encoding/json
// replaces by U+FFFD already replaced: bytes that are not UTF-8, and \u
// escapes of lone UTF-16 surrogates (fastjson keeps their text). Outside
// strings neither is valid JSON, so the replacement changes no error. data
// itself is returned, not copied, when it has neither.
func normalize(data []byte) []byte {
	if !utf8.Valid(data) {
		out := make([]byte, 0, len(data)+8)
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, data[i:i+size]...)
			}
			i += size
		}
		data = out
	}
	copied := false
	for i := 0; i < len(data); i++ {
		if data[i] != '\\' || i+1 >= len(data) {
			continue
		}
		if data[i+1] != 'u' {
			i++ // a one-letter escape, \\ and \" included
			continue
		}
		r := hex4(data, i+2)
		switch {
		case r < 0xd800 || r > 0xdfff:
		case r < 0xdc00 && i+7 < len(data) && data[i+6] == '\\' && data[i+7] == 'u' && hex4(data, i+8) >= 0xdc00 && hex4(data, i+8) <= 0xdfff:
			i += 6 // a surrogate pair: skip the first half
		default:
			if !copied {
				data = append([]byte(nil), data...)
				copied = true
			}
			copy(data[i+2:i+6], "fffd")
		}
		i += 5
	}
	return data
}

// controlInString reports a control character inside a string, which
// JSON forbids and fastjson.Validate misses before a string's last escape.
func controlInString(data []byte) bool {
	inString := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			inString = !inString
		case c == '\\':
			i++ // the escaped byte, \" included
		case c < 0x20 && inString:
			return true
		}
	}
	return false
}

// hex4 reads the four hex digits at data[i:], or returns -1.
func hex4(data []byte, i int) int {
	if i+4 > len(data) {
		return -1
	}
	n, err := strconv.ParseUint(string(data[i:i+4]), 16, 16)
	if err != nil {
		return -1
	}
	return int(n)
}
