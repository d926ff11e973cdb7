package embedded

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/google/btree"

	"github.com/ecograph/ecograph/internal/store"
)

// The search tiers: how well a name matched the text.
const (
	scoreExact     = 1.0
	scorePrefix    = 0.75
	scoreSubstring = 0.5
)

// Search matches text against every actor's Name, Names and Aliases,
// lower-cased. An actor's Name needs no index of its own: its lower-cased
// form is store.SortKey, the key of memory.byName, which is thereby also
// in the order search results take. nameIndex holds the other names.

// nameIndex finds actors by their Names and Aliases, lower-cased: a map
// for exact matches and the same keys in order for prefix matches.
type nameIndex struct {
	postings map[string][]posting
	keys     *btree.BTreeG[string]
}

// posting is one name of one actor. rank is where the name stands among
// the actor's names (Name is 0, then Names, then Aliases): on a tie the
// earliest name is the one reported.
type posting struct {
	n    *node
	rank int
	name string
}

func newNameIndex() *nameIndex {
	return &nameIndex{postings: map[string][]posting{}, keys: btree.NewG(btreeDegree, func(a, b string) bool { return a < b })}
}

// otherNames lists an actor's names other than Name, in rank order.
func otherNames(a *store.Actor) []string {
	names := make([]string, 0, len(a.Names)+len(a.Aliases))
	for _, n := range a.Names {
		names = append(names, n.Value)
	}
	return append(names, a.Aliases...)
}

func (x *nameIndex) add(n *node) {
	for i, name := range otherNames(n.actor) {
		k := strings.ToLower(name)
		ps, ok := x.postings[k]
		if !ok {
			x.keys.ReplaceOrInsert(k)
		}
		x.postings[k] = append(ps, posting{n: n, rank: 1 + i, name: name})
	}
}

// remove removes the names a gave node n.
func (x *nameIndex) remove(a *store.Actor, n *node) {
	for _, name := range otherNames(a) {
		k := strings.ToLower(name)
		ps, ok := x.postings[k]
		if !ok {
			continue
		}
		kept := slices.DeleteFunc(ps, func(p posting) bool { return p.n == n })
		if len(kept) == 0 {
			delete(x.postings, k)
			x.keys.Delete(k)
		} else {
			x.postings[k] = kept
		}
	}
}

// hit is the best match found so far for one actor.
type hit struct {
	score float64
	rank  int
	name  string
}

// Search finds actors whose Name, Names or Aliases match q.Text, ignoring
// case (strings.ToLower) and the spaces around the text: an exact match
// scores 1.0, a prefix 0.75 and a substring 0.5. Each actor appears once,
// with its best match (on a tie, the earliest of Name, Names, Aliases),
// and Matched is that name as stored. Hits come best first, then by
// SortKey(name) and id; at most q.First of them, of the kinds q.Kinds
// names (all when empty). An empty text is invalid.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]store.SearchHit, error) {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	if text == "" {
		return nil, store.Invalid("text", "must not be empty")
	}
	kinds, err := kindSet(q.Kinds)
	if err != nil {
		return nil, err
	}
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if q.First <= 0 {
		return []store.SearchHit{}, nil
	}

	best := map[*node]hit{}
	consider := func(n *node, score float64, rank int, name string) {
		if kinds != nil && !kinds[n.actor.Kind] {
			return
		}
		b, ok := best[n]
		if !ok || score > b.score || (score == b.score && rank < b.rank) {
			best[n] = hit{score: score, rank: rank, name: name}
		}
	}
	others := func(k string, score float64) {
		for _, p := range m.names.postings[k] {
			consider(p.n, score, p.rank, p.name)
		}
	}
	// names calls visit with the actors whose Name starts with text, in
	// the order of results, until visit returns false.
	names := func(visit func(n *node) bool) {
		m.byName.AscendGreaterOrEqual(actorItem{key: text}, func(it actorItem) bool {
			return strings.HasPrefix(it.key, text) && visit(it.n)
		})
	}

	names(func(n *node) bool {
		if n.key != text {
			return false
		}
		consider(n, scoreExact, 0, n.actor.Name)
		return true
	})
	others(text, scoreExact)
	m.names.keys.AscendGreaterOrEqual(text, func(k string) bool {
		if !strings.HasPrefix(k, text) {
			return false
		}
		if k != text {
			others(k, scorePrefix)
		}
		return true
	})
	// Prefixes of Name come in the order of results: past the first
	// q.First of them, none can make the cut.
	taken := 0
	names(func(n *node) bool {
		if b, ok := best[n]; n.key == text || (ok && b.score == scoreExact) || (kinds != nil && !kinds[n.actor.Kind]) {
			return true
		}
		consider(n, scorePrefix, 0, n.actor.Name)
		taken++
		return taken < q.First
	})
	// A substring match ranks below every exact and prefix match, so the
	// scan is needed only when those leave room.
	if len(best) < q.First {
		inside := func(k string) bool {
			return len(k) > len(text) && !strings.HasPrefix(k, text) && strings.Contains(k, text)
		}
		m.byName.Ascend(func(it actorItem) bool {
			if inside(it.key) {
				consider(it.n, scoreSubstring, 0, it.n.actor.Name)
			}
			return true
		})
		m.names.keys.Ascend(func(k string) bool {
			if inside(k) {
				others(k, scoreSubstring)
			}
			return true
		})
	}
	return ranked(best, q.First), nil
}

// ranked returns the first hits in the order of results.
func ranked(best map[*node]hit, first int) []store.SearchHit {
	type ranked struct {
		hit store.SearchHit
		key string // the actor's SortKey
	}
	hits := make([]ranked, 0, len(best))
	for n, h := range best {
		hits = append(hits, ranked{store.SearchHit{Actor: n.actor, Score: h.score, Matched: h.name}, n.key})
	}
	order := func(a, b ranked) int {
		if c := cmp.Compare(b.hit.Score, a.hit.Score); c != 0 {
			return c
		}
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.hit.Actor.ID, b.hit.Actor.ID)
	}
	if len(hits) > first {
		hits = smallest(hits, first, order)
	}
	slices.SortFunc(hits, order)
	out := make([]store.SearchHit, len(hits))
	for i, h := range hits {
		out[i] = h.hit
	}
	return out
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
