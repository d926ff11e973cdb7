package fold

// hangulMode is one way of writing Hangul in Latin letters.
type hangulMode uint8

const (
	// hangulRR is the Revised Romanization with the sound changes
	// between syllables written (국민 gungmin).
	hangulRR hangulMode = iota
	// hangulSyllables is the Revised Romanization with each syllable
	// spelled on its own (국민 gukmin).
	hangulSyllables
	// hangulMR is McCune-Reischauer without its diacritics: ㄱ ㄷ ㅂ ㅈ
	// are k t p ch unless voiced (between vowels, after n, m, ng, l), ŏ
	// and ŭ are o and u, the aspirates' apostrophes are dropped, 시 is
	// shi (대한민국 taehanminguk, 한국과학기술원 hangukkwahakkisurwon).
	hangulMR
	// hangulPopular is hangulMR with ŏ written u, as many Korean names
	// and institutions write themselves (천 chun in Soonchunhyang, 정
	// Jung).
	hangulPopular
)

// appendHangulMode appends the romanization of run, a run of Hangul
// syllables, in mode m.
func appendHangulMode(dst []byte, run string, m hangulMode) []byte {
	switch m {
	case hangulRR:
		return appendHangul(dst, run, true)
	case hangulSyllables:
		return appendHangul(dst, run, false)
	}
	return appendMR(dst, run, m == hangulPopular)
}

// appendMR appends run in McCune-Reischauer without diacritics (popular:
// ŏ as u). The consonants come from the Revised Romanization's sound
// changes (junction), which MR writes alike; only voicing and the vowels
// differ.
func appendMR(dst []byte, run string, popular bool) []byte {
	var init, prevCoda string
	first := true
	for len(run) > 0 {
		r, n := decodeHangul(run)
		run = run[n:]
		s := int(r - hangulFirst)
		l, v, t := s/(vowelCount*finalCount), s/finalCount%vowelCount, s%finalCount
		if first {
			init = initials[l]
		}
		dst = append(dst, mrInitial(init, first, prevCoda, v)...)
		dst = append(dst, mrVowel(v, popular)...)
		first = false
		coda := ""
		if len(run) == 0 {
			coda = finals[t].coda
		} else {
			next, _ := decodeHangul(run)
			ns := int(next - hangulFirst)
			nl, nv := ns/(vowelCount*finalCount), ns/finalCount%vowelCount
			if t == 0 {
				init = initials[nl]
			} else {
				coda, init = junction(t, nl, nv)
			}
		}
		dst = append(dst, coda...)
		prevCoda = coda
	}
	return dst
}

// decodeHangul decodes the first syllable of a run of Hangul syllables.
func decodeHangul(run string) (rune, int) {
	// A syllable is always three bytes in UTF-8 (U+AC00 to U+D7A3).
	return rune(run[0]&0x0F)<<12 | rune(run[1]&0x3F)<<6 | rune(run[2]&0x3F), 3
}

// mrInitial is how MR writes the initial that RR writes init: ㄱ ㄷ ㅂ ㅈ
// unvoiced (k t p ch) at the start of a word and after a final other than
// n, m, ng, l; ㅅ as sh before i and the y- and wi vowels.
func mrInitial(init string, first bool, prevCoda string, v int) string {
	voiced := !first && (prevCoda == "" || prevCoda == "n" || prevCoda == "m" || prevCoda == "ng" || prevCoda == "l")
	switch init {
	case "g", "d", "b", "j":
		if !voiced {
			return map[string]string{"g": "k", "d": "t", "b": "p", "j": "ch"}[init]
		}
	case "s":
		if v == vI || v == vWi || vowels[v][0] == 'y' {
			return "sh"
		}
	}
	return init
}

// vWi is ㅟ, before which ㅅ is sh in MR.
const vWi = 16

// mrVowel is how MR without diacritics writes vowel v: ㅓ o (popular: u),
// ㅕ yo, ㅝ wo, ㅡ u; the others as RR.
func mrVowel(v int, popular bool) string {
	switch vowels[v] {
	case "eo":
		if popular {
			return "u"
		}
		return "o"
	case "yeo":
		return "yo"
	case "eu":
		return "u"
	}
	return vowels[v]
}
