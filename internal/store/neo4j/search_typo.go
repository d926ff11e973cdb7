package neo4j

import (
	"strings"
	"unicode/utf8"

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
// The text index of the :Suffix terms finds the words to look at by the
// stem ("w:fi"), or, when the text cut into d+1 pieces gives pieces of 3
// letters or more (the text index looks up three letters at a time), by
// those pieces: the first as a word's beginning ("w:finw"), the others
// anywhere. An edit spoils at most one piece, so one of them is whole in
// every word within d edits, and when it is the first, nothing was
// inserted before it either. A key holds "w:" only at its start, so
// CONTAINS "w:finw" is STARTS WITH. Each word term is one :Term node,
// however many names hold it.

// minFind is the fewest letters of a piece the text index looks up.
const minFind = 3

// typoProbes are the probes of searchAll: for each reading, the stem
// ("w:" and two letters), the pieces a word must hold need of within
// width letters, the fewest letters (least, "w:" counted) of such a word,
// and the strings the text index finds the words by.
func typoProbes(query *search.Query) []any {
	probes := []any{}
	for _, l := range query.Typos() {
		d := search.MaxEdits(l)
		r := []rune(l)
		stem := search.Term{Kind: search.TermWord, Text: string(r[:2])}.String()
		// m pieces, d spoiled at most: m-d whole.
		m := 2*d + 1
		probes = append(probes, map[string]any{
			"stem":   stem,
			"pieces": cut(r[2:], m),
			"need":   max(m-d, 0),
			"width":  len(r) + d,
			"least":  len("w:") + len(r) - d,
			"finds":  finds(r, d, stem),
		})
	}
	return probes
}

// finds are the strings the text index finds a probe's words by (see
// above): the stem, or the reading r cut into d+1 pieces.
func finds(r []rune, d int, stem string) []string {
	pieces := cut(r, d+1)
	for _, p := range pieces {
		if utf8.RuneCountInString(p) < minFind {
			return []string{stem}
		}
	}
	pieces[0] = search.Term{Kind: search.TermWord, Text: pieces[0]}.String()
	return pieces
}

// cut cuts r into n pieces as even as can be, in order.
func cut(r []rune, n int) []string {
	pieces := make([]string, n)
	for i := range pieces {
		pieces[i] = string(r[i*len(r)/n : (i+1)*len(r)/n])
	}
	return pieces
}

// stemsMatch is the part of searchAll that keeps, of the word terms t
// found for a probe, those that may be within its edits: k, the term,
// and word, its text cut one letter after the widest match (so that a
// longer word is never taken for a typo of the whole name).
const stemsMatch = `
  WITH probe, t.k AS k
  WHERE k STARTS WITH probe.stem AND size(k) >= probe.least AND
    size([p IN probe.pieces WHERE substring(k, 2, probe.width) CONTAINS p]) >= probe.need
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
