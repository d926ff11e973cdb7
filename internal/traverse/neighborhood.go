package traverse

import (
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
	stop := stopper(g)
	res := Result{Actors: []string{center}}

	seen := map[string]bool{center: true}
	unseen := func(id string) bool { return !seen[id] }
	level := []string{center}
	for hop := 1; hop <= q.Depth && len(level) > 0; hop++ {
		prefetch(g, level)
		// The actors first reached at this hop, of which only the first
		// room by name are kept: a hub's thousands of neighbours are
		// mostly dropped with one comparison, not a lookup in seen.
		sel := selector{n: q.Limit - len(res.Actors), keep: unseen}
		for _, id := range level {
			for _, e := range g.Edges(id) {
				if stop() {
					return res
				}
				if follows(e) {
					sel.offer(named{e.OtherKey, e.Other})
				}
			}
		}
		first, more := sel.first()
		level = idsOf(first)
		res.Actors = append(res.Actors, level...)
		if more {
			res.Truncated = true
			break
		}
		if hop < q.Depth {
			// The last hop's actors are not walked from, so they need not
			// be marked seen.
			for _, id := range level {
				seen[id] = true
			}
		}
	}

	res.Relations = relationsAmong(g, res.Actors, follows, stop)
	if limit := 4 * q.Limit; len(res.Relations) > limit {
		res.Relations = res.Relations[:limit:limit]
		res.Truncated = true
	}
	return res
}

// named is an actor with its store.SortKey, as answers are ordered.
type named struct{ key, id string }

func compareNamed(a, b named) int {
	if c := strings.Compare(a.key, b.key); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

func idsOf(ns []named) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.id
	}
	return out
}

// relationsAmong returns the ids of the followed relations with both ends in
// actors, sorted.
func relationsAmong(g Graph, actors []string, follows func(Edge) bool, stop func() bool) []string {
	prefetch(g, actors)
	in := make(map[string]bool, len(actors))
	hub, most := "", -1
	for _, id := range actors {
		in[id] = true
		if n := len(g.Edges(id)); n > most {
			hub, most = id, n
		}
	}
	var rels []string
	for _, id := range actors {
		if id == hub {
			continue // each of its relations among actors is met from the other end
		}
		for _, e := range g.Edges(id) {
			if stop() {
				return nil
			}
			if in[e.Other] && follows(e) {
				rels = append(rels, e.RelationID)
			}
		}
	}
	// Each relation but the hub's is met from both of its ends.
	slices.Sort(rels)
	return slices.Clip(slices.Compact(rels))
}
