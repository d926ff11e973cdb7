package embedded

import (
	"context"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// nameIndex finds actors by the search terms of their names
// (search.Terms): a map for the terms only looked up whole, and the loose
// terms (for the prefix scan at a name's beginning, and looked up whole)
// and the word terms (for prefix and fuzzy scans) each in a prefixIndex.
type nameIndex struct {
	whole map[search.Term][]*node
	loose *prefixIndex
	words *prefixIndex
}

func newNameIndex() *nameIndex {
	return &nameIndex{whole: map[search.Term][]*node{}, loose: newPrefixIndex(), words: newPrefixIndex()}
}

// postings returns the actors that hold term t.
func (x *nameIndex) postings(t search.Term) []*node {
	switch t.Kind {
	case search.TermLoose:
		return x.loose.posts[t.Text]
	case search.TermWord:
		return x.words.posts[t.Text]
	}
	return x.whole[t]
}

// add folds n's names and indexes their terms.
func (x *nameIndex) add(n *node) {
	n.names = search.Keys(n.actor)
	for _, t := range search.Terms(n.names) {
		switch t.Kind {
		case search.TermLoose:
			x.loose.add(t.Text, n)
		case search.TermWord:
			x.words.add(t.Text, n)
		default:
			x.whole[t] = append(x.whole[t], n)
		}
	}
}

// remove takes out the terms add indexed for n.
func (x *nameIndex) remove(n *node) {
	for _, t := range search.Terms(n.names) {
		switch t.Kind {
		case search.TermLoose:
			x.loose.remove(t.Text, n)
		case search.TermWord:
			x.words.remove(t.Text, n)
		default:
			if ps := slices.DeleteFunc(x.whole[t], func(p *node) bool { return p == n }); len(ps) > 0 {
				x.whole[t] = ps
			} else {
				delete(x.whole, t)
			}
		}
	}
	n.names = nil
}

// hit is a search hit with the actor's node, for ordering by its key.
type hit struct {
	store.SearchHit
	n *node
}

func compareHits(a, b hit) int {
	if a.Score != b.Score {
		if a.Score > b.Score {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.n.key, b.n.key); c != 0 {
		return c
	}
	return strings.Compare(a.Actor.ID, b.Actor.ID)
}

// Search ranks actors as package search does. The index gives the
// candidates of each tier, best tier first, and search.Query.Score
// decides each one's score and matched name. A tier is read only while
// the tiers above it leave fewer than q.First hits: no lower tier can
// outrank them. A search is a long reader (see gate): it looks at ctx as
// it goes and returns ctx's error when it ends.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]store.SearchHit, error) {
	query, err := search.Parse(q.Text)
	if err != nil {
		return nil, err
	}
	kinds, err := kindSet(q.Kinds)
	if err != nil {
		return nil, err
	}
	m, unlock, err := s.readLong(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if q.First <= 0 {
		return []store.SearchHit{}, nil
	}
	w := store.NewWatch(ctx)
	x := m.names
	seen := map[*node]bool{}
	// fresh reports an actor not seen before and of a kind asked for.
	fresh := func(n *node) bool {
		if seen[n] {
			return false
		}
		seen[n] = true
		return kinds == nil || kinds[n.actor.Kind]
	}
	var hits []hit
	score := func(n *node) {
		if sc, matched, ok := query.Score(n.names); ok {
			hits = append(hits, hit{store.SearchHit{Actor: n.actor, Score: sc, Matched: matched}, n})
		}
	}

	// Exact, alias and folded matches: terms looked up whole.
	for _, t := range query.Lookups() {
		for _, n := range x.postings(t) {
			if w.Stop() {
				return nil, w.Err()
			}
			if fresh(n) {
				score(n)
			}
		}
	}
	// Prefixes, at a name's beginning and then at a later word: every
	// actor found in a band and not above scores the band's score, so
	// only the first by name need scoring.
	bands := []struct {
		index *prefixIndex
		score float64
	}{{x.loose, search.ScorePrefix}, {x.words, search.ScorePrefixWord}}
	for _, band := range bands {
		if len(hits) >= q.First {
			break
		}
		// Short prefixes match tens of thousands of postings: keep only
		// the first need of them by name, without a map of all.
		need := q.First - len(hits)
		var top []hit // sorted, at most need
		// keep puts n in top if it is among the first need, and reports
		// false when top is full and n comes after all of it, as every
		// actor after n in a head's order then does.
		keep := func(n *node) bool {
			if seen[n] || (kinds != nil && !kinds[n.actor.Kind]) {
				return true
			}
			h := hit{store.SearchHit{Actor: n.actor, Score: band.score}, n}
			if len(top) == need && compareHits(h, top[need-1]) >= 0 {
				return false
			}
			if i, dup := slices.BinarySearchFunc(top, h, compareHits); !dup {
				top = slices.Insert(top, i, h)
				if len(top) > need {
					top = top[:need]
				}
			}
			return true
		}
		for _, p := range query.Prefixes() {
			// A prefix with a head gives its first actors in order; the
			// others (and a head that runs out before top is full) are
			// scanned whole.
			if band.index.readHead(p, keep) {
				continue
			}
			band.index.scan(p, func(ns []*node) bool {
				for _, n := range ns {
					if w.Stop() {
						return false
					}
					keep(n)
				}
				return true
			})
		}
		if err := w.Err(); err != nil {
			return nil, err
		}
		for _, h := range top {
			seen[h.n] = true // a lower band runs only when these are all
			score(h.n)
		}
	}
	// Typos: the word keys within the edits allowed; each actor scores
	// the best of them (search.Query.NearScores), and only those kept are
	// scored again for the name matched.
	if len(hits) < q.First {
		near := map[*node]float64{}
		seek := func(from string) (k string, ok bool) {
			if w.Stop() {
				return "", false
			}
			x.words.terms.AscendGreaterOrEqual(from, func(key string) bool {
				k, ok = key, true
				return false
			})
			return k, ok
		}
		query.ScanNear(seek, func(k string, edits int) {
			atBeginning, atLaterWord := query.NearScores(k, edits)
			// near holds the actors found here; seen, those found above.
			for _, n := range x.words.posts[k] {
				if w.Stop() {
					return
				}
				if b, ok := near[n]; ok {
					if atLaterWord > b {
						near[n] = atLaterWord
					}
				} else if !seen[n] && (kinds == nil || kinds[n.actor.Kind]) {
					near[n] = atLaterWord
				}
			}
			// A loose term is also a word term: its actors are in near.
			if atBeginning > atLaterWord {
				for _, n := range x.loose.posts[k] {
					if b, ok := near[n]; ok && atBeginning > b {
						near[n] = atBeginning
					}
				}
			}
		})
		if err := w.Err(); err != nil {
			return nil, err
		}
		found := make([]hit, 0, len(near))
		for n, sc := range near {
			found = append(found, hit{store.SearchHit{Actor: n.actor, Score: sc}, n})
			seen[n] = true // the partial band runs only when these are all
		}
		for _, h := range first(found, q.First-len(hits)) {
			score(h.n)
		}
	}
	// Partial matches: the actors holding a word of the text, each word
	// weighed by how many hold it.
	if len(hits) < q.First && query.Partial() {
		df := map[string]int{}
		var found []*node
		for _, t := range query.WordTerms() {
			ps := x.postings(t)
			if t.Kind == search.TermToken {
				df[t.Text] = len(ps)
			}
			if len(ps) > search.MaxWordActors {
				continue
			}
			for _, n := range ps {
				if w.Stop() {
					return nil, w.Err()
				}
				if fresh(n) {
					found = append(found, n)
				}
			}
		}
		query.Weigh(len(m.actors), df)
		hits = scoreAll(hits, found, query.PartialScore, q.First)
	}
	hits = first(hits, q.First)
	out := make([]store.SearchHit, len(hits))
	for i, h := range hits {
		out[i] = h.SearchHit
	}
	return out, nil
}

// scoreAll scores the candidates ns and adds to hits the first of them,
// up to n hits in all.
func scoreAll(hits []hit, ns []*node, score func([]search.Key) (float64, string, bool), n int) []hit {
	var found []hit
	for _, c := range ns {
		if sc, matched, ok := score(c.names); ok {
			found = append(found, hit{store.SearchHit{Actor: c.actor, Score: sc, Matched: matched}, c})
		}
	}
	return append(hits, first(found, n-len(hits))...)
}

// first returns the first n hits in order.
func first(hits []hit, n int) []hit {
	if len(hits) > n {
		hits = smallest(hits, n, compareHits)
	}
	slices.SortFunc(hits, compareHits)
	return hits
}

// smallest returns the n smallest items of s in cmp's order, unsorted,
// without sorting all of s: a short prefix can match thousands of names.
func smallest[T any](s []T, n int, cmp func(a, b T) int) []T {
	// Quickselect: partition around a pivot until the first n are the smallest.
	lo, hi := 0, len(s)
	for hi-lo > 1 {
		p := s[lo+(hi-lo)/2]
		i, j, k := lo, lo, hi // s[lo:i] < p, s[i:j] == p, s[k:hi] > p
		for j < k {
			switch c := cmp(s[j], p); {
			case c < 0:
				s[i], s[j] = s[j], s[i]
				i++
				j++
			case c > 0:
				k--
				s[j], s[k] = s[k], s[j]
			default:
				j++
			}
		}
		switch {
		case n < i:
			hi = i
		case n > j:
			lo = j
		default:
			return s[:n]
		}
	}
	return s[:n]
}
