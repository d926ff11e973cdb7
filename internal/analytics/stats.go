package analytics

import (
	"cmp"
	"context"
	"slices"

	"github.com/ecograph/ecograph/internal/store"
)

// Stats counts what is in a view.
type Stats struct {
	// Actors and Relations are how many of each are in the view;
	// relations are counted one by one, not as links.
	Actors, Relations int
	// Kinds has the number of actors of every kind, in store.Kinds order,
	// none left out.
	Kinds []KindCount
	// CrossBorder counts the relations between actors of two different
	// countries, most first and then by the countries' ids.
	CrossBorder []CrossBorder
}

// KindCount is how many actors of a kind a view has.
type KindCount struct {
	Kind   store.Kind
	Actors int
}

// CrossBorder is how many relations go from actors of one country to
// actors of another, a country counting as its own. From and To are the
// countries' indexes in Network.Actors.
type CrossBorder struct {
	From, To  int32
	Relations int
}

// Stats returns the view's counts.
func (v *View) Stats() Stats { return v.stats.must() }

// StatsContext is Stats, worked out (or waited for) until ctx ends, and
// then ctx's error.
func (v *View) StatsContext(ctx context.Context) (Stats, error) { return v.stats.get(ctx) }

// computeStats works out Stats, stopping when ctx ends.
func (v *View) computeStats(ctx context.Context) (Stats, error) {
	w := store.NewWatch(ctx)
	actors := v.net.Actors
	s := Stats{Actors: len(v.present), Kinds: make([]KindCount, len(store.Kinds))}
	for k, kind := range store.Kinds {
		s.Kinds[k].Kind = kind
	}
	for _, i := range v.present {
		if k := slices.Index(store.Kinds, actors[i].Kind); k >= 0 {
			s.Kinds[k].Actors++
		}
	}
	country := func(a int32) int32 {
		if actors[a].Kind == store.KindCountry {
			return a
		}
		return actors[a].Country
	}
	pairs := map[[2]int32]int{}
	for r := range v.relations() {
		if w.Stop() {
			return Stats{}, w.Err()
		}
		s.Relations++
		from, to := country(r.From), country(r.To)
		if from >= 0 && to >= 0 && from != to {
			pairs[[2]int32{from, to}]++
		}
	}
	s.CrossBorder = make([]CrossBorder, 0, len(pairs))
	for p, n := range pairs {
		s.CrossBorder = append(s.CrossBorder, CrossBorder{From: p[0], To: p[1], Relations: n})
	}
	slices.SortFunc(s.CrossBorder, func(a, b CrossBorder) int {
		return cmp.Or(cmp.Compare(b.Relations, a.Relations), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	return s, nil
}
