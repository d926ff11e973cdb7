// Package search ranks actors against the text a user typed. Both stores
// use it: they keep the terms Terms lists in an index of their own and
// retrieve candidates with the lookups a Query names, and the Query's
// Score decides each candidate's score and matched name. So both stores
// give the same hits in the same order.
//
// The tiers, best first (docs/search.md says why):
//
//	1.0 ScoreExact   the text folds (fold.Name's Exact) to an actor's Name or a localized name
//	0.9 ScoreAlias   ... to an alias; or its loose form is an abbreviation of a name, or an alias's loose form
//	0.8 ScoreFolded  its loose form (Latin letters, any reading) is a name's loose form
//	0.6 ScorePrefix  its loose form begins a name's loose form at a word
//	0.4 ScoreFuzzy1  one edit away from such a beginning (4 letters or more)
//	0.3 ScoreFuzzy2  two edits away (8 letters or more)
//
// An actor scores its best tier over its names; Matched is that name, the
// earliest (Name, then Names, then Aliases) on a tie.
package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ecograph/ecograph/internal/fold"
	"github.com/ecograph/ecograph/internal/store"
)

// The scores of the tiers.
const (
	ScoreExact  = 1.0
	ScoreAlias  = 0.9
	ScoreFolded = 0.8
	ScorePrefix = 0.6
	ScoreFuzzy1 = 0.4
	ScoreFuzzy2 = 0.3
)

// Name is one of an actor's names: Rank 0 is its Name, then its Names in
// order, then its Aliases.
type Name struct {
	Value string
	Lang  string
	Rank  int
	Alias bool
}

// Names lists an actor's names in rank order.
func Names(a *store.Actor) []Name {
	names := make([]Name, 0, 1+len(a.Names)+len(a.Aliases))
	names = append(names, Name{Value: a.Name})
	for _, n := range a.Names {
		names = append(names, Name{Value: n.Value, Lang: n.Lang, Rank: len(names)})
	}
	for _, alias := range a.Aliases {
		names = append(names, Name{Value: alias, Rank: len(names), Alias: true})
	}
	return names
}

// Key is one name folded for search.
type Key struct {
	Name
	// Exact is fold's Exact key of the name.
	Exact string
	// Loose is each reading's words run together, duplicates left out.
	Loose []string
	// Suffixes are the loose forms from each word on, the first word's
	// included (so Loose is among them): what a prefix may begin.
	Suffixes []string
	// Abbrs are the abbreviations the text may match as an alias: the
	// name's initials, and an alias's own loose forms.
	Abbrs []string
}

// Fold folds one name.
func Fold(n Name) Key {
	f := fold.Name(n.Value, n.Lang)
	k := Key{Name: n, Exact: f.Exact}
	for _, words := range f.Readings {
		loose := strings.Join(words, "")
		if loose == "" || slices.Contains(k.Loose, loose) {
			continue
		}
		k.Loose = append(k.Loose, loose)
		at := 0
		for _, w := range words {
			if s := loose[at:]; s != "" && !slices.Contains(k.Suffixes, s) {
				k.Suffixes = append(k.Suffixes, s)
			}
			at += len(w)
		}
	}
	for _, a := range f.Abbreviations {
		if a != "" && !slices.Contains(k.Abbrs, a) {
			k.Abbrs = append(k.Abbrs, a)
		}
	}
	if n.Alias {
		for _, l := range k.Loose {
			if !slices.Contains(k.Abbrs, l) {
				k.Abbrs = append(k.Abbrs, l)
			}
		}
	}
	return k
}

// Keys folds an actor's names, in rank order.
func Keys(a *store.Actor) []Key {
	names := Names(a)
	keys := make([]Key, len(names))
	for i, n := range names {
		keys[i] = Fold(n)
	}
	return keys
}

// A TermKind tells which index a term belongs in.
type TermKind byte

// The kinds of term, as they begin a term's text (Term.String).
const (
	TermExact TermKind = 'e' // fold's Exact key: looked up whole
	TermAbbr  TermKind = 'a' // abbreviations and aliases' loose forms: looked up whole
	TermLoose TermKind = 'l' // loose forms: looked up whole
	TermWord  TermKind = 'w' // suffixes from a word on: scanned by prefix
)

// Term is one entry of a search index.
type Term struct {
	Kind TermKind
	Text string
}

// String writes the term as "e:it park", the form the Neo4j store keeps.
func (t Term) String() string { return string(t.Kind) + ":" + t.Text }

// Terms lists what an index holds for names with these keys, each term
// once.
func Terms(keys []Key) []Term {
	var ts []Term
	add := func(kind TermKind, text string) {
		if text == "" {
			return
		}
		t := Term{kind, text}
		if !slices.Contains(ts, t) {
			ts = append(ts, t)
		}
	}
	for _, k := range keys {
		add(TermExact, k.Exact)
		for _, l := range k.Loose {
			add(TermLoose, l)
		}
		for _, s := range k.Suffixes {
			add(TermWord, s)
		}
		for _, a := range k.Abbrs {
			add(TermAbbr, a)
		}
	}
	return ts
}

// Query is the text a user typed, folded.
type Query struct {
	// Exact is fold's Exact key of the text.
	Exact string
	// Loose is each reading of the text, its words run together.
	Loose []string
	// fuzzy is, for each of Loose, its letters and the edits a fuzzy
	// match allows, worked out once: the typo walk compares the text
	// with thousands of words, and converting a long text for each took
	// seconds.
	fuzzy []fuzzyText
}

// fuzzyText is one reading of a query as the fuzzy match compares it.
type fuzzyText struct {
	loose string
	runes []rune
	edits int // MaxEdits; 0 when no typo is looked for
}

// Parse folds the text of a search; text with no letter or digit in it
// is a *store.InvalidError on "text".
func Parse(text string) (*Query, error) {
	f := fold.Name(text, "")
	if strings.TrimSpace(f.Exact) == "" {
		return nil, store.Invalid("text", "must hold a letter or a digit")
	}
	q := &Query{Exact: f.Exact}
	for _, words := range f.Readings {
		if l := strings.Join(words, ""); l != "" && !slices.Contains(q.Loose, l) {
			q.Loose = append(q.Loose, l)
			q.fuzzy = append(q.fuzzy, newFuzzyText(l))
		}
	}
	return q, nil
}

// Lookups are the terms to look up whole: every actor that scores
// ScoreFolded or better holds one of them.
func (q *Query) Lookups() []Term {
	ts := []Term{{TermExact, q.Exact}}
	for _, l := range q.Loose {
		ts = append(ts, Term{TermAbbr, l}, Term{TermLoose, l})
	}
	return ts
}

// Prefixes are the beginnings of TermWord terms to scan: every actor
// that scores ScorePrefix or better holds a TermWord term beginning with
// one of them.
func (q *Query) Prefixes() []string { return q.Loose }

// Stems are the beginnings of the TermWord terms that may be within the
// fuzzy bound of the text: its first two letters, for each reading long
// enough to be matched fuzzily. A typo in the first two letters is not
// found (as with Lucene's prefixLength 2), nor one in a text longer than
// 47 letters.
func (q *Query) Stems() []string {
	var stems []string
	for _, l := range q.fuzzy {
		if l.edits == 0 {
			continue
		}
		if s := string(l.runes[:2]); !slices.Contains(stems, s) {
			stems = append(stems, s)
		}
	}
	return stems
}

// maxFuzzyRunes is the longest text a typo is looked for in: the edit
// distance rows are kept on the stack.
const maxFuzzyRunes = 47

func newFuzzyText(l string) fuzzyText {
	if utf8.RuneCountInString(l) > maxFuzzyRunes {
		return fuzzyText{loose: l} // no typo is looked for in texts this long
	}
	return fuzzyText{loose: l, runes: []rune(l), edits: MaxEdits(l)}
}

// MaxEdits is how many edits a fuzzy match of loose text allows: none
// under 4 letters, one up to 7, two from 8.
func MaxEdits(loose string) int {
	switch n := len([]rune(loose)); {
	case n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// Near reports the fewest edits (1 or 2) that turn some reading of the
// text into the beginning of word, a TermWord term; 0 when none is within
// the bound, or when the text begins word as it is (a prefix, not fuzzy).
func (q *Query) Near(word string) int {
	best := 0
	for _, l := range q.fuzzy {
		if d, _ := nearOne(l, word); d > 0 && (best == 0 || d < best) {
			best = d
		}
	}
	return best
}

// ScanNear visits, in order, the word terms within the fuzzy bound of the
// text (those Near accepts) and the edits each needs, among sorted terms
// that seek reads: seek(from) is the first term not less than from. It
// skips every run of terms whose common beginning is already too far from
// the text, so it reads far fewer terms than begin with a stem.
func (q *Query) ScanNear(seek func(from string) (string, bool), visit func(word string, edits int)) {
	for _, l := range q.fuzzy {
		if l.edits == 0 {
			continue
		}
		stem := string(l.runes[:2])
		for from := stem; ; {
			w, ok := seek(from)
			if !ok || !strings.HasPrefix(w, stem) {
				break
			}
			d, tooFar := nearOne(l, w)
			if d > 0 {
				visit(w, d)
			}
			if tooFar > 0 {
				from = after(w[:tooFar])
			} else {
				from = w + "\x00"
			}
		}
	}
}

// after is the least string greater than every string that begins with p.
func after(p string) string {
	r, size := utf8.DecodeLastRuneInString(p)
	next := r + 1
	if next >= 0xD800 && next < 0xE000 {
		next = 0xE000
	}
	return p[:len(p)-size] + string(next)
}

// nearOne is the least Levenshtein distance from the loose text l to a
// beginning of word, when it is 1 or more and within l's bound and the
// first two letters agree; 0 otherwise. tooFar is, when positive, the
// length in bytes of a beginning of word such that no word beginning so
// is within the bound.
func nearOne(l fuzzyText, word string) (edits, tooFar int) {
	limit := l.edits
	if limit == 0 || strings.HasPrefix(word, l.loose) {
		return 0, 0
	}
	var buf [2][maxFuzzyRunes + 1]int
	q := l.runes
	// Rows are word's letters, columns the text's: row j is word[:j]
	// against each beginning of the text.
	prev, cur := buf[0][:len(q)+1], buf[1][:len(q)+1]
	for i := range prev {
		prev[i] = i
	}
	best := -1
	j := 0
	for at, r := range word {
		j++
		if j > len(q)+limit {
			break
		}
		if j <= 2 && r != q[j-1] {
			return 0, at + utf8.RuneLen(r)
		}
		cur[0] = j
		low := j
		for i := 1; i <= len(q); i++ {
			c := prev[i-1]
			if q[i-1] != r {
				c = 1 + min(prev[i-1], prev[i], cur[i-1])
			}
			cur[i] = c
			low = min(low, c)
		}
		if low > limit {
			if best > 0 {
				return best, 0 // words that begin alike may match as well
			}
			return 0, at + utf8.RuneLen(r)
		}
		if j >= len(q)-limit && cur[len(q)] <= limit && (best < 0 || cur[len(q)] < best) {
			best = cur[len(q)]
		}
		prev, cur = cur, prev
	}
	if j < 2 || best <= 0 {
		return 0, 0
	}
	return best, 0
}

// scoreKey is how well the text matches one name: one of the tier
// scores, or 0.
func (q *Query) scoreKey(k *Key) float64 {
	if k.Exact != "" && k.Exact == q.Exact {
		if k.Alias {
			return ScoreAlias
		}
		return ScoreExact
	}
	best := 0.0
	for _, l := range q.Loose {
		switch {
		case slices.Contains(k.Abbrs, l):
			return ScoreAlias
		case slices.Contains(k.Loose, l):
			best = max(best, ScoreFolded)
		case best < ScorePrefix && slices.ContainsFunc(k.Suffixes, func(s string) bool { return strings.HasPrefix(s, l) }):
			best = ScorePrefix
		}
	}
	if best > 0 {
		return best
	}
	edits := 0
	for _, s := range k.Suffixes {
		if d := q.Near(s); d > 0 && (edits == 0 || d < edits) {
			edits = d
		}
	}
	switch edits {
	case 1:
		return ScoreFuzzy1
	case 2:
		return ScoreFuzzy2
	}
	return 0
}

// Score is how well the text matches an actor with these keys (Keys):
// its best tier, and the name that scored it, the earliest on a tie; ok
// is false when no name matches.
func (q *Query) Score(keys []Key) (score float64, matched string, ok bool) {
	for i := range keys {
		if s := q.scoreKey(&keys[i]); s > score {
			score, matched = s, keys[i].Value
		}
	}
	return score, matched, score > 0
}

// Compare orders hits as results come: best first, then by the actor's
// store.SortKey and id.
func Compare(a, b store.SearchHit) int {
	if c := cmp.Compare(b.Score, a.Score); c != 0 {
		return c
	}
	if c := strings.Compare(store.SortKey(a.Actor.Name), store.SortKey(b.Actor.Name)); c != 0 {
		return c
	}
	return strings.Compare(a.Actor.ID, b.Actor.ID)
}
