package traverse

import "github.com/ecograph/ecograph/internal/store"

// Common returns the actors that a relation the query follows joins to a
// and another joins to b, a and b themselves left out, ordered by
// (store.SortKey of the name, id), at most q.First of them, and whether
// that cut some. It reads the relations of a and b only.
func Common(g Graph, a, b string, q store.NeighborsQuery) ([]string, bool) {
	prefetch(g, []string{a, b})
	follows := follower(g, q.Types, q.Kinds, q.AsOf)
	stop := stopper(g)
	of := func(id string) map[string]string {
		set := map[string]string{}
		for _, e := range g.Edges(id) {
			if stop() {
				break
			}
			if e.Other != a && e.Other != b && follows(e) {
				set[e.Other] = e.OtherKey
			}
		}
		return set
	}
	na, nb := of(a), of(b)
	sel := selector{n: q.First, keep: func(string) bool { return true }}
	for id, key := range na {
		if _, ok := nb[id]; ok {
			sel.offer(named{key, id})
		}
	}
	first, more := sel.first()
	return idsOf(first), more
}
