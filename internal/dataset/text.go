package dataset

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// badText looks at a JSON string as written (its quotes included) for
// what encoding/json would quietly replace with U+FFFD: bytes that are not
// UTF-8, and a \u escape of half a UTF-16 surrogate pair. A dataset's text
// is kept as written, so such a string is refused, not changed. off is
// where in s the problem starts.
func badText(s []byte) (off int, err error) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && s[i+1] == 'u':
			r, ok := hex4(s, i+2)
			if !ok {
				return 0, nil // not JSON: the JSON reader says so
			}
			if !utf16.IsSurrogate(r) {
				i += 6
				continue
			}
			if r < 0xDC00 && i+12 <= len(s) && s[i+6] == '\\' && s[i+7] == 'u' {
				if low, ok := hex4(s, i+8); ok && low >= 0xDC00 && low <= 0xDFFF {
					i += 12
					continue
				}
			}
			return i, fmt.Errorf("%s is half of a UTF-16 surrogate pair, not a character: write the character itself, or both halves", s[i:i+6])
		case c == '\\':
			i += 2
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && n <= 1 {
				return i, notUTF8(c)
			}
			i += n
		}
	}
	return 0, nil
}

// hex4 reads the four hex digits of a \u escape at s[at:].
func hex4(s []byte, at int) (rune, bool) {
	if at+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s[at:at+4]), 16, 16)
	return rune(v), err == nil
}

// notUTF8 is the error of a byte that cannot stand where it is in UTF-8.
func notUTF8(c byte) error {
	return fmt.Errorf("is not valid UTF-8: byte 0x%02X cannot stand there; save the file as UTF-8", c)
}

// badCell is the error of a CSV cell that is not UTF-8, nil for one that is.
func badCell(cell string) error {
	if utf8.ValidString(cell) {
		return nil
	}
	for i := 0; i < len(cell); {
		r, n := utf8.DecodeRuneInString(cell[i:])
		if r == utf8.RuneError && n <= 1 {
			return notUTF8(cell[i])
		}
		i += n
	}
	return nil
}
