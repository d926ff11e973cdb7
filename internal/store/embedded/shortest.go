package embedded

import (
	"math"

	"github.com/ecograph/ecograph/internal/store"
)

// shortestPath is traverse.ShortestPath on slots: the same search from
// both ends, the same choice of side by degrees, the same greedy walk
// through the actors on shortest paths, step for step, with the maps of
// ids (distances, steps) replaced by one marks word per actor. It
// returns the path's actors and relations' ids, and false when there is
// none of at most q.MaxLength relations. q.MaxLength must be at most
// maxMarkedDist; the walk returns at once when stop says so, with an
// answer the caller discards.
func (m *memory) shortestPath(from, to *node, q store.PathQuery, stop func() bool) ([]*node, []string, bool) {
	if from == to {
		return []*node{from}, nil, true
	}
	k := m.marks()
	defer putMarks(k)
	w := &pathWalk{m: m, f: newFilter(m, q.Types, q.Kinds, q.AsOf, from, to), k: k, stop: stop}
	fwd := w.newBall(fwdShift, from)
	bwd := w.newBall(bwdShift, to)
	for fwd.radius()+bwd.radius() < q.MaxLength {
		grow, other := fwd, bwd
		if w.fewer(bwd.rim(), fwd.rim()) {
			grow, other = bwd, fwd
		}
		switch grow.widen(other) {
		case exhausted:
			return nil, nil, false
		case met:
			w.onPaths(fwd, bwd)
			return w.smallest(from)
		}
	}
	return nil, nil, false
}

// A shortest path's marks word holds, for each side, the actor's
// distance from that side's end plus one (0: not reached), in distBits
// bits, and onPath once the actor is known to lie on a shortest path.
const (
	distBits      = 5
	distMask      = 1<<distBits - 1
	fwdShift      = 0
	bwdShift      = distBits
	onPath        = 1 << (2 * distBits)
	maxMarkedDist = distMask - 1
)

// pathWalk is one shortest path's search.
type pathWalk struct {
	m    *memory
	f    *filter
	k    *marks
	stop func() bool

	fwd, bwd *slotBall
	d, ff    int
	steps    [][]int32 // the actors on shortest paths at steps 1..ff
}

// slotBall is traverse's ball: the actors at each distance from one end
// up to its radius, the last layer partial when the search stopped as it
// met the other; the distances are in the marks, at shift.
type slotBall struct {
	w       *pathWalk
	shift   uint
	layers  [][]int32
	partial bool
}

// What widening a ball found, as in traverse.
const (
	grown = iota
	exhausted
	met
)

func (w *pathWalk) newBall(shift uint, center *node) *slotBall {
	b := &slotBall{w: w, shift: shift, layers: [][]int32{{center.slot}}}
	b.setDist(center.slot, 0)
	return b
}

// dist is s's distance from the ball's centre, and -1 when the ball does
// not hold s.
func (b *slotBall) dist(s int32) int {
	return int(b.w.k.get(s)>>b.shift&distMask) - 1
}

func (b *slotBall) setDist(s int32, d int) {
	v := b.w.k.get(s) &^ (distMask << b.shift)
	b.w.k.set(s, v|uint32(d+1)<<b.shift)
}

func (b *slotBall) radius() int            { return len(b.layers) - 1 }
func (b *slotBall) rim() []int32           { return b.layers[len(b.layers)-1] }
func (b *slotBall) at(s int32, r int) bool { return b.dist(s) == r }

func (b *slotBall) full() int {
	if b.partial {
		return b.radius() - 1
	}
	return b.radius()
}

// widen adds the next layer, stopping at the first actor other holds.
func (b *slotBall) widen(other *slotBall) int {
	w := b.w
	r := b.radius() + 1
	// Room for every far end, as the layer may hold most of them (a
	// country's rim): growing it step by step cost a fifth of a walk.
	next := w.k.slots(w.degree(b.rim(), math.MaxInt))
	for _, s := range b.rim() {
		n := w.m.slots[s]
		for i, o := range n.far {
			if w.stop() {
				return exhausted // the caller discards the answer
			}
			if b.dist(o) >= 0 || !w.f.follows(&n.edges[i]) {
				continue
			}
			b.setDist(o, r)
			next = append(next, o)
			if other.dist(o) >= 0 {
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

// degree counts the edges of slots, or returns some number above limit
// when they are more.
func (w *pathWalk) degree(slots []int32, limit int) int {
	n := 0
	for _, s := range slots {
		if n += len(w.m.slots[s].edges); n > limit {
			break
		}
	}
	return n
}

// fewer is traverse's: whether a's actors have fewer edges than b's.
func (w *pathWalk) fewer(a, b []int32) bool {
	if len(a) <= len(b) {
		n := w.degree(a, math.MaxInt)
		return n < w.degree(b, n)
	}
	n := w.degree(b, math.MaxInt)
	return w.degree(a, n) < n
}

// onPaths marks the actors on shortest paths at steps 1..ff, as
// traverse's newShortestPaths finds them: the actors at step j are those
// of fwd's layer j next to one at step j+1, and at step ff those next to
// bwd's last full layer.
func (w *pathWalk) onPaths(fwd, bwd *slotBall) {
	w.fwd, w.bwd = fwd, bwd
	w.d, w.ff = fwd.radius()+bwd.radius(), fwd.full()
	w.steps = make([][]int32, w.ff+1)
	for j := w.ff; j >= 1 && !w.stop(); j-- {
		var ids []int32
		if j == w.ff {
			bf := bwd.full()
			ids = w.linked(fwd.layers[j], func(s int32) bool { return bwd.at(s, bf) }, bwd.layers[bf], j)
		} else {
			ids = w.linked(fwd.layers[j], func(s int32) bool { return w.isStep(s, j+1) }, w.steps[j+1], j)
		}
		w.steps[j] = ids
	}
}

// isStep reports whether s is on a shortest path at step j <= ff.
func (w *pathWalk) isStep(s int32, j int) bool {
	return w.k.get(s)&onPath != 0 && w.fwd.at(s, j)
}

// linked returns the actors of near (fwd's layer j) that have a neighbour
// in far, reading the relations of whichever list has fewer, and marks
// them onPath.
func (w *pathWalk) linked(near []int32, isFar func(int32) bool, far []int32, j int) []int32 {
	var out []int32
	mark := func(s int32) {
		w.k.set(s, w.k.get(s)|onPath)
		out = append(out, s)
	}
	if !w.fewer(far, near) {
		for _, s := range near {
			n := w.m.slots[s]
			for i, o := range n.far {
				if w.stop() {
					return out
				}
				if isFar(o) && w.f.follows(&n.edges[i]) {
					mark(s)
					break
				}
			}
		}
		return out
	}
	for _, s := range far {
		n := w.m.slots[s]
		for i, o := range n.far {
			if w.stop() {
				return out
			}
			// An actor of fwd's layer j is marked onPath only here.
			if w.k.get(o)&onPath == 0 && w.fwd.at(o, j) && w.f.follows(&n.edges[i]) {
				mark(o)
			}
		}
	}
	return out
}

// on returns the actors that may come at step j of a shortest path, all
// of them or, past ff, a superset, and tests whether one is on a
// shortest path next to one at step j-1.
func (w *pathWalk) on(j int) ([]int32, func(int32) bool) {
	if j <= w.ff {
		return w.steps[j], func(s int32) bool { return w.isStep(s, j) }
	}
	return w.bwd.layers[w.d-j], func(s int32) bool { return w.bwd.at(s, w.d-j) }
}

// smallest walks from from, each step to the smallest next actor id on a
// shortest path, along the smallest relation id joining the two, as
// traverse does.
func (w *pathWalk) smallest(from *node) ([]*node, []string, bool) {
	actors := make([]*node, 1, w.d+1)
	actors[0] = from
	rels := make([]string, 0, w.d)
	at := from
	for j := 1; j <= w.d; j++ {
		if w.stop() {
			return actors, rels, true
		}
		var next *node
		var rel string
		better := func(n *node, r string) bool {
			return next == nil || n.actor.ID < next.actor.ID || n == next && r < rel
		}
		cands, isOn := w.on(j)
		if w.fewer(cands, []int32{at.slot}) {
			// Fewer relations to read from the other side: a hub's step.
			for _, s := range cands {
				if w.stop() {
					return actors, rels, true
				}
				n := w.m.slots[s]
				for i, o := range n.far {
					if e := &n.edges[i]; o == at.slot && w.f.follows(e) && better(n, e.RelationID) {
						next, rel = n, e.RelationID
					}
				}
			}
		} else {
			for i, o := range at.far {
				e := &at.edges[i]
				if isOn(o) && w.f.follows(e) {
					if n := w.m.slots[o]; better(n, e.RelationID) {
						next, rel = n, e.RelationID
					}
				}
			}
		}
		if next == nil {
			return actors, rels, true // stopped: discarded
		}
		actors = append(actors, next)
		rels = append(rels, rel)
		at = next
	}
	return actors, rels, true
}
