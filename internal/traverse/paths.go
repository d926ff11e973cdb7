package traverse

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// pathSteps caps the work of one Paths call: relations looked at while
// enumerating, not counting the breadth-first search that bounds it.
const pathSteps = 1_000_000

// Paths returns up to first simple paths from one actor to another: walks
// of 1 to q.MaxLength relations that visit no actor twice. Parallel
// relations between the same two actors make distinct paths.
//
// The paths are ordered by length, then by their sequence of actor ids,
// then by their sequence of relation ids, both compared element by element,
// and Paths returns the first ones in that order. A path from an actor to
// itself has no relations, so from == to gives none.
//
// Some graphs hold astronomically many simple paths, most of them long
// detours. The enumeration skips every actor too far from to to finish
// within the length, as a breadth-first search from to out to half of
// q.MaxLength tells, and gives up after about a million relations looked at.
// It then returns the paths found so far, which are still the first ones in
// the order above, only fewer than first.
//
// The bool reports that the answer may leave out paths within the length:
// more than first exist, or the work cap stopped the search.
func Paths(g Graph, from, to string, q store.PathQuery, first int) ([]Result, bool) {
	found, gaveUp := paths(g, from, to, q, first+1, pathSteps)
	if len(found) > first {
		return found[:first], true
	}
	return found, gaveUp
}

// paths is Paths with the work cap as a parameter, so that tests can reach
// it; the bool reports that the cap stopped it.
func paths(g Graph, from, to string, q store.PathQuery, first, budget int) ([]Result, bool) {
	if from == to || first <= 0 {
		return nil, false
	}
	follows := follower(g, q.Types, q.Kinds, q.AsOf, from, to)
	stop := stopper(g)
	// Searching out to MaxLength-1 would bound every step exactly, but with
	// hubs that reaches most of the graph; half of it prunes the last half
	// of each path, where the choices multiply, for a sliver of the cost.
	reach := q.MaxLength / 2
	e := &enumeration{
		g:       g,
		follows: follows,
		stop:    stop,
		from:    from,
		to:      to,
		first:   first,
		budget:  budget,
		reach:   reach,
		dist:    distances(g, to, follows, reach, stop),
		hops:    make([]map[string][]hop, reach+2),
		visited: map[string]bool{from: true},
	}
	for e.length = 1; e.length <= q.MaxLength && !e.done(); e.length++ {
		e.extend(from)
	}
	return e.found, e.budget <= 0
}

// distances returns the distance from center of every actor at most max
// relations away.
func distances(g Graph, center string, follows func(Edge) bool, max int, stop func() bool) map[string]int {
	dist := map[string]int{center: 0}
	layer := []string{center}
	for r := 1; r <= max && len(layer) > 0; r++ {
		var next []string
		prefetch(g, layer)
		for _, id := range layer {
			for _, e := range g.Edges(id) {
				if stop() {
					return dist
				}
				if _, seen := dist[e.Other]; !seen && follows(e) {
					dist[e.Other] = r
					next = append(next, e.Other)
				}
			}
		}
		layer = next
	}
	return dist
}

// hop is a step from one actor to a neighbour, by any of the parallel
// relations rels (sorted) that join them.
type hop struct {
	to   string
	rels []string
}

// enumeration is one Paths call's depth-first search for paths of one
// length at a time.
type enumeration struct {
	g       Graph
	follows func(Edge) bool
	stop    func() bool // the Graph's Stopped: ends the search early
	from    string
	to      string
	first   int
	budget  int
	reach   int
	dist    map[string]int     // distance to to, where at most reach
	hops    []map[string][]hop // by left: each actor's hops that leave a path possible, once built
	length  int                // the length of the paths searched now

	visited map[string]bool // the actors on the current path
	actors  []string        // the current path after from
	steps   []hop           // the current path's hops
	found   []Result
}

func (e *enumeration) done() bool { return len(e.found) >= e.first || e.budget <= 0 || e.stop() }

// extend tries every way to finish the current path, which ends at id, with
// paths of e.length relations, in order.
func (e *enumeration) extend(id string) {
	used := len(e.steps)
	left := e.length - used - 1 // relations left after the next
	for _, h := range e.hopsOf(id, left) {
		if e.done() {
			return
		}
		e.budget--
		if e.visited[h.to] {
			continue
		}
		if h.to == e.to {
			if used+1 == e.length {
				e.emit(h)
			}
			continue
		}
		e.visited[h.to] = true
		e.actors = append(e.actors, h.to)
		e.steps = append(e.steps, h)
		e.extend(h.to)
		e.steps = e.steps[:used]
		e.actors = e.actors[:used]
		delete(e.visited, h.to)
	}
}

// emit records the paths along the current actors and then h, one per
// choice of parallel relations, in order of their relation ids.
func (e *enumeration) emit(last hop) {
	steps := append(slices.Clip(e.steps), last)
	actors := make([]string, 0, len(steps)+1)
	actors = append(actors, e.from)
	actors = append(actors, e.actors...)
	actors = append(actors, last.to)
	pick := make([]int, len(steps)) // which parallel relation each step takes
	for !e.done() {
		rels := make([]string, len(steps))
		for i, s := range steps {
			rels[i] = s.rels[pick[i]]
		}
		e.found = append(e.found, Result{Actors: slices.Clone(actors), Relations: rels})
		// Advance the last step fastest, as an odometer does.
		i := len(steps) - 1
		for ; i >= 0; i-- {
			if pick[i]++; pick[i] < len(steps[i].rels) {
				break
			}
			pick[i] = 0
		}
		if i < 0 {
			return
		}
	}
}

// bound is the fewest relations from id to to: exact within reach, and
// more than reach beyond.
func (e *enumeration) bound(id string) int {
	if d, ok := e.dist[id]; ok {
		return d
	}
	return e.reach + 1
}

// hopsOf returns the hops from id along followed relations to actors at
// most left relations from to, as far as bound knows, ordered by neighbour
// id. It builds each list once per call.
func (e *enumeration) hopsOf(id string, left int) []hop {
	left = min(left, e.reach+1) // bound says no more
	if e.hops[left] == nil {
		e.hops[left] = map[string][]hop{}
	}
	if hs, ok := e.hops[left][id]; ok {
		return hs
	}
	type rel struct{ other, id string }
	var rels []rel
	edges := e.g.Edges(id)
	e.budget -= len(edges)
	for _, ed := range edges {
		if e.follows(ed) && e.bound(ed.Other) <= left {
			rels = append(rels, rel{ed.Other, ed.RelationID})
		}
	}
	slices.SortFunc(rels, func(a, b rel) int {
		return cmp.Or(strings.Compare(a.other, b.other), strings.Compare(a.id, b.id))
	})
	var hs []hop
	for _, r := range rels {
		if n := len(hs); n > 0 && hs[n-1].to == r.other {
			hs[n-1].rels = append(hs[n-1].rels, r.id)
		} else {
			hs = append(hs, hop{to: r.other, rels: []string{r.id}})
		}
	}
	e.hops[left][id] = hs
	return hs
}
