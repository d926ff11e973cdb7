package embedded

import (
	"math/bits"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/traverse"
)

// inHood marks an actor a neighbourhood holds.
const inHood = 1

// neighborhood is traverse.Neighborhood on slots: the same answer (the
// property tests compare the two), read differently.
//
// A hop keeps the first room new actors by (sort key, id). Each part of
// an actor's edges is sorted by type, then by the far end's sort key and
// id (adjacency.go), so each followed type's run of it is in that order
// already: the hop merges the runs of the level's actors and stops at the
// first new actor past room, having read some room entries of each run
// rather than every edge of a hub. The relations among the actors kept
// are then read from the end with fewer edges (relationsAmong).
//
// It returns the actors, center first, the relations, sorted by id, and
// whether the limit or the relations' cap (4*q.Limit) cut some. When stop
// says so it returns at once what it holds, which the caller discards.
func (m *memory) neighborhood(center *node, q store.NeighborhoodQuery, stop func() bool) ([]*node, []*store.Relation, bool) {
	f := newFilter(m, q.Types, q.Kinds, q.AsOf, center)
	k := m.marks()
	defer putMarks(k)
	k.set(center.slot, inHood)
	actors := []*node{center}
	level := actors
	truncated := false
	var runs runHeap
	for hop := 1; hop <= q.Depth && len(level) > 0; hop++ {
		room := q.Limit - len(actors)
		runs = runs[:0]
		for _, n := range level {
			runs = f.segments(n.out(), runs)
			runs = f.segments(n.in(), runs)
		}
		runs.init()
		start := len(actors)
		for len(runs) > 0 {
			if stop() {
				return actors, nil, truncated
			}
			e := &runs[0][0]
			runs.advance()
			if k.get(e.OtherSlot)&inHood != 0 || !f.leadsOn(e) {
				continue
			}
			if len(actors)-start >= room {
				truncated = true
				break
			}
			k.set(e.OtherSlot, inHood)
			actors = append(actors, m.slots[e.OtherSlot])
		}
		level = actors[start:]
		if truncated {
			break
		}
	}
	refs := m.relationsAmong(f, k, actors, stop)
	rels := refs
	if limit := 4 * q.Limit; len(rels) > limit {
		rels = rels[:max(limit, 0)]
		truncated = true
	}
	// The ids were gathered in the marks' list, which the next walk
	// reuses once the marks are given back: the relations are found now.
	out := make([]*store.Relation, len(rels))
	for i := range rels {
		out[i] = m.relations[rels[i].id]
	}
	clear(refs)
	if cap(refs) <= maxIDs {
		k.refs = refs[:0]
	}
	return actors, out, truncated
}

// relRef is a relation that relationsAmong keeps: its id, and the id's
// first eight bytes as a number (zeros past its end), which orders most
// pairs of ids without reading their bytes again. Sorting the 800 ids of
// a 2-hop neighbourhood as strings took a sixth of the walk (issue 14,
// fifth pass).
type relRef struct {
	head uint64
	id   string
}

// headOf is the first eight bytes of id, big-endian, so that heads order
// as the ids' beginnings do; ids with the same head are compared whole.
func headOf(id string) uint64 {
	if len(id) >= 8 {
		_ = id[7]
		return uint64(id[0])<<56 | uint64(id[1])<<48 | uint64(id[2])<<40 | uint64(id[3])<<32 |
			uint64(id[4])<<24 | uint64(id[5])<<16 | uint64(id[6])<<8 | uint64(id[7])
	}
	var h uint64
	for i := range 8 {
		h <<= 8
		if i < len(id) {
			h |= uint64(id[i])
		}
	}
	return h
}

func compareRefs(a, b relRef) int {
	if a.head != b.head {
		if a.head < b.head {
			return -1
		}
		return 1
	}
	return strings.Compare(a.id, b.id)
}

// runHeap is a min-heap of runs of edges, each sorted by the far end's
// (sort key, id), ordered by their first edges.
type runHeap [][]traverse.Edge

func compareFar(a, b *traverse.Edge) int {
	if a.OtherSlot == b.OtherSlot {
		return 0
	}
	if c := strings.Compare(a.OtherKey, b.OtherKey); c != 0 {
		return c
	}
	return strings.Compare(a.Other, b.Other)
}

func (h runHeap) less(i, j int) bool { return compareFar(&h[i][0], &h[j][0]) < 0 }

func (h runHeap) init() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h runHeap) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		j := l
		if r := l + 1; r < len(h) && h.less(r, l) {
			j = r
		}
		if !h.less(j, i) {
			return
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
}

// advance drops the least run's first edge, and the run once empty.
func (h *runHeap) advance() {
	r := *h
	if r[0] = r[0][1:]; len(r[0]) == 0 {
		last := len(r) - 1
		r[0] = r[last]
		r = r[:last]
		*h = r
	}
	if len(r) > 0 {
		r.down(0)
	}
}

// relationsAmong returns the relations the walk follows whose two ends
// are among actors (marked inHood in k), sorted by id. Each relation is
// taken from the end that ranks lower by (number of edges, slot): an
// actor reads its edges, or, when it has more edges than there are
// actors, and fewer of them rank above it than its edges would cost to
// read, looks for each of those in its runs by binary search. The actor
// that ranks highest, a country of 10,000 relations say, is read not at
// all.
//
// Each actor's mark is rewritten to its place in actors plus one, so
// that an edge's far end is ranked against the actor from the marks and
// a list of their edge counts, without reading the far end's node; and
// each actor's bit is set in the marks' bits, which the edges are tested
// against first.
func (m *memory) relationsAmong(f *filter, k *marks, actors []*node, stop func() bool) []relRef {
	rels := k.refs[:0]
	ranked := len(actors) < markMask
	var degrees []int32
	if ranked {
		degrees = k.slots(len(actors))[:len(actors)]
		k.bitsFor(len(m.slots))
		for i, a := range actors {
			k.set(a.slot, uint32(i+1))
			k.bits[a.slot>>6] |= 1 << (a.slot & 63)
			degrees[i] = int32(len(a.edges))
		}
		defer func() {
			for _, a := range actors {
				k.bits[a.slot>>6] = 0
			}
		}()
	}
	var segs [][]traverse.Edge
	var above []*node
	for _, a := range actors {
		if len(a.edges) > len(actors) {
			above = above[:0]
			for _, b := range actors {
				if below(a, b) {
					above = append(above, b)
				}
			}
			segs = f.segments(a.out(), segs[:0])
			segs = f.segments(a.in(), segs)
			// A probe, a binary search of string comparisons, costs
			// about as much as a few edges read in order.
			if probes := 4 * len(above) * len(segs) * bits.Len(uint(len(a.edges))); probes < len(a.edges) {
				for _, b := range above {
					if stop() {
						return nil
					}
					for _, s := range segs {
						rels = appendTo(rels, f, s, b)
					}
				}
				continue
			}
		}
		if !ranked {
			for i, o := range a.far {
				if stop() {
					return nil
				}
				if k.get(o)&inHood != 0 && below(a, m.slots[o]) && f.follows(&a.edges[i]) {
					rels = append(rels, relRef{id: a.edges[i].RelationID})
				}
			}
			continue
		}
		deg := int32(len(a.edges))
		for i, o := range a.far {
			if stop() {
				return nil
			}
			// Most edges lead out of the neighbourhood: the bits, an
			// eighth of a cache line per 512 actors, say so without
			// reading the marks, 4 bytes an actor.
			if k.bits[o>>6]&(1<<(o&63)) == 0 {
				continue
			}
			v := k.get(o)
			if d := degrees[v-1]; (deg < d || deg == d && a.slot < o) && f.follows(&a.edges[i]) {
				rels = append(rels, relRef{id: a.edges[i].RelationID})
			}
		}
	}
	// The heads are read in a pass of their own, whose loads (an id's
	// bytes, far from its edge) do not wait on one another.
	for i := range rels {
		rels[i].head = headOf(rels[i].id)
	}
	slices.SortFunc(rels, compareRefs)
	return rels
}

// below reports whether a ranks below b by (number of edges, slot).
func below(a, b *node) bool {
	if len(a.edges) != len(b.edges) {
		return len(a.edges) < len(b.edges)
	}
	return a.slot < b.slot
}

// appendTo appends the ids of the relations of run s (of a followed type,
// sorted by the far end) that lead to b and that the walk follows.
func appendTo(rels []relRef, f *filter, s []traverse.Edge, b *node) []relRef {
	j, _ := slices.BinarySearchFunc(s, b, func(e traverse.Edge, b *node) int {
		if c := strings.Compare(e.OtherKey, b.key); c != 0 {
			return c
		}
		return strings.Compare(e.Other, b.actor.ID)
	})
	for ; j < len(s) && s[j].OtherSlot == b.slot; j++ {
		if f.leadsOn(&s[j]) {
			rels = append(rels, relRef{id: s[j].RelationID})
		}
	}
	return rels
}
