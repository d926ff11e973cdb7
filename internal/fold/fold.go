// Package fold turns a name into keys that compare equal when a reader
// would call two spellings the same name: whatever the case, the
// apostrophe (oʻ, o', o‘), the spacing and hyphens, or the script
// (Uzbek and Russian Cyrillic, Hangul) it is written in.
//
// Search (internal/search) indexes these keys; every store computes them
// with this package, so that both stores find the same actors.
//
// # Exact
//
// The Exact key is the name in NFKC with full Unicode case folding. Every
// apostrophe form people type for the Uzbek oʻ, gʻ and the tutuq belgisi
// (ʻ U+02BB, ʼ U+02BC, ‘ U+2018, ’ U+2019, ' U+0027, ` U+0060, ´ U+00B4, and
// ʹ ʽ ‛ ′ ＇) becomes ', kept only between two letters; anything that is
// not a letter, a digit or a mark on a letter (hyphens, dashes, quotation
// marks, other punctuation and symbols, every kind of space) separates
// words, and words are joined by one space. Soft hyphens and zero-width
// joiners are dropped. The script is kept: Ўзбекистон stays Cyrillic.
// "IT-Park" and "IT  Park" both give "it park".
//
// # Readings
//
// A reading is the name's words in Latin letters, lower-case, without
// apostrophes. Search joins a reading's words for a key without spaces,
// so "Soon Chun Hyang" meets "Soonchunhyang" and "IT Park" meets "ITPark".
//
// Latin letters lose their diacritics (é e, ü u, ø o); marks on Cyrillic
// letters are kept until the letter is transliterated (ў, й, ё).
//
// Cyrillic is read by the official Uzbek table (1995) or a simplified
// BGN/PCGN-like Russian one:
//
//	         Uzbek         Russian
//	е        ye at the start of a word, after a vowel, ъ or ь; else e
//	ё ю я    yo yu ya      yo yu ya
//	ж        j             zh
//	х        x             kh
//	ц        ts after a vowel, else s   ts
//	ч ш щ    ch sh shch    ch sh shch
//	ы        i             y
//	й        y             y
//	ъ ь      dropped (Uzbek ъ is ʼ, an apostrophe)
//	ў ғ қ ҳ  o g q h (oʻ gʻ without the apostrophe)
//
// The other letters have their usual one-letter values (а a, б b, в v, …
// э e). The table follows the language tag: uz (any script) reads Uzbek,
// ru Russian; with another tag or none, a name with one of ў ғ қ ҳ reads
// Uzbek and any other Cyrillic name has both readings, Uzbek first.
//
// Hangul is read in the Revised Romanization of Korean (2000): initial
// ㄱ ㄷ ㅂ ㅈ as g d b j, ㄹ as r, ㅇ silent; finals in their final forms k,
// t, p, l, m, n, ng (clusters by the consonant that is pronounced). The
// sound changes written between the syllables of a word are: a final
// carried over to a following vowel (한국어 hangugeo, 읽어 ilgeo, with ㄷ
// ㅌ before 이 as j ch); nasalization (국민 gungmin, 합니다 hamnida);
// ㄹ after ㄴ or ㄹ as ll (신라 silla) and after other consonants as n
// (종로 jongno, 협력 hyeomnyeok); ㅎ aspirating a following ㄱ ㄷ ㅈ
// (좋고 joko) and dropped before a vowel. As the romanization does for
// nouns, ㅎ after ㄱ ㄷ ㅂ is written (묵호 mukho) and tense consonants are
// not. A Hangul name has a second reading with each syllable spelled on its
// own (국민 gukmin, 종로 jongro), the way such names are often typed.
//
// Digits are kept. Letters of other scripts (Greek, Arabic, Han, kana)
// are kept as they are. A name without letters or digits has no reading.
//
// # Abbreviations
//
// The initials of each reading's words, leaving out the stop words that
// isStopWord lists (English of, the, and, …; Uzbek va; Russian и, в, по,
// …), for names of two or more such words; a name of three or more also
// has its initials without the last word, the way "Global Business Service
// Forum" is called GBS as well as GBSF.
//
// # Cost
//
// A store folds every name when it opens. Measure with
//
//	go test ./internal/fold -run '^$' -bench . -benchmem
package fold

// Version names the folding rules. A store that keeps keys records the
// version it made them with, so that keys made by older rules can be
// found and rebuilt (ecograph reindex).
const Version = 1

// Keys is what one name folds to.
type Keys struct {
	// Exact is the name with case, apostrophe forms, punctuation and
	// spacing folded, in its own script: two names with the same Exact
	// key differ only in how they were typed.
	Exact string
	// Readings are the name's words in Latin letters without
	// apostrophes, one list per plausible reading: Cyrillic without a
	// language tag reads both as Uzbek and as Russian, Hangul with and
	// without its sound changes. Never empty for a name with a letter or
	// digit in it; no reading is listed twice and no word is empty.
	Readings [][]string
	// Abbreviations are the initials a name is known by ("gbsf" and
	// "gbs" for "Global Business Service Forum"), lower-case; empty for
	// a name of one word.
	Abbreviations []string
}

// Name folds a name written in the language lang, a BCP 47 tag such as
// uz-Cyrl or ko; lang may be empty when unknown. It only decides which
// table reads a Cyrillic name. The result depends on nothing but s, lang
// and Version.
func Name(s, lang string) Keys {
	k := Keys{Exact: Exact(s)}
	k.Readings = readings(k.Exact, lang)
	k.Abbreviations = abbreviations(k.Readings)
	return k
}
