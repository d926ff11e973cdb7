package fold

import "unicode/utf8"

// Hangul syllables are composed arithmetically from an initial consonant
// (19), a vowel (21) and an optional final consonant (27): Unicode 3.12.
const (
	hangulFirst = 0xAC00
	hangulLast  = 0xD7A3
	vowelCount  = 21
	finalCount  = 28 // 27 finals and "none"
)

// Initial consonants in Unicode order, as they are written at the start
// of a syllable in the Revised Romanization (ㅇ is silent).
var initials = [19]string{
	"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h",
}

// Indexes of the initials the sound-change rules look at.
const (
	iGiyeok = 0  // ㄱ
	iNieun  = 2  // ㄴ
	iDigeut = 3  // ㄷ
	iRieul  = 5  // ㄹ
	iMieum  = 6  // ㅁ
	iSiot   = 9  // ㅅ
	iIeung  = 11 // ㅇ
	iJieut  = 12 // ㅈ
	iTieut  = 16 // ㅌ
)

var vowels = [vowelCount]string{
	"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i",
}

const vI = 20 // ㅣ, before which ㄷ and ㅌ palatalize

// final is a final consonant (batchim): how it is written at the end of
// a word or before a consonant, the class that decides how it assimilates,
// and, when a vowel follows, what stays (keep) and which initial moves
// over to the next syllable (move: an index into initials, or -1).
type final struct {
	coda  string
	class byte // 'k', 't', 'p', 'l', 'n', 'm', 'g' (ㅇ), 'h' (ㅎ and the clusters ending in it)
	keep  string
	move  int
}

// finals in Unicode order; index 0 is "no final consonant".
var finals = [finalCount]final{
	{},
	{"k", 'k', "", 0},     // ㄱ
	{"k", 'k', "", 1},     // ㄲ
	{"k", 'k', "k", 9},    // ㄳ
	{"n", 'n', "", 2},     // ㄴ
	{"n", 'n', "n", 12},   // ㄵ
	{"n", 'h', "", 2},     // ㄶ
	{"t", 't', "", 3},     // ㄷ
	{"l", 'l', "", 5},     // ㄹ
	{"k", 'k', "l", 0},    // ㄺ
	{"m", 'm', "l", 6},    // ㄻ
	{"l", 'l', "l", 7},    // ㄼ
	{"l", 'l', "l", 9},    // ㄽ
	{"l", 'l', "l", 16},   // ㄾ
	{"p", 'p', "l", 17},   // ㄿ
	{"l", 'h', "", 5},     // ㅀ
	{"m", 'm', "", 6},     // ㅁ
	{"p", 'p', "", 7},     // ㅂ
	{"p", 'p', "p", 9},    // ㅄ
	{"t", 't', "", 9},     // ㅅ
	{"t", 't', "", 10},    // ㅆ
	{"ng", 'g', "ng", -1}, // ㅇ
	{"t", 't', "", 12},    // ㅈ
	{"t", 't', "", 14},    // ㅊ
	{"k", 'k', "", 15},    // ㅋ
	{"t", 't', "", 16},    // ㅌ
	{"p", 'p', "", 17},    // ㅍ
	{"t", 'h', "", -1},    // ㅎ
}

// Indexes of the finals the sound-change rules name.
const (
	tNieunHieuh = 6  // ㄶ
	tRieulHieuh = 15 // ㅀ
	tHieuh      = 27 // ㅎ
)

// junction returns how the final consonant t of one syllable and the
// initial l of the next (whose vowel is v) are written, after the sound
// changes of the Revised Romanization (see the package doc).
func junction(t, l, v int) (coda, initial string) {
	f := finals[t]
	switch {
	case l == iIeung: // a vowel follows: the final is pronounced with it
		if f.move < 0 {
			return f.keep, ""
		}
		if v == vI && f.move == iDigeut {
			return f.keep, "j"
		}
		if v == vI && f.move == iTieut {
			return f.keep, "ch"
		}
		return f.keep, initials[f.move]
	case f.class == 'h': // ㅎ aspirates a following ㄱ, ㄷ, ㅈ
		stay := ""
		switch t {
		case tNieunHieuh:
			stay = "n"
		case tRieulHieuh:
			stay = "l"
		}
		switch l {
		case iGiyeok:
			return stay, "k"
		case iDigeut:
			return stay, "t"
		case iJieut:
			return stay, "ch"
		case iSiot:
			return stay, "s"
		case iNieun:
			if t == tRieulHieuh {
				return "l", "l"
			}
			return "n", "n"
		}
	case l == iNieun || l == iMieum: // nasalization
		switch f.class {
		case 'k':
			return "ng", initials[l]
		case 't':
			return "n", initials[l]
		case 'p':
			return "m", initials[l]
		case 'l':
			if l == iNieun {
				return "l", "l"
			}
		}
	case l == iRieul:
		switch f.class {
		case 'n', 'l':
			return "l", "l"
		case 'k':
			return "ng", "n"
		case 'p':
			return "m", "n"
		case 't':
			return "n", "n"
		case 'm', 'g':
			return f.coda, "n"
		}
	}
	return f.coda, initials[l]
}

func isHangulSyllable(r rune) bool { return r >= hangulFirst && r <= hangulLast }

// hangulRunEnd returns where the run of Hangul syllables in s that goes
// on at i ends.
func hangulRunEnd(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isHangulSyllable(r) {
			break
		}
		i += n
	}
	return i
}

// jamoLatin returns the Latin spelling of a conjoining jamo standing on
// its own (NFKC turns compatibility jamo such as ㄱ into these).
func jamoLatin(r rune) (string, bool) {
	switch {
	case r >= 0x1100 && r <= 0x1112:
		return initials[r-0x1100], true
	case r >= 0x1161 && r <= 0x1175:
		return vowels[r-0x1161], true
	case r >= 0x11A8 && r <= 0x11C2:
		return finals[r-0x11A7].coda, true
	}
	return "", false
}

// appendHangul appends the romanization of run, a run of Hangul
// syllables, to dst. With assimilate, the sound changes between the
// syllables are written; without, each syllable is spelled on its own
// (국민 gukmin rather than gungmin), the way many names are typed.
func appendHangul(dst []byte, run string, assimilate bool) []byte {
	r, n := utf8.DecodeRuneInString(run)
	var init string
	first := true
	for n > 0 {
		s := int(r - hangulFirst)
		l, v, t := s/(vowelCount*finalCount), s/finalCount%vowelCount, s%finalCount
		run = run[n:]
		next, nn := utf8.DecodeRuneInString(run)
		if first || !assimilate {
			init = initials[l]
		}
		first = false
		dst = append(dst, init...)
		dst = append(dst, vowels[v]...)
		if nn == 0 || !assimilate {
			dst = append(dst, finals[t].coda...)
		} else {
			ns := int(next - hangulFirst)
			nl, nv := ns/(vowelCount*finalCount), ns/finalCount%vowelCount
			if t == 0 {
				init = initials[nl]
			} else {
				var coda string
				coda, init = junction(t, nl, nv)
				dst = append(dst, coda...)
			}
		}
		r, n = next, nn
	}
	return dst
}

// Hangul returns s with its Hangul syllables and jamo written in the
// Revised Romanization of Korean, with the sound changes between the
// syllables of a word that the package doc lists; 대한민국 becomes
// daehanminguk, 한국어 hangugeo, 종로 jongno. Everything else in s is
// kept as it is.
func Hangul(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isHangulSyllable(r):
			j := hangulRunEnd(s, i+n)
			b = appendHangul(b, s[i:j], true)
			i = j
			continue
		default:
			if l, ok := jamoLatin(r); ok {
				b = append(b, l...)
			} else {
				b = append(b, s[i:i+n]...)
			}
		}
		i += n
	}
	return string(b)
}
