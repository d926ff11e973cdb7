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
//	letter   Uzbek                              Russian
//	е        ye at the start of a word, after   the same
//	         a vowel, ъ or ь; else e
//	ц        ts after a vowel; else s           ts
//	ж        j                                  zh
//	х        x                                  kh
//	ы        i                                  y
//	ё ю я    yo yu ya                           yo yu ya
//	ч ш щ    ch sh shch                         ch sh shch
//	й        y                                  y
//	ъ ь      dropped (Uzbek ъ is ʼ)             dropped
//	ў ғ қ ҳ  o g q h (oʻ gʻ q h)                o g q h
//
// The other letters have their usual one-letter values (а a, б b, в v, …
// э e), and letters of other Cyrillic alphabets common ones (і i, є ye,
// ң ng, …). Russian is also read as Russian passports write it (ICAO
// 9303, since 2013): й i, е and ё e, ю iu, я ia, ъ ie, the rest as above
// ("Iuzhnaia Koreia"). The table follows the language tag: uz (any
// script) reads Uzbek, ru Russian in both schemes; with another tag or
// none, a name with one of ў ғ қ ҳ reads Uzbek and any other Cyrillic
// name has all three readings, Uzbek first.
//
// Hangul is read in the Revised Romanization of Korean (2000): initials
// ㄱ ㄷ ㅂ ㅈ as g d b j, ㄹ as r, ㅇ silent; finals as k, t, p, l, m, n,
// ng (a cluster by the consonant that is pronounced). The sound changes
// written between the syllables of a word are:
//   - a final is carried over to a following vowel (한국어 hangugeo,
//     읽어 ilgeo), ㄷ and ㅌ before 이 as j and ch (같이 gachi), ㅎ silent
//     (좋아 joa);
//   - nasalization of k, t, p before ㄴ and ㅁ (국민 gungmin, 합니다 hamnida);
//   - ㄴ and ㄹ together as ll (신라 silla, 설날 seollal), ㄹ after any other
//     consonant as n (종로 jongno, 독립 dongnip, 협력 hyeomnyeok);
//   - ㅎ aspirating a following ㄱ ㄷ ㅈ (좋고 joko).
//
// As the romanization does for nouns, ㅎ after ㄱ ㄷ ㅂ is written (묵호
// mukho), and tense consonants are not marked (학교 hakgyo). A Hangul name
// has a second reading with each syllable spelled on its own (국민 gukmin,
// 종로 jongro), the way such names are often typed, and two readings in
// McCune-Reischauer without its diacritics: ㄱ ㄷ ㅂ ㅈ as k t p ch unless
// voiced (between vowels and after n, m, ng, l), ŏ and ŭ as o and u, the
// aspirates' apostrophes dropped, 시 as shi (대한민국 taehanminguk, 부산
// pusan); and the same with ŏ as u, as Korean institutions and names often
// spell themselves (순천향 sunchunhyang, as in Soonchunhyang with the
// oo that Slips reads as u). Words are romanized one by one: sounds do not
// change across a space.
//
// # Slips
//
// Slips lists what a typed word may stand for once a common slip is
// undone: an Uzbek case ending (Koreyaning, IT Parkka), o and u swapped
// at a word's start (Uzbekiston), oo for u. Search reads a text with them;
// names are indexed as they are.
//
// Digits are kept. Letters of other scripts (Greek, Arabic, Han, kana)
// are kept as they are, and so is a word none of whose letters has a Latin
// spelling (ь on its own). A name without letters or digits has no reading.
//
// # Abbreviations
//
// The initials of each reading's words, lower-case, leaving out numbers
// and these stop words: English of, the, and, for, in, at, on, a, an, to;
// Uzbek va, uchun; Russian и, в, во, по, на, для, при, с, со, о, об, к (as
// read: i, v, vo, po, na, dlya, pri, s, so, o, ob, k). A name of two or
// more other words has its initials; one of three or more also has them
// without the last word, the way "Global Business Service Forum" is called
// GBS as well as GBSF.
//
// # Cost
//
// A store folds every name when it opens: 3.5 to 5 µs, 380 bytes and 8
// allocations a name (a mix of Latin, Cyrillic and Hangul names) on a
// 2-core machine shared with other work, so about half a second for 100k
// actors; measured with
//
//	go test ./internal/fold -run '^$' -bench Name -benchmem
package fold

// Version names the folding rules. A store that keeps keys records the
// version it made them with, so that keys made by older rules can be
// found and rebuilt (ecograph reindex).
const Version = 2

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
	// a name of fewer than two words that are not stop words or numbers.
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
