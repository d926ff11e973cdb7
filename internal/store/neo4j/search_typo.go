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
// The text index finds the names to look at by the stem ("\nw:fi"), or,
// when the text cut into d+1 pieces gives pieces of 3 letters or more
// (the text index looks up three letters at a time), by those pieces:
// the first as a word's beginning ("\nw:finw"), the others anywhere. An
// edit spoils at most one piece, so one of them is whole in every word
// within d edits, and when it is the first, nothing was inserted before
// it either. They are found in fewer names than a two-letter stem such
// as "un" or "fi", and their names are read first with CONTAINS alone:
// a list comprehension on every one of thousands of names cost more
// than the index.

// minFind is the fewest letters of a piece the text index looks up.
const minFind = 3

// maxPieces is how many pieces a probe holds (stemsMatch counts five):
// 2d+1 for d = 2, the most edits search.MaxEdits allows; a probe for one
// edit is padded with "\n\n", which no terms text holds.
const maxPieces = 5

// typoProbes are the probes of searchStems and searchAll: for each
// reading, the stem ("w:" and two letters), the pieces a word must hold
// need of within width letters, the fewest letters (least, "w:"
// counted) of such a word, and the strings the text index finds the
// names by.
func typoProbes(query *search.Query) []any {
	var probes []any
	for _, l := range query.Typos() {
		d := search.MaxEdits(l)
		r := []rune(l)
		stem := search.Term{Kind: search.TermWord, Text: string(r[:2])}.String()
		// m pieces, d spoiled at most: m-d whole.
		m := min(2*d+1, maxPieces)
		pieces := cut(r[2:], m)
		for len(pieces) < maxPieces {
			pieces = append(pieces, "\n\n")
		}
		probes = append(probes, map[string]any{
			"stem":   stem,
			"pieces": pieces,
			"need":   max(m-d, 0),
			"width":  len(r) + d,
			"least":  len("w:") + len(r) - d,
			"finds":  finds(r, d, stem),
		})
	}
	return probes
}

// finds are the strings the text index finds a probe's names by (see
// above): the stem, or the reading r cut into d+1 pieces.
func finds(r []rune, d int, stem string) []string {
	pieces := cut(r, d+1)
	for _, p := range pieces {
		if utf8.RuneCountInString(p) < minFind {
			return []string{"\n" + stem}
		}
	}
	pieces[0] = "\n" + search.Term{Kind: search.TermWord, Text: pieces[0]}.String()
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

// stemsMatch is the part of a statement that turns the names found for a
// probe (n, probe) into the word terms that may be within its edits:
// [word cut one letter after the widest match, whether it is also a loose
// term (a name's beginning)]. A word is cut so that a longer word is
// never taken for a typo of the whole name. A name found by two pieces
// is read twice; Go keeps the best of each actor's words anyway.
const stemsMatch = `
WITH probe, n, n.terms AS t
WHERE t CONTAINS "\n" + probe.stem AND
  CASE WHEN t CONTAINS probe.pieces[0] THEN 1 ELSE 0 END + CASE WHEN t CONTAINS probe.pieces[1] THEN 1 ELSE 0 END +
  CASE WHEN t CONTAINS probe.pieces[2] THEN 1 ELSE 0 END + CASE WHEN t CONTAINS probe.pieces[3] THEN 1 ELSE 0 END +
  CASE WHEN t CONTAINS probe.pieces[4] THEN 1 ELSE 0 END >= probe.need
WITH n, [k IN split(t, "\n") WHERE k STARTS WITH probe.stem AND size(k) >= probe.least AND
  size([p IN probe.pieces WHERE substring(k, 2, probe.width) CONTAINS p]) >= probe.need |
  [substring(k, 2, probe.width + 1), t CONTAINS "\nl:" + substring(k, 2) + "\n"]] AS words
WHERE size(words) > 0`

// candidate is an actor a typo may have meant, and its typo score.
type candidate struct {
	id, sortKey string
	score       float64
}

func compareNear(a, b candidate) int {
	if a.score != b.score {
		if a.score > b.score {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.sortKey, b.sortKey); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// nearRows gives each actor of the rows [id, sortKey, [[word, loose]]]
// that skip does not name its typo score, the best
// search.Query.NearScores of its words, and returns those that score,
// unordered.
func nearRows(query *search.Query, rows []any, skip func(id string) bool) []candidate {
	best := map[string]*candidate{}
	for _, row := range rows {
		row := asList(row)
		id := asString(row[0])
		if id == "" || skip(id) {
			continue
		}
		sc := 0.0
		for _, w := range asList(row[2]) {
			w := asList(w)
			word := asString(w[0])
			d := query.Near(word)
			if d == 0 {
				continue
			}
			atBeginning, atLaterWord := query.NearScores(word, d)
			if loose, _ := w[1].(bool); loose {
				atLaterWord = max(atLaterWord, atBeginning)
			}
			sc = max(sc, atLaterWord)
		}
		if sc == 0 {
			continue
		}
		if c := best[id]; c != nil {
			c.score = max(c.score, sc)
		} else {
			best[id] = &candidate{id: id, sortKey: asString(row[1]), score: sc}
		}
	}
	out := make([]candidate, 0, len(best))
	for _, c := range best {
		out = append(out, *c)
	}
	return out
}
