package search

import (
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/fold"
	"github.com/ecograph/ecograph/internal/store"
)

// Query is the text a user typed, folded.
type Query struct {
	// Exact is fold's Exact key of the text.
	Exact string
	// Loose is each reading of the text, its words run together, and
	// then the same with one word's slip undone (fold.Slips): "Janubiy
	// Koreyaning" is also janubiykoreya.
	Loose []string
	// fuzzy is, for each reading (not a slip: a slip and a typo together
	// match too much), its letters and the edits a fuzzy
	// match allows, worked out once: the typo walk compares the text
	// with thousands of words, and converting a long text for each took
	// seconds.
	fuzzy []fuzzyText
	// words are each reading's words, for partial matches; nil when no
	// reading has two words that count.
	words [][]qword
	// n and df weigh the words (Weigh), and weights are each word's
	// idf, in the order of words.
	n       int
	df      map[string]int
	weights [][]float64
}

// maxVariants bounds the loose forms a text has with its slips undone:
// each is looked up and scanned like a reading.
const maxVariants = 8

// maxWords is how many of a text's words partial matching reads.
const maxWords = 12

// Parse folds the text of a search; text with no letter or digit in it
// is a *store.InvalidError on "text".
func Parse(text string) (*Query, error) {
	f := fold.Name(text, "")
	if strings.TrimSpace(f.Exact) == "" {
		return nil, store.Invalid("text", "must hold a letter or a digit")
	}
	q := &Query{Exact: f.Exact}
	add := func(l string) bool {
		if l != "" && len(q.Loose) < maxVariants && !slices.Contains(q.Loose, l) {
			q.Loose = append(q.Loose, l)
			return true
		}
		return false
	}
	for _, words := range f.Readings {
		if l := strings.Join(words, ""); add(l) {
			q.fuzzy = append(q.fuzzy, newFuzzyText(l))
		}
	}
	for _, words := range f.Readings {
		if len(words) > maxWords {
			continue
		}
		for i, w := range words {
			for _, s := range fold.Slips(w) {
				add(strings.Join(words[:i], "") + s + strings.Join(words[i+1:], ""))
			}
		}
	}
	q.words = parseWords(f.Readings)
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

// Prefixes are the beginnings of terms to scan: every actor that scores
// ScorePrefix holds a TermLoose term beginning with one of them, and
// every actor that scores ScorePrefixWord a TermWord term.
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

// Typos are the loose forms of the text a typo is looked for in: its
// readings (not its slips) of 4 to 47 letters.
func (q *Query) Typos() []string {
	var out []string
	for _, l := range q.fuzzy {
		if l.edits > 0 {
			out = append(out, l.loose)
		}
	}
	return out
}
