package jsonread

import (
	"unicode/utf16"
	"unicode/utf8"
)

// stringBytes reads a string and returns its unescaped bytes. Without
// escapes or invalid UTF-8 they alias the input; with alias set the caller
// only uses them for the duration of a call (keys), so no copy is made.
func (d *Decoder) stringBytes(alias bool) ([]byte, error) {
	d.pos++ // opening quote
	start := d.pos
	data := d.data
	clean := true
	i := start
	for {
		if i >= len(data) {
			d.pos = i
			return nil, d.syntax("in a string")
		}
		c := data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			if clean {
				if alias {
					return data[start:i], nil
				}
				return data[start:i:i], nil
			}
			return unquote(data[start:i]), nil
		case c == '\\':
			i++
			if i >= len(data) {
				d.pos = i
				return nil, d.syntax("in a string escape")
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				i++
				for k := 0; k < 4; k++ {
					if i >= len(data) || !isHex(data[i]) {
						d.pos = i
						return nil, d.syntax("in a \\u escape")
					}
					i++
				}
			default:
				d.pos = i
				return nil, d.syntax("in a string escape")
			}
			clean = false
		case c < 0x20:
			d.pos = i
			return nil, d.syntax("control character in a string")
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				clean = false
			}
			i += size
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		default:
			c = c - 'A' + 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// unquote unescapes the contents of a syntactically valid string, turning
// invalid UTF-8 and unpaired surrogates into U+FFFD as encoding/json does.
func unquote(s []byte) []byte {
	out := make([]byte, 0, len(s)+2*utf8.UTFMax)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			i++
			switch s[i] {
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r := hex4(s[i+1:])
				i += 5
				if utf16.IsSurrogate(r) {
					if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, hex4(s[i+2:])); dec != utf8.RuneError {
							out = utf8.AppendRune(out, dec)
							i += 6
							continue
						}
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
				continue
			default: // '"', '\\', '/'
				out = append(out, s[i])
			}
			i++
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			i += size
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}
