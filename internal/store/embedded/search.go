package embedded

import (
	"context"
	"slices"
	"strings"

	"github.com/google/btree"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// nameIndex finds actors by the search terms of their names
// (search.Terms): a map for the terms looked up whole, and the word
// terms in a map and in order, for prefix and fuzzy scans.
type nameIndex struct {
	whole map[search.Term][]*node
	words map[string][]*node
	keys  *btree.BTreeG[string] // the words' keys, in order
}

func newNameIndex() *nameIndex {
	return &nameIndex{
		whole: map[search.Term][]*node{},
		words: map[string][]*node{},
		keys:  btree.NewG(btreeDegree, func(a, b string) bool { return a < b }),
	}
}

// add folds n's names and indexes their terms.
func (x *nameIndex) add(n *node) {
	n.names = search.Keys(n.actor)
	for _, t := range search.Terms(n.names) {
		if t.Kind != search.TermWord {
			x.whole[t] = append(x.whole[t], n)
			continue
		}
		ps, ok := x.words[t.Text]
		if !ok {
			x.keys.ReplaceOrInsert(t.Text)
		}
		x.words[t.Text] = append(ps, n)
	}
}

// remove takes out the terms add indexed for n.
func (x *nameIndex) remove(n *node) {
	drop := func(ps []*node) []*node {
		return slices.DeleteFunc(ps, func(p *node) bool { return p == n })
	}
	for _, t := range search.Terms(n.names) {
		if t.Kind != search.TermWord {
			if ps := drop(x.whole[t]); len(ps) > 0 {
				x.whole[t] = ps
			} else {
				delete(x.whole, t)
			}
			continue
		}
		if ps := drop(x.words[t.Text]); len(ps) > 0 {
			x.words[t.Text] = ps
		} else {
			delete(x.words, t.Text)
			x.keys.Delete(t.Text)
		}
	}
	n.names = nil
}

// scan calls visit with every word key that begins with prefix, and its
// actors, until visit returns false.
func (x *nameIndex) scan(prefix string, visit func(key string, ns []*node) bool) {
	x.keys.AscendGreaterOrEqual(prefix, func(k string) bool {
		return strings.HasPrefix(k, prefix) && visit(k, x.words[k])
	})
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
		for _, n := range x.whole[t] {
			if w.Stop() {
				return nil, w.Err()
			}
			if fresh(n) {
				score(n)
			}
		}
	}
	// Prefixes: every actor found here and not above scores
	// search.ScorePrefix, so only the first by name need scoring.
	if len(hits) < q.First {
		// Short prefixes match tens of thousands of postings: keep only
		// the first need of them by name, without a map of all.
		need := q.First - len(hits)
		var top []hit // sorted, at most need
		for _, p := range query.Prefixes() {
			x.scan(p, func(_ string, ns []*node) bool {
				for _, n := range ns {
					if w.Stop() {
						return false
					}
					h := hit{store.SearchHit{Actor: n.actor, Score: search.ScorePrefix}, n}
					if len(top) == need && compareHits(h, top[need-1]) >= 0 || seen[n] || (kinds != nil && !kinds[n.actor.Kind]) {
						continue
					}
					i, dup := slices.BinarySearchFunc(top, h, compareHits)
					if dup {
						continue
					}
					top = slices.Insert(top, i, h)
					if len(top) > need {
						top = top[:need]
					}
				}
				return true
			})
		}
		if err := w.Err(); err != nil {
			return nil, err
		}
		for _, h := range top {
			seen[h.n] = true // the fuzzy tier runs only when these are all
			score(h.n)
		}
	}
	// Typos: the word keys within the edits allowed, ranked by the fewest
	// edits an actor's keys need.
	if len(hits) < q.First {
		near := map[*node]float64{}
		seek := func(from string) (k string, ok bool) {
			if w.Stop() {
				return "", false
			}
			x.keys.AscendGreaterOrEqual(from, func(key string) bool {
				k, ok = key, true
				return false
			})
			return k, ok
		}
		query.ScanNear(seek, func(k string, edits int) {
			sc := search.ScoreFuzzy1
			if edits == 2 {
				sc = search.ScoreFuzzy2
			}
			for _, n := range x.words[k] {
				if w.Stop() {
					return
				}
				if b, ok := near[n]; ok || fresh(n) {
					near[n] = max(b, sc)
				}
			}
		})
		if err := w.Err(); err != nil {
			return nil, err
		}
		found := make([]hit, 0, len(near))
		for n, sc := range near {
			found = append(found, hit{store.SearchHit{Actor: n.actor, Score: sc}, n})
		}
		for _, h := range first(found, q.First-len(hits)) {
			score(h.n)
		}
	}
	hits = first(hits, q.First)
	out := make([]store.SearchHit, len(hits))
	for i, h := range hits {
		out[i] = h.SearchHit
	}
	return out, nil
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
