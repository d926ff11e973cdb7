package search

import (
	"strings"
	"unicode/utf8"
)

// fuzzyText is one reading of a query as the fuzzy match compares it.
type fuzzyText struct {
	loose string
	runes []rune
	edits int // MaxEdits; 0 when no typo is looked for
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
// every reading, so it reads far fewer terms than begin with a stem; the
// readings that share a stem are walked together, so no term is visited
// twice.
func (q *Query) ScanNear(seek func(from string) (string, bool), visit func(word string, edits int)) {
	for _, stem := range q.Stems() {
		var group []fuzzyText
		for _, l := range q.fuzzy {
			if l.edits > 0 && string(l.runes[:2]) == stem {
				group = append(group, l)
			}
		}
		for from := stem; ; {
			w, ok := seek(from)
			if !ok || !strings.HasPrefix(w, stem) {
				break
			}
			best, skip := 0, -1
			for _, l := range group {
				d, tooFar := nearOne(l, w)
				if d > 0 && (best == 0 || d < best) {
					best = d
				}
				if tooFar == 0 {
					skip = 0
				} else if skip != 0 && (skip < 0 || tooFar < skip) {
					skip = tooFar
				}
			}
			if best > 0 {
				visit(w, best)
			}
			if skip > 0 {
				from = after(w[:skip])
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
		if low := row(q, r, j, prev, cur); low > limit {
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

// wholeEdits is the Levenshtein distance from the loose text l to the
// whole of word, when it is 1 or more, within l's bound and the first
// two letters agree; 0 otherwise.
func wholeEdits(l fuzzyText, word string) int {
	limit := l.edits
	if limit == 0 || !strings.HasPrefix(word, string(l.runes[:2])) {
		return 0
	}
	n := utf8.RuneCountInString(word)
	if n > len(l.runes)+limit || n < len(l.runes)-limit || n > maxFuzzyRunes+2 {
		return 0
	}
	var buf [2][maxFuzzyRunes + 1]int
	q := l.runes
	prev, cur := buf[0][:len(q)+1], buf[1][:len(q)+1]
	for i := range prev {
		prev[i] = i
	}
	j := 0
	for _, r := range word {
		j++
		if row(q, r, j, prev, cur) > limit {
			return 0
		}
		prev, cur = cur, prev
	}
	if d := prev[len(q)]; d <= limit {
		return d
	}
	return 0
}

// row fills cur, the edit distances from word[:j], whose last letter is
// r, to each beginning of q, from prev, the row of word[:j-1]; it
// returns the least of them.
func row(q []rune, r rune, j int, prev, cur []int) int {
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
	return low
}
