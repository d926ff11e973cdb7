package search

import (
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/fold"
)

// A partial match reads the text word by word, as Lucene's and Wikidata's
// searches do: "SCH universiteti", "Republic of Korea" typed "Korea
// Republic", "Inha Toshkent". Each word that counts (not a stop word)
// gets its best tier among all the actor's names' words:
//
//	1.0  the word is a word of the name (in any reading, or with a slip undone)
//	0.9  it is an abbreviation of the name, or an alias's loose form (3 letters or more)
//	0.6  it (or a slip undone) begins a word of the name
//	0.4  one edit from a word's beginning (4 letters or more); 0.3 two (8 or more)
//
// and weighs by its rarity, as BM25's inverse document frequency does:
// idf = ln(1 + (N − df + 0.5) / (df + 0.5)), N the actors in the store,
// df those holding the word as a word of a name (at least 1). The score
// is ScorePartial × Σ idf·tier / Σ idf × (1 + cover) / 2, where cover is
// the share of the best name's words (not stop words) that the text's
// words matched (all of them for an abbreviation): of two names with the
// same words matched, the shorter one, more of which the text covers,
// comes first. The best name is the one whose matched words weigh most,
// then the one covered most; it is the hit's Matched. A partial match
// needs one word at 0.9 or better: the stores find candidates by whole
// words (WordTerms).

// qword is one word of a query as partial matching compares it.
type qword struct {
	text  string
	forms []string // text, then its slips (fold.Slips)
	fz    fuzzyText
}

// parseWords lists each reading's words that count, for partial
// matching: none for a reading of fewer than two.
func parseWords(readings [][]string) [][]qword {
	var out [][]qword
	for _, ws := range readings {
		var qs []qword
		for _, w := range ws[:min(len(ws), maxWords)] {
			if fold.IsStopWord(w) || slices.ContainsFunc(qs, func(x qword) bool { return x.text == w }) {
				continue
			}
			qs = append(qs, qword{text: w, forms: append([]string{w}, fold.Slips(w)...), fz: newFuzzyText(w)})
		}
		if len(qs) >= 2 {
			out = append(out, qs)
		}
	}
	return out
}

// Partial reports whether the text may match partially: some reading of
// it has two words or more that count.
func (q *Query) Partial() bool { return len(q.words) > 0 }

// minAbbrWord is the fewest letters a word of a text needs to match a
// name's initials on its own: two letters are the initials of too many.
const minAbbrWord = 3

// MaxWordActors bounds the candidates of a partial match: a word term
// held by more actors (a word in 0.3% of 100,000 actors) finds none. Such
// a word still counts in the score of an actor a rarer word found; it
// weighs little.
const MaxWordActors = 300

// WordTerms are the terms that find the candidates of a partial match:
// each word of the text, and each of its slips, as a TermToken and as a
// TermAbbr. Only actors holding one of them can match partially with a
// word at tier 0.9 or better; a store counts the actors of each TermToken
// term for Weigh, and takes the actors of a term as candidates when they
// are MaxWordActors or fewer.
func (q *Query) WordTerms() []Term {
	var ts []Term
	for _, ws := range q.words {
		for _, w := range ws {
			for _, f := range w.forms {
				for _, t := range [2]Term{{TermToken, f}, {TermAbbr, f}} {
					if t.Kind == TermAbbr && len(f) < minAbbrWord {
						continue
					}
					if !slices.Contains(ts, t) {
						ts = append(ts, t)
					}
				}
			}
		}
	}
	return ts
}

// Weigh gives the query the figures that weigh its words: n actors in
// the store, and df, the actors holding each TermToken term of WordTerms
// (by its text; a term missing is held by none). Without it every word
// weighs the same.
func (q *Query) Weigh(n int, df map[string]int) {
	q.n, q.df = n, df
	q.weights = make([][]float64, len(q.words))
	for r, ws := range q.words {
		q.weights[r] = make([]float64, len(ws))
		for i := range ws {
			q.weights[r][i] = q.idf(&ws[i])
		}
	}
}

// idf is the weight of a word: BM25's idf of its commonest form.
func (q *Query) idf(w *qword) float64 {
	if q.df == nil {
		return 1
	}
	df := 1
	for _, f := range w.forms {
		df = max(df, q.df[f])
	}
	n := float64(max(q.n, df))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// PartialScore is Score for an actor that has no full match: a store
// that has read every full match already calls it for the candidates of
// WordTerms, which saves looking for a typo in every name.
func (q *Query) PartialScore(keys []Key) (score float64, matched string, ok bool) {
	score, matched = q.partial(keys)
	return score, matched, score > 0
}

// partial is the partial match of the text with the actor's names, and
// the name that gave it; 0 when no word matches.
func (q *Query) partial(keys []Key) (float64, string) {
	best, matched := 0.0, ""
	for r, ws := range q.words {
		var wbuf, tbuf [maxWords]float64
		weights, tiers := wbuf[:len(ws)], tbuf[:len(ws)]
		if q.weights != nil {
			copy(weights, q.weights[r])
		} else {
			for i := range weights {
				weights[i] = 1
			}
		}
		total := 0.0
		for _, w := range weights {
			total += w
		}
		bestKey, keyWeight, keyCover := -1, 0.0, 0.0
		for ki := range keys {
			w, c := matchKey(ws, weights, tiers, &keys[ki])
			if w > keyWeight || w > 0 && w == keyWeight && c > keyCover {
				bestKey, keyWeight, keyCover = ki, w, c
			}
		}
		if bestKey < 0 || total == 0 {
			continue
		}
		got, anchored := 0.0, false
		for i := range ws {
			got += weights[i] * tiers[i]
			anchored = anchored || tiers[i] >= ScoreAlias
		}
		if !anchored {
			continue // no store finds it: see WordTerms
		}
		if s := ScorePartial * got / total * (1 + keyCover) / 2; s > best {
			best, matched = s, keys[bestKey].Value
		}
	}
	return round(best), matched
}

// matchKey matches the words ws with one name: for each of its readings,
// each word's best tier there (raising tiers, the best over all names),
// the weight matched and the share of the name's words matched; it
// returns the best reading's weight and cover.
func matchKey(ws []qword, weights, tiers []float64, k *Key) (weight, cover float64) {
	for _, nws := range k.Words {
		var hit uint64 // the name's words matched, by position
		all := false
		sum := 0.0
		for i := range ws {
			t, at := wordTier(&ws[i], nws, k)
			if t == 0 {
				continue
			}
			switch {
			case at < 0:
				all = true
			case at < 64 && !fold.IsStopWord(nws[at]):
				hit |= 1 << at
			}
			tiers[i] = max(tiers[i], t)
			sum += weights[i] * t
		}
		if sum == 0 {
			continue
		}
		c := 1.0
		if !all {
			count := 0
			for _, w := range nws {
				if !fold.IsStopWord(w) {
					count++
				}
			}
			c = float64(bits.OnesCount64(hit)) / float64(max(count, 1))
		}
		if sum > weight || sum == weight && c > cover {
			weight, cover = sum, c
		}
	}
	return weight, cover
}

// wordTier is the best tier of the query word w among the words nws of
// the name k, and the position of the word it matched (-1 for an
// abbreviation of the whole name).
func wordTier(w *qword, nws []string, k *Key) (float64, int) {
	for _, f := range w.forms {
		if i := slices.Index(nws, f); i >= 0 {
			return ScoreExact, i
		}
	}
	for _, f := range w.forms {
		if len(f) >= minAbbrWord && slices.Contains(k.Abbrs, f) {
			return ScoreAlias, -1
		}
	}
	for _, f := range w.forms {
		for i, nw := range nws {
			if strings.HasPrefix(nw, f) {
				return ScorePrefix, i
			}
		}
	}
	edits, at := 0, -1
	for i, nw := range nws {
		if d := nearEdits(w.fz, nw); d > 0 && (edits == 0 || d < edits) {
			edits, at = d, i
		}
	}
	return fuzzyScore(edits, 0), at
}

// round keeps four decimals of a score, so that the API gives 0.38, not
// 0.38000000000000006.
func round(s float64) float64 { return math.Round(s*1e4) / 1e4 }
