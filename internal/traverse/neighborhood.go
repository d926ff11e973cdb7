package traverse

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// Neighborhood returns the actors within q.Depth hops of center and the
// relations among them.
//
// It walks breadth first from center, one hop at a time, up to q.Depth hops,
// along the relations the query follows (see the package comment): an actor
// of a kind not in q.Kinds is neither returned nor walked through, and
// center is always included, whatever its kind.
//
// Result.Actors is center first, then the actors first reached at hop 1
// ordered by (store.SortKey of the name, id), then those of hop 2 in the same
// order, and so on; it holds at most q.Limit actors, and Truncated is set
// when the limit leaves out some actor within q.Depth hops.
//
// Result.Relations holds the id of every followed relation whose two ends are
// both in Result.Actors, whether or not the walk went along it, ordered by
// id; it holds at most 4*q.Limit ids, and Truncated is set when that cap cuts.
//
// Depth 0 gives center alone.
func Neighborhood(g Graph, center string, q store.NeighborhoodQuery) Result {
	follows := follower(g, q.Types, q.Kinds, q.AsOf, center)
	res := Result{Actors: []string{center}}

	seen := map[string]bool{center: true}
	level := []string{center}
	for hop := 1; hop <= q.Depth && len(level) > 0; hop++ {
		var next []string
		prefetch(g, level)
		for _, id := range level {
			for _, e := range g.Edges(id) {
				if seen[e.Other] || !follows(e) {
					continue
				}
				seen[e.Other] = true
				next = append(next, e.Other)
			}
		}
		room := q.Limit - len(res.Actors)
		if len(next) > room {
			res.Truncated = true
			res.Actors = append(res.Actors, firstByName(g, next, room)...)
			break
		}
		res.Actors = append(res.Actors, firstByName(g, next, len(next))...)
		level = next
	}

	res.Relations = relationsAmong(g, res.Actors, follows)
	if limit := 4 * q.Limit; len(res.Relations) > limit {
		res.Relations = res.Relations[:limit:limit]
		res.Truncated = true
	}
	return res
}

// firstByName returns the first n of ids in (SortKey, id) order.
func firstByName(g Graph, ids []string, n int) []string {
	if n <= 0 {
		return nil
	}
	type keyed struct{ key, id string }
	less := func(a, b keyed) int {
		return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.id, b.id))
	}
	var ks []keyed
	if n*4 >= len(ids) {
		ks = make([]keyed, len(ids))
		for i, id := range ids {
			ks[i] = keyed{g.SortKey(id), id}
		}
		slices.SortFunc(ks, less)
		ks = ks[:n]
	} else {
		// A hub's neighbours, of which few are wanted: keep the n smallest
		// sorted as they come rather than sort them all.
		ks = make([]keyed, 0, n+1)
		for _, id := range ids {
			k := keyed{g.SortKey(id), id}
			if len(ks) == n && less(k, ks[n-1]) >= 0 {
				continue
			}
			i, _ := slices.BinarySearchFunc(ks, k, less)
			ks = slices.Insert(ks, i, k)
			if len(ks) > n {
				ks = ks[:n]
			}
		}
	}
	out := make([]string, n)
	for i := range out {
		out[i] = ks[i].id
	}
	return out
}

// relationsAmong returns the ids of the followed relations with both ends in
// actors, sorted.
func relationsAmong(g Graph, actors []string, follows func(Edge) bool) []string {
	prefetch(g, actors)
	in := make(map[string]bool, len(actors))
	hub := ""
	for _, id := range actors {
		in[id] = true
		if hub == "" || len(g.Edges(id)) > len(g.Edges(hub)) {
			hub = id
		}
	}
	var rels []string
	for _, id := range actors {
		if id == hub {
			continue // each of its relations among actors is met from the other end
		}
		for _, e := range g.Edges(id) {
			if in[e.Other] && follows(e) {
				rels = append(rels, e.RelationID)
			}
		}
	}
	// Each relation but the hub's is met from both of its ends.
	slices.Sort(rels)
	return slices.Clip(slices.Compact(rels))
}
