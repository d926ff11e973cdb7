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

// nameIndex finds actors by any of their names, lower-cased: a map for
// exact matches and the same keys in order for prefix matches.
type nameIndex struct {
	postings map[string][]posting
	keys     *btree.BTreeG[string]
}

// posting is one name of one actor. rank is where the name stands among
// the actor's names (Name first, then Names, then Aliases): on a tie the
// earliest name is the one reported.
type posting struct {
	id   string
	rank int
	name string
}

func newNameIndex() *nameIndex {
	return &nameIndex{postings: map[string][]posting{}, keys: btree.NewG(btreeDegree, func(a, b string) bool { return a < b })}
}

// searchNames lists what search matches an actor by, in rank order.
func searchNames(a *store.Actor) []string {
	names := make([]string, 0, 1+len(a.Names)+len(a.Aliases))
	names = append(names, a.Name)
	for _, n := range a.Names {
		names = append(names, n.Value)
	}
	return append(names, a.Aliases...)
}

func (x *nameIndex) add(a *store.Actor) {
	for rank, name := range searchNames(a) {
		k := strings.ToLower(name)
		ps, ok := x.postings[k]
		if !ok {
			x.keys.ReplaceOrInsert(k)
		}
		x.postings[k] = append(ps, posting{id: a.ID, rank: rank, name: name})
	}
}

func (x *nameIndex) remove(a *store.Actor) {
	for _, name := range searchNames(a) {
		k := strings.ToLower(name)
		ps, ok := x.postings[k]
		if !ok {
			continue
		}
		kept := slices.DeleteFunc(ps, func(p posting) bool { return p.id == a.ID })
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
// case: an exact match scores 1.0, a prefix 0.75 and a substring 0.5. Each
// actor appears once, with its best match (on a tie, the earliest of Name,
// Names, Aliases), and Matched is that name as stored. Hits come best
// first, then by SortKey(name) and id; at most q.First of them, of the
// kinds q.Kinds names (all when empty). An empty text is invalid.
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

	best := map[string]hit{}
	consider := func(k string, score float64) {
		for _, p := range m.names.postings[k] {
			if kinds != nil && !kinds[m.actors[p.id].actor.Kind] {
				continue
			}
			b, ok := best[p.id]
			if !ok || score > b.score || (score == b.score && p.rank < b.rank) {
				best[p.id] = hit{score: score, rank: p.rank, name: p.name}
			}
		}
	}
	consider(text, scoreExact)
	m.names.keys.AscendGreaterOrEqual(text, func(k string) bool {
		if !strings.HasPrefix(k, text) {
			return false
		}
		if k != text {
			consider(k, scorePrefix)
		}
		return true
	})
	// A substring match ranks below every exact and prefix match, so the
	// scan is needed only when those leave room.
	if len(best) < q.First {
		m.names.keys.Ascend(func(k string) bool {
			if len(k) > len(text) && !strings.HasPrefix(k, text) && strings.Contains(k, text) {
				consider(k, scoreSubstring)
			}
			return true
		})
	}

	hits := make([]store.SearchHit, 0, len(best))
	for id, h := range best {
		hits = append(hits, store.SearchHit{Actor: m.actors[id].actor, Score: h.score, Matched: h.name})
	}
	hitOrder := func(a, b store.SearchHit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := strings.Compare(m.actors[a.Actor.ID].key, m.actors[b.Actor.ID].key); c != 0 {
			return c
		}
		return strings.Compare(a.Actor.ID, b.Actor.ID)
	}
	if len(hits) > q.First {
		hits = smallest(hits, q.First, hitOrder)
	}
	slices.SortFunc(hits, hitOrder)
	return hits, nil
}

// smallest returns the n smallest items of s in cmp's order, unsorted,
// without sorting all of s: prefix searches such as "a" match thousands.
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
