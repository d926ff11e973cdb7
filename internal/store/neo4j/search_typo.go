package neo4j

import (
	"cmp"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// The typo tier reads, for each reading a typo is looked for in
// (search.Query.Typos), the word terms that may be within its edits, and
// Go keeps those that are (search.Query.Near). A word within d edits of
// the text begins with the text's first two letters, its stem, which a
// typo may not touch; it is at least len-d letters long; and when the
// rest of the text is cut into 2d+1 pieces, each edit spoils at most one
// of them, so the word holds at least d+1 of them as they are within
// its first len+d letters. That drops most of the words that only share
// the stem ("FinWorks" for "FinWorks 3111") before Go sees them.
//
// The words are read by their stem: a seek on the range index of
// ecograph_term_key for the keys that begin with "w:" and the stem. The
// index holds the keys themselves, so Neo4j reads no node for the words
// it passes over, and a word costs it a third of what a look-up of the
// text index of the :Suffix terms cost (by a piece of the text anywhere
// in the key, which also read the key from the node; the index is
// dropped since, schema.go): at 100,000 actors
// the stem's 1,000 to 2,500 words cost less than the 1,000 the pieces
// found there (names share their endings: "Mobility", "Media"). Each word
// term is one :Term node, however many names hold it.

// typoProbes are the probes of searchAll: for each reading, the stem
// ("w:" and two letters), the pieces a word must hold need of within
// width letters, and the fewest letters (least, "w:" counted) of such a
// word.
func typoProbes(query *search.Query) []any {
	probes := []any{}
	for _, l := range query.Typos() {
		d := search.MaxEdits(l)
		r := []rune(l)
		// m pieces, d spoiled at most: m-d whole.
		m := 2*d + 1
		probes = append(probes, map[string]any{
			"stem":   search.Term{Kind: search.TermWord, Text: string(r[:2])}.String(),
			"pieces": cut(r[2:], m),
			"need":   max(m-d, 0),
			"width":  len(r) + d,
			"least":  len("w:") + len(r) - d,
			"edits":  d,
			"band":   band(r, d),
		})
	}
	return probes
}

// band is, for each letter of the text r after its stem, the window of a
// word term's key ("w:", the word) it is found in when the word begins
// within d edits of r: a letter no edit touches is in the word where it
// is in the text, moved by at most d places (each insertion or deletion
// before it moves it by one), and after the stem. Each letter not found
// in its window takes an edit of its own, so a word that misses more than
// d of them is not within the edits. Where the pigeonhole of the pieces
// counts a piece with two edits in it as one, this counts each letter:
// names that differ only in their last word ("Samarkand Startup
// Accelerator 8072" and "... 1234") pass the pieces, not the band. Each
// is {c: the letter, from: where its window begins in the key, counted
// from 0 as Cypher's substring counts, len: the window's letters}.
func band(r []rune, d int) []any {
	letters := make([]any, 0, max(len(r)-2, 0))
	for x := 2; x < len(r); x++ {
		lo := max(2, x-d) // the word's letters, from 0
		letters = append(letters, map[string]any{"c": string(r[x]), "from": len("w:") + lo, "len": x + d + 1 - lo})
	}
	return letters
}

// cut cuts r into n pieces as even as can be, in order.
func cut(r []rune, n int) []string {
	pieces := make([]string, n)
	for i := range pieces {
		pieces[i] = string(r[i*len(r)/n : (i+1)*len(r)/n])
	}
	return pieces
}

// nearTerms is the part of searchAll that reads a probe's word terms and
// keeps those that may be within its edits: k, the term, and cut, its
// text cut one letter after the widest match (so that a longer word is
// never taken for a typo of the whole name).
const nearTerms = `
  MATCH (t:Term) USING INDEX t:Term(k) WHERE t.k STARTS WITH probe.stem
  WITH probe, t.k AS k
  WHERE size(k) >= probe.least
  WITH probe, k, substring(k, 2, probe.width) AS head
  WHERE size([p IN probe.pieces WHERE head CONTAINS p]) >= probe.need
  WITH k, substring(k, 2, probe.width + 1) AS cut`

// nearWord is a word term within the edits of a reading, with the
// scores it gives its actors (search.Query.NearScores): b to an actor
// that has it as a name's beginning (its "l:" term), l to the others
// (its "w:" term); and the first actors of each term that searchAll read,
// those not in the full tiers, of the kinds asked for, in name order.
type nearWord struct {
	k, text               string
	b, l                  float64
	beginning, laterWords []any
}

// nearWords are the word terms of the rows [term, word, actors of its
// "l:" term, actors of its "w:" term] that are within the edits of a
// reading (search.Query.Near), each once, with the best scores of its
// rows.
func nearWords(query *search.Query, rows []any) []*nearWord {
	best := map[string]*nearWord{}
	var out []*nearWord
	for _, row := range rows {
		row := asList(row)
		k, word := asString(row[0]), asString(row[1])
		d := query.Near(word)
		if d == 0 {
			continue
		}
		b, l := query.NearScores(word, d)
		if w := best[k]; w != nil {
			w.b, w.l = max(w.b, b), max(w.l, l)
			continue
		}
		text, _ := strings.CutPrefix(k, string(search.TermWord)+":")
		w := &nearWord{k: k, text: text, b: b, l: l}
		if len(row) == 4 {
			w.beginning, w.laterWords = asList(row[2]), asList(row[3])
		}
		best[k] = w
		out = append(out, w)
	}
	return out
}

// nearParams are the words as searchNear reads them ($q.near): s, the
// term's text, b and l its scores.
func nearParams(words []*nearWord) []any {
	out := make([]any, len(words))
	for i, w := range words {
		out[i] = map[string]any{"s": w.text, "b": w.b, "l": w.l}
	}
	return out
}

// typoActors are the typo tier's first need actors, as searchNear picks
// them, from the actors searchAll read with the words (the first need of
// each word's terms): an actor scores its best, b for the words whose
// "l:" term it has, l for the others, and the first need by score, then
// by name (sortKey, then id: Neo4j orders strings by code point, as Go
// does) are taken.
func typoActors(words []*nearWord, need int) []*store.Actor {
	type scored struct {
		a     *store.Actor
		key   string
		score float64
	}
	byID := map[string]*scored{}
	var all []*scored
	add := func(v any, score float64) {
		node, ok := v.(dbtype.Node)
		if !ok {
			return
		}
		id := str(node.Props, "id")
		if s := byID[id]; s != nil {
			s.score = max(s.score, score)
			return
		}
		s := &scored{a: decodeActor(node), key: str(node.Props, "sortKey"), score: score}
		byID[id] = s
		all = append(all, s)
	}
	for _, w := range words {
		for _, v := range w.beginning {
			add(v, w.b)
		}
		for _, v := range w.laterWords {
			add(v, w.l)
		}
	}
	slices.SortFunc(all, func(x, y *scored) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		if c := strings.Compare(x.key, y.key); c != 0 {
			return c
		}
		return strings.Compare(x.a.ID, y.a.ID)
	})
	out := make([]*store.Actor, 0, min(len(all), max(need, 0)))
	for _, s := range all[:min(len(all), max(need, 0))] {
		out = append(out, s.a)
	}
	return out
}
