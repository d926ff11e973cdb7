package neo4j

import (
	"strings"

	"github.com/ecograph/ecograph/internal/search"
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
		})
	}
	return probes
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
// keeps those that may be within its edits: k, the term, and word, its
// text cut one letter after the widest match (so that a longer word is
// never taken for a typo of the whole name).
const nearTerms = `
  MATCH (t:Term) USING INDEX t:Term(k) WHERE t.k STARTS WITH probe.stem
  WITH probe, t.k AS k
  WHERE size(k) >= probe.least
  WITH probe, k, substring(k, 2, probe.width) AS head
  WHERE size([p IN probe.pieces WHERE head CONTAINS p]) >= probe.need
  WITH k, substring(k, 2, probe.width + 1) AS word`

// nearWords are the word terms of the rows [term, word] that are within
// the edits of a reading (search.Query.Near), each once, with the scores
// it gives its actors (search.Query.NearScores), as searchNear reads
// them: s, the term's text; b, the score of an actor that has it as a
// name's beginning; l, that of the others.
func nearWords(query *search.Query, rows []any) []any {
	type scores struct{ b, l float64 }
	best := map[string]*scores{}
	var order []string
	for _, row := range rows {
		row := asList(row)
		k, word := asString(row[0]), asString(row[1])
		d := query.Near(word)
		if d == 0 {
			continue
		}
		b, l := query.NearScores(word, d)
		if sc := best[k]; sc != nil {
			sc.b, sc.l = max(sc.b, b), max(sc.l, l)
		} else {
			best[k] = &scores{b, l}
			order = append(order, k)
		}
	}
	out := make([]any, 0, len(order))
	for _, k := range order {
		text, _ := strings.CutPrefix(k, string(search.TermWord)+":")
		out = append(out, map[string]any{"s": text, "b": best[k].b, "l": best[k].l})
	}
	return out
}
