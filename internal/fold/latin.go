package fold

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// scheme is one way of reading a name in Latin letters.
type scheme struct {
	cyr    cyrTable
	hangul hangulMode
}

// latinLetters are Latin letters without a canonical decomposition that
// still have a plain reading.
var latinLetters = map[rune]string{
	'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'ħ': "h", 'ı': "i", 'ŧ': "t",
	'æ': "ae", 'œ': "oe", 'þ': "th", 'ß': "ss", 'ŀ': "l", 'ĸ': "q",
}

// latinBase returns the plain Latin letters a non-ASCII Latin letter reads
// as: é is e, ø is o; a letter with no plainer form is kept.
func latinBase(r rune) string {
	if s, ok := latinLetters[r]; ok {
		return s
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFD.Properties(buf[:n]).Decomposition(); len(d) > 0 {
		base, _ := utf8.DecodeRune(d)
		if base < utf8.RuneSelf {
			return string(rune(base))
		}
		if s, ok := latinLetters[base]; ok {
			return s
		}
		return string(base)
	}
	return string(r)
}

// cyrillicBase is the Cyrillic letter a letter with a diacritic the tables
// do not know is built on (ѐ is е with a grave accent), or 0.
func cyrillicBase(r rune) rune {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFD.Properties(buf[:n]).Decomposition(); len(d) > 0 {
		base, _ := utf8.DecodeRune(d)
		return base
	}
	return 0
}

// appendWord appends the Latin reading of one word of an Exact key to dst.
// Letters of scripts with no table here (Greek, Arabic, Han) are kept, and
// so are their marks; marks on letters that became Latin are dropped.
func appendWord(dst []byte, word string, sc scheme) []byte {
	var prev rune      // the rune before, for the Cyrillic context rules
	latinMarks := true // a mark here sits on a letter now written in Latin
	for i := 0; i < len(word); {
		r, n := utf8.DecodeRuneInString(word[i:])
		switch {
		case r < utf8.RuneSelf:
			if r != apostrophe {
				dst = append(dst, byte(r))
			}
			latinMarks = true
		case isHangulSyllable(r):
			j := hangulRunEnd(word, i+n)
			dst = appendHangulMode(dst, word[i:j], sc.hangul)
			prev, latinMarks = r, true
			i = j
			continue
		case isCyrillic(r):
			l, ok := cyrLatin(r, prev, sc.cyr)
			if !ok {
				if base := cyrillicBase(r); base != 0 {
					l, ok = cyrLatin(base, prev, sc.cyr)
				}
			}
			if ok {
				dst = append(dst, l...)
			} else {
				dst = append(dst, word[i:i+n]...)
			}
			latinMarks = ok
		case unicode.IsMark(r):
			if !latinMarks {
				dst = append(dst, word[i:i+n]...)
			}
			i += n
			continue // a mark does not change the letter before for the context rules
		case unicode.Is(unicode.Latin, r):
			dst = append(dst, latinBase(r)...)
			latinMarks = true
		default:
			if l, ok := jamoLatin(r); ok {
				dst = append(dst, l...)
				latinMarks = true
			} else {
				dst = append(dst, word[i:i+n]...)
				latinMarks = false
			}
		}
		prev = r
		i += n
	}
	return dst
}

// language returns the language subtag of a BCP 47 tag, lower-case: the
// script subtag does not matter, since uz-Latn names written in Cyrillic
// are still Uzbek.
func language(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

// schemes lists the readings a name with the given letters has in the
// language tag: Cyrillic has its tables by tag (uz Uzbek; ru Russian in
// BGN/PCGN and in the passport scheme) or, without one, Uzbek when the
// name has an Uzbek-only letter and else all three, Uzbek first; Hangul
// is read in RR with and without its sound changes and in
// McCune-Reischauer, plain and with the popular u for ŏ.
func schemes(tag string, cyrillic, uzbekLetter, hangul bool) (out [12]scheme, n int) {
	tables, nt := [3]cyrTable{uzbek}, 1
	if cyrillic {
		switch language(tag) {
		case "uz":
		case "ru":
			tables[0], tables[1], nt = russian, passport, 2
		default:
			if !uzbekLetter {
				tables[1], tables[2], nt = russian, passport, 3
			}
		}
	}
	modes := []hangulMode{hangulRR}
	if hangul {
		modes = []hangulMode{hangulRR, hangulSyllables, hangulMR, hangulPopular}
	}
	for _, t := range tables[:nt] {
		for _, m := range modes {
			out[n], n = scheme{cyr: t, hangul: m}, n+1
		}
	}
	return out, n
}

// readings returns the Latin readings of an Exact key.
func readings(exact, tag string) [][]string {
	if exact == "" {
		return nil
	}
	ascii, cyrillic, uzbekLetter, hangul := true, false, false, false
	for _, r := range exact {
		switch {
		case r < utf8.RuneSelf:
			continue
		case isCyrillic(r):
			cyrillic = true
			uzbekLetter = uzbekLetter || isUzbekLetter(r)
		case isHangulSyllable(r):
			hangul = true
		}
		ascii = false
	}
	if ascii {
		return [][]string{asciiReading(exact)}
	}
	nwords := strings.Count(exact, " ") + 1
	sc, nsc := schemes(tag, cyrillic, uzbekLetter, hangul)
	out := make([][]string, 0, nsc)
	buf := make([]byte, 0, 2*len(exact))
	ends := make([]int, 0, nwords)
	for _, sc := range sc[:nsc] {
		buf, ends = buf[:0], ends[:0]
		for w := range strings.SplitSeq(exact, " ") {
			start := len(buf)
			buf = appendWord(buf, w, sc)
			if len(buf) == start {
				// Nothing of the word has a Latin spelling (ь, a lone ㅇ):
				// the word stands for itself.
				for _, r := range w {
					if r != apostrophe {
						buf = utf8.AppendRune(buf, r)
					}
				}
			}
			if len(buf) > start {
				ends = append(ends, len(buf))
			}
		}
		if len(ends) == 0 {
			continue
		}
		// One string holds the reading; its words share it.
		all, words, start := string(buf), make([]string, len(ends)), 0
		for i, end := range ends {
			words[i], start = all[start:end], end
		}
		if !slices.ContainsFunc(out, func(r []string) bool { return slices.Equal(r, words) }) {
			out = append(out, words)
		}
	}
	return out
}

// asciiReading is the reading of an ASCII Exact key: its words without
// their apostrophes, sharing the key's memory where nothing changes.
func asciiReading(exact string) []string {
	words := make([]string, 0, strings.Count(exact, " ")+1)
	for w := range strings.SplitSeq(exact, " ") {
		if strings.IndexByte(w, apostrophe) >= 0 {
			w = strings.ReplaceAll(w, string(apostrophe), "")
		}
		words = append(words, w)
	}
	return words
}
