package fold

import (
	"slices"
	"strings"
)

// IsStopWord reports whether w, a word of a reading, is one of the words
// left out of initials (the package doc lists them): search gives such a
// word no weight when it matches the words of a query one by one.
func IsStopWord(w string) bool { return isStopWord(w) }

// uzbekSuffixes are the Uzbek case, plural and possessive endings an
// article puts on a name ("Koreyaning", "IT Parkka", "Oʻzbekistonda"). The endings
// after a voiceless consonant (-tan, -ta) are left out: most names that
// end so are not inflected (Uzbekistan, Kazakhstan).
var uzbekSuffixes = []string{
	"larning", "lardan", "larida", "larga", "larda", "larni", "lari",
	"ining", "ning", "dagi", "idan", "iga", "ida", "ini",
	"dan", "lar", "ga", "ka", "qa", "da", "ni", "si",
}

// Slips returns the spellings a person may have meant by w, a word of a
// reading (lower-case Latin letters), besides w itself: each a slip this
// package's readings do not undo.
//
//   - An Uzbek case, plural or possessive ending taken off, when at least
//     three letters stay: "koreyaning" koreya, "parkka" park,
//     "ozbekistonda" ozbekiston; every ending that fits, since the same
//     letters may end a stem ("universitetining" is universiteti and
//     universitet).
//   - o and u swapped at the start: Uzbek Latin oʻ is often typed u
//     ("Uzbekiston" for Oʻzbekiston) and Russian-style spellings give u
//     for it.
//   - oo written for u, as in the spellings Korean institutions use for
//     themselves ("Soonchunhyang" for RR suncheonhyang).
//
// A slip is looked for only in words of four letters or more; none is
// returned twice, and w is never among them.
func Slips(w string) []string {
	if len(w) < 4 || !isASCIIWord(w) {
		return nil
	}
	var out []string
	add := func(s string) {
		if s != w && s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, suf := range uzbekSuffixes {
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) >= 3 {
			add(stem)
		}
	}
	for _, s := range append([]string{w}, out...) {
		switch s[0] {
		case 'o':
			add("u" + s[1:])
		case 'u':
			add("o" + s[1:])
		}
	}
	if strings.Contains(w, "oo") {
		add(strings.ReplaceAll(w, "oo", "u"))
	}
	return out
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isASCIILetter(w[i]) && !isASCIIDigit(w[i]) {
			return false
		}
	}
	return true
}
