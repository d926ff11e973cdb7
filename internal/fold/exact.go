package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// apostrophe is the one form that every apostrophe-like character folds
// to in an Exact key. Uzbek Latin writes oʻ and gʻ with U+02BB and the
// tutuq belgisi (taʼlim) with U+02BC, but keyboards give ', `, ‘ or ’.
const apostrophe = '\''

// folder is Unicode full case folding; a fold Caser is stateless and so
// safe to share between goroutines.
var folder = cases.Fold()

// isApostrophe reports whether r is one of the characters people type for
// the Uzbek oʻ, gʻ and the tutuq belgisi.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', // typewriter apostrophe
		'`',      // grave accent, U+0060
		'\u00B4', // acute accent ´
		'\u02B9', // modifier letter prime ʹ
		'\u02BB', // modifier letter turned comma ʻ (the official oʻ, gʻ)
		'\u02BC', // modifier letter apostrophe ʼ (the official tutuq belgisi)
		'\u02BD', // modifier letter reversed comma ʽ
		'\u2018', // left single quotation mark ‘
		'\u2019', // right single quotation mark ’
		'\u201B', // single high-reversed-9 quotation mark ‛
		'\u2032', // prime ′
		'\uFF07': // fullwidth apostrophe
		return true
	}
	return false
}

// isIgnorable reports whether r is an invisible character that joins or
// shapes letters (soft hyphen, zero-width joiners, byte order mark): it is
// dropped rather than read as a break between words.
func isIgnorable(r rune) bool {
	switch r {
	case '\u00AD', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}

// Exact returns the Exact key of s: s in NFKC, case-folded, with every
// apostrophe form as ' and everything that is not a letter, digit or
// combining mark read as a break between words, words separated by one
// space. An apostrophe is kept only between two letters (Oʻzbekiston);
// elsewhere it is a quotation mark and so a break. The script is kept.
func Exact(s string) string {
	if isASCII(s) {
		return exactASCII(s)
	}
	s = prepare(s)
	s = norm.NFKC.String(s)
	if folded := folder.String(s); folded != s {
		s = norm.NFKC.String(folded) // folding may leave a string NFKC would change
	}
	s = words(s)
	if !norm.NFKC.IsNormalString(s) {
		// Dropping a character can leave a base letter and a mark next to
		// each other that NFKC composes.
		s = norm.NFKC.String(s)
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// exactASCII is Exact for ASCII input, which needs neither normalization
// nor full case folding; most names in the network take this path.
func exactASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inWord, afterLetter := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isASCIILetter(c) || isASCIIDigit(c):
			if !inWord && b.Len() > 0 {
				b.WriteByte(' ')
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			inWord, afterLetter = true, isASCIILetter(c)
		case c == '\'' || c == '`':
			j := i
			for j < len(s) && (s[j] == '\'' || s[j] == '`') {
				j++
			}
			if afterLetter && j < len(s) && isASCIILetter(s[j]) {
				b.WriteByte(apostrophe)
				afterLetter = false
			} else {
				inWord, afterLetter = false, false
			}
			i = j - 1
		default:
			inWord, afterLetter = false, false
		}
	}
	return b.String()
}

// prepare replaces apostrophe forms with ' and drops ignorable characters.
// It runs before NFKC, which would turn ´ into a space and a combining
// acute, and whose compositions an ignorable character would block.
func prepare(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r != apostrophe && (isApostrophe(r) || isIgnorable(r)) })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case isApostrophe(r):
			b.WriteByte(apostrophe)
		case isIgnorable(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// words keeps the letters, digits and marks of a normalized, folded s as
// words separated by single spaces. A mark is kept only inside a word: on
// its own it marks nothing. A run of apostrophes becomes one apostrophe
// when it stands between a letter (or its mark) and a letter.
func words(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inWord, afterLetter := false, false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isApostrophe(r): // NFKC makes some (ŉ is ʼn)
			j := i
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !isApostrophe(r) {
					break
				}
				j += n
			}
			next, _ := utf8.DecodeRuneInString(s[j:])
			if afterLetter && unicode.IsLetter(next) {
				b.WriteByte(apostrophe)
				afterLetter = false
			} else {
				inWord, afterLetter = false, false
			}
			i = j
			continue
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if !inWord && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(cherokeeFold(r))
			inWord, afterLetter = true, unicode.IsLetter(r)
		case unicode.IsMark(r):
			if inWord {
				b.WriteRune(r)
			}
		case isIgnorable(r):
		default:
			inWord, afterLetter = false, false
		}
		i += n
	}
	return b.String()
}

// cherokeeFold folds Cherokee small letters to the capitals, as Unicode's
// CaseFolding.txt does; cases.Fold maps the capitals to the small
// letters and back again, so its output would not fold to itself.
func cherokeeFold(r rune) rune {
	switch {
	case r >= 0xAB70 && r <= 0xABBF:
		return r - 0xAB70 + 0x13A0
	case r >= 0x13F8 && r <= 0x13FD:
		return r - 8
	}
	return r
}
