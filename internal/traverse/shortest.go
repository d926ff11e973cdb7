package traverse

import (
	"math"

	"github.com/ecograph/ecograph/internal/store"
)

// ShortestPath returns a path with the fewest relations from one actor to
// another, and false when no path of at most q.MaxLength relations exists.
//
// Of all the shortest paths it returns the one whose sequence of actor ids
// is smallest, comparing ids element by element; of those, the one whose
// sequence of relation ids is smallest, which is to say that at each step it
// takes the smallest id among the parallel relations joining the same two
// actors. A path from an actor to itself is that actor alone, with no
// relations.
//
// It searches from both ends at once, one hop at a time, always widening the
// side whose last hop has fewer relations to read, and stops where the two
// searches meet; it then keeps, of the actors seen, those on a shortest
// path, and walks greedily through them from from. It reads only the part of
// the graph that the distance between the two actors requires.
func ShortestPath(g Graph, from, to string, q store.PathQuery) (Result, bool) {
	if from == to {
		return Result{Actors: []string{from}}, true
	}
	follows := follower(g, q.Types, q.Kinds, q.AsOf, from, to)
	stop := stopper(g)
	fwd, bwd := newBall(from), newBall(to)
	for fwd.radius()+bwd.radius() < q.MaxLength {
		grow, other := fwd, bwd
		if fewer(g, bwd.rim(), fwd.rim()) {
			grow, other = bwd, fwd
		}
		prefetch(g, grow.rim())
		switch grow.widen(g, follows, other, stop) {
		case exhausted:
			return Result{}, false // one side's component holds no path
		case met:
			p := newShortestPaths(g, follows, stop, fwd, bwd)
			return p.smallest(from), true
		}
	}
	return Result{}, false
}

// ball is the part of the graph a breadth-first search from one actor has
// seen: the actors at each distance from it up to its radius, where the
// last layer is partial when the search stopped as it met the other.
type ball struct {
	dist    map[string]int
	layers  [][]string
	partial bool
}

func newBall(center string) *ball {
	return &ball{dist: map[string]int{center: 0}, layers: [][]string{{center}}}
}

func (b *ball) radius() int { return len(b.layers) - 1 }

// rim is the last layer, whose relations widening reads.
func (b *ball) rim() []string { return b.layers[len(b.layers)-1] }

// full is the radius within which the ball holds every actor.
func (b *ball) full() int {
	if b.partial {
		return b.radius() - 1
	}
	return b.radius()
}

// at reports whether the ball holds id at distance r.
func (b *ball) at(id string, r int) bool {
	got, ok := b.dist[id]
	return ok && got == r
}

// degree counts the relations of ids, or returns some number above limit
// when they are more.
func degree(g Graph, ids []string, limit int) int {
	n := 0
	for _, id := range ids {
		if n += degreeOf(g, id); n > limit {
			break
		}
	}
	return n
}

// fewer reports whether the actors of a have fewer relations than those of
// b, counting all of the shorter list's and as few of the other's as it can.
func fewer(g Graph, a, b []string) bool {
	if len(a) <= len(b) {
		n := degree(g, a, math.MaxInt)
		return n < degree(g, b, n)
	}
	n := degree(g, b, math.MaxInt)
	return degree(g, a, n) < n
}

// What widening a ball found.
const (
	grown     = iota // a new layer
	exhausted        // nothing new: the ball is its centre's whole component
	met              // an actor of the other ball, where widening stopped
)

// widen adds the next layer. It stops at the first actor that other holds:
// with the radii r and o, no path is shorter than r+o, or the balls would
// have met before, and that actor is on a path of r+o.
func (b *ball) widen(g Graph, follows func(Edge) bool, other *ball, stop func() bool) int {
	r := b.radius() + 1
	var next []string
	for _, id := range b.rim() {
		for _, e := range g.Edges(id) {
			if stop() {
				return exhausted // the caller discards the answer
			}
			if !follows(e) {
				continue
			}
			if _, seen := b.dist[e.Other]; seen {
				continue
			}
			b.dist[e.Other] = r
			next = append(next, e.Other)
			if _, in := other.dist[e.Other]; in {
				b.layers, b.partial = append(b.layers, next), true
				return met
			}
		}
	}
	b.layers = append(b.layers, next)
	if len(next) == 0 {
		return exhausted
	}
	return grown
}

// shortestPaths tells which actors lie on a shortest path between the
// centres of fwd and bwd, d apart, once the balls have met. With ff and bf
// the radii they fully hold, ff+bf = d-1, for the side that widened last
// stopped early. An actor j steps from from lies on a shortest path when it
// is j from from and d-j from to. From step ff+1 on, bwd knows the second,
// and an actor next to one on a shortest path at step j-1 is at most j from
// from, and at least j, or from and to would be closer: so it lies on one
// when bwd holds it at d-j. Before, fwd knows the first, and the steps are
// worked out from step ff back to step 1: an actor does when fwd holds it
// at j and it has a neighbour on a shortest path at step j+1.
type shortestPaths struct {
	g        Graph
	follows  func(Edge) bool
	stop     func() bool
	fwd, bwd *ball
	d, ff    int
	step     map[string]int // the actors on shortest paths at steps 1..ff
	steps    [][]string     // the same, by step
}

func newShortestPaths(g Graph, follows func(Edge) bool, stop func() bool, fwd, bwd *ball) *shortestPaths {
	p := &shortestPaths{g: g, follows: follows, stop: stop, fwd: fwd, bwd: bwd, d: fwd.radius() + bwd.radius(), ff: fwd.full()}
	p.step = map[string]int{}
	p.steps = make([][]string, p.ff+1)
	for j := p.ff; j >= 1 && !stop(); j-- {
		var ids []string
		if j == p.ff {
			bf := bwd.full()
			ids = p.linked(fwd.layers[j], func(id string) bool { return bwd.at(id, bf) },
				bwd.layers[bf], func(id string) bool { return fwd.at(id, j) })
		} else {
			ids = p.linked(fwd.layers[j], func(id string) bool { return p.step[id] == j+1 },
				p.steps[j+1], func(id string) bool { return fwd.at(id, j) })
		}
		for _, id := range ids {
			p.step[id] = j
		}
		p.steps[j] = ids
	}
	return p
}

// linked returns the actors of near that have a neighbour in far, where
// isFar and isNear test membership. It reads the relations of whichever
// list has fewer.
func (p *shortestPaths) linked(near []string, isFar func(string) bool, far []string, isNear func(string) bool) []string {
	var out []string
	if !fewer(p.g, far, near) {
		prefetch(p.g, near)
		for _, id := range near {
			for _, e := range p.g.Edges(id) {
				if p.stop() {
					return out
				}
				if p.follows(e) && isFar(e.Other) {
					out = append(out, id)
					break
				}
			}
		}
		return out
	}
	prefetch(p.g, far)
	added := map[string]bool{}
	for _, id := range far {
		for _, e := range p.g.Edges(id) {
			if p.stop() {
				return out
			}
			if p.follows(e) && !added[e.Other] && isNear(e.Other) {
				added[e.Other] = true
				out = append(out, e.Other)
			}
		}
	}
	return out
}

// on returns the actors that may come at step j of a shortest path, all of
// them or, past ff, a superset, and tests whether one is on a shortest path
// next to one at step j-1.
func (p *shortestPaths) on(j int) ([]string, func(string) bool) {
	if j <= p.ff {
		return p.steps[j], func(id string) bool { return p.step[id] == j }
	}
	return p.bwd.layers[p.d-j], func(id string) bool { return p.bwd.at(id, p.d-j) }
}

// smallest walks from from, each step to the smallest next actor id on a
// shortest path, along the smallest relation id joining the two. Every
// actor on a shortest path leads on to the end, so the greedy choice gives
// the smallest sequence.
func (p *shortestPaths) smallest(from string) Result {
	res := Result{Actors: make([]string, 1, p.d+1), Relations: make([]string, 0, p.d)}
	res.Actors[0] = from
	at := from
	for j := 1; j <= p.d && !p.stop(); j++ {
		var next, rel string
		better := func(id, r string) bool {
			return next == "" || id < next || id == next && r < rel
		}
		cands, isOn := p.on(j)
		if fewer(p.g, cands, []string{at}) {
			// Fewer relations to read from the other side: a hub's step.
			prefetch(p.g, cands)
			for _, id := range cands {
				if p.stop() {
					return res
				}
				for _, e := range p.g.Edges(id) {
					if e.Other == at && p.follows(e) && better(id, e.RelationID) {
						next, rel = id, e.RelationID
					}
				}
			}
		} else {
			prefetch(p.g, []string{at})
			for _, e := range p.g.Edges(at) {
				if p.follows(e) && better(e.Other, e.RelationID) && isOn(e.Other) {
					next, rel = e.Other, e.RelationID
				}
			}
		}
		res.Actors = append(res.Actors, next)
		res.Relations = append(res.Relations, rel)
		at = next
	}
	return res
}
