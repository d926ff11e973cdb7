package traverse

import "github.com/ecograph/ecograph/internal/store"

// Common returns the actors that a relation the query follows joins to a
// and another joins to b, a and b themselves left out, ordered by
// (store.SortKey of the name, id), at most q.First of them, and whether
// that cut some. It reads the relations of a and b only.
func Common(g Graph, a, b string, q store.NeighborsQuery) ([]string, bool) {
	prefetch(g, []string{a, b})
	of := func(id string) map[string]bool {
		follows := follower(g, q.Types, q.Kinds, q.AsOf)
		set := map[string]bool{}
		for _, e := range g.Edges(id) {
			if e.Other != a && e.Other != b && follows(e) {
				set[e.Other] = true
			}
		}
		return set
	}
	na, nb := of(a), of(b)
	var both []string
	for id := range na {
		if nb[id] {
			both = append(both, id)
		}
	}
	n := min(len(both), q.First)
	return firstByName(g, both, n), n < len(both)
}
