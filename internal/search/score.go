package search

import (
	"slices"
	"strings"
)

// scoreKey is how well the whole text matches one name: one of the full
// tiers' scores, or 0.
func (q *Query) scoreKey(k *Key) float64 {
	if k.Exact != "" && k.Exact == q.Exact {
		if k.Alias {
			return ScoreAlias
		}
		return ScoreExact
	}
	best := 0.0
	for _, l := range q.Loose {
		begins := func(s string) bool { return strings.HasPrefix(s, l) }
		switch {
		case slices.Contains(k.Abbrs, l):
			return ScoreAlias
		case slices.Contains(k.Loose, l):
			best = max(best, ScoreFolded)
		case best < ScorePrefix && slices.ContainsFunc(k.Loose, begins):
			best = ScorePrefix
		case best < ScorePrefixWord && slices.ContainsFunc(k.Suffixes, begins):
			best = ScorePrefixWord
		}
	}
	if best > 0 {
		return best
	}
	for _, f := range q.fuzzy {
		if f.edits == 0 {
			continue
		}
		for _, s := range k.Suffixes {
			if slices.Contains(k.Loose, s) {
				best = max(best, fuzzyScore(wholeEdits(f, s), 0), fuzzyScore(nearEdits(f, s), StepBeginning))
			} else {
				best = max(best, fuzzyScore(nearEdits(f, s), StepLaterWord))
			}
		}
	}
	return best
}

// nearEdits is nearOne's edits alone.
func nearEdits(f fuzzyText, word string) int {
	d, _ := nearOne(f, word)
	return d
}

// fuzzyScore is the score of a typo tier: edits (0 for none found) less
// step, for where in the name the text was found.
func fuzzyScore(edits int, step float64) float64 {
	switch edits {
	case 1:
		return ScoreFuzzy1 - step
	case 2:
		return ScoreFuzzy2 - step
	}
	return 0
}

// Score is how well the text matches an actor with these keys (Keys):
// its best full tier, or else its partial match, and the name that
// scored it, the earliest on a tie; ok is false when no name matches.
func (q *Query) Score(keys []Key) (score float64, matched string, ok bool) {
	for i := range keys {
		if s := q.scoreKey(&keys[i]); s > score {
			score, matched = s, keys[i].Value
		}
	}
	if score == 0 {
		score, matched = q.partial(keys)
	}
	score = round(score)
	return score, matched, score > 0
}

// NearScores are the scores that the word term word, found by ScanNear
// with these edits, gives the actors that hold it: those for which it is
// a loose form (a name's beginning) score atBeginning, the others
// atLaterWord. An actor's typo score is the best over the terms ScanNear
// visits, as Score gives it to an actor with no better match: a store
// that walks the terms need score only the actors it keeps.
func (q *Query) NearScores(word string, edits int) (atBeginning, atLaterWord float64) {
	whole := 0
	for _, f := range q.fuzzy {
		if d := wholeEdits(f, word); d > 0 && (whole == 0 || d < whole) {
			whole = d
		}
	}
	atBeginning = round(max(fuzzyScore(whole, 0), fuzzyScore(edits, StepBeginning)))
	return atBeginning, round(fuzzyScore(edits, StepLaterWord))
}
