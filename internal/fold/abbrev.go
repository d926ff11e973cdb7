package fold

import (
	"slices"
	"unicode/utf8"
)

// isStopWord reports whether a word of a Latin reading is left out of
// initials; the package doc lists the words.
func isStopWord(w string) bool {
	switch w {
	case "of", "the", "and", "for", "in", "at", "on", "a", "an", "to",
		"va", "uchun",
		"i", "v", "vo", "po", "na", "dlya", "pri", "s", "so", "o", "ob", "k":
		return true
	}
	return false
}

// abbreviations returns the initials of each reading's significant
// words (not stop words, not numbers): all of them and, for three or more, all but the last, since a
// name is often known without its last word (GBS for Global Business
// Service Forum). A name of fewer than two significant words has none.
func abbreviations(readings [][]string) []string {
	var out []string
	var buf [64]byte
	for _, words := range readings {
		b := buf[:0]
		n, last := 0, 0
		for _, w := range words {
			if isStopWord(w) || isASCIIDigit(w[0]) {
				continue // nobody abbreviates "24 iyul" to "2i"
			}
			_, size := utf8.DecodeRuneInString(w)
			b = append(b, w[:size]...)
			n, last = n+1, size
		}
		if n < 2 {
			continue
		}
		if out == nil {
			out = make([]string, 0, 2*len(readings))
		}
		full := string(b)
		out = appendNew(out, full)
		if n >= 3 {
			out = appendNew(out, full[:len(full)-last])
		}
	}
	return out
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
