package embedded

import (
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/traverse"
)

// An actor's relations are one slice of traverse.Edge (node.edges): the
// walks read it whole, and pages of relations read its two parts, the
// relations from the actor (the first nOut) and those to it, each sorted
// by store.RelationKey. An edge carries every field of that key (type,
// the far end's sort key and id, the relation's id), so a page is a
// binary search that reads no relation, and one list serves both: a
// second one of pointers and keys per relation end cost 40 bytes more
// for each, 400 MB at 5,000,000 relations. Beside it, node.far holds each
// edge's far end as a slot, in the same order (4 bytes an edge, 40 MB at
// 5,000,000 relations): what the walks test most edges by (slots.go).

// edgesOf is relation r as its two actors see it.
func edgesOf(r *store.Relation, from, to *node) (out, in traverse.Edge) {
	span := spanOf(r, from, to)
	return traverse.Edge{RelationID: r.ID, Type: r.Type, Other: r.To, OtherKey: to.key, Out: true, Span: span, OtherSlot: to.slot},
		traverse.Edge{RelationID: r.ID, Type: r.Type, Other: r.From, OtherKey: from.key, Out: false, Span: span, OtherSlot: from.slot}
}

// relationKey is the place of an edge in its part's order.
func relationKey(e traverse.Edge) store.RelationKey {
	return store.RelationKey{Type: e.Type, OtherKey: e.OtherKey, OtherID: e.Other, RelationID: e.RelationID}
}

// compareEdges orders edges as store.RelationKey.Compare does.
func compareEdges(a, b traverse.Edge) int { return compareEdgeKey(a, relationKey(b)) }

// compareEdgeKey compares an edge with a place in its part's order.
func compareEdgeKey(e traverse.Edge, k store.RelationKey) int {
	if c := strings.Compare(string(e.Type), string(k.Type)); c != 0 {
		return c
	}
	if c := strings.Compare(e.OtherKey, k.OtherKey); c != 0 {
		return c
	}
	if c := strings.Compare(e.Other, k.OtherID); c != 0 {
		return c
	}
	return strings.Compare(e.RelationID, k.RelationID)
}

// out and in are the two parts of n's edges.
func (n *node) out() []traverse.Edge { return n.edges[:n.nOut] }
func (n *node) in() []traverse.Edge  { return n.edges[n.nOut:] }

// link adds an edge to n in its place.
func (n *node) link(e traverse.Edge) {
	lo, hi := 0, int(n.nOut)
	if !e.Out {
		lo, hi = hi, len(n.edges)
	}
	i, _ := slices.BinarySearchFunc(n.edges[lo:hi], e, compareEdges)
	n.edges = slices.Insert(n.edges, lo+i, e)
	n.far = slices.Insert(n.far, lo+i, e.OtherSlot)
	if e.Out {
		n.nOut++
	}
}

// unlink removes relation id's edges from n.
func (n *node) unlink(id string) {
	out := 0
	for _, e := range n.out() {
		if e.RelationID == id {
			out++
		}
	}
	n.edges = slices.DeleteFunc(n.edges, func(e traverse.Edge) bool { return e.RelationID == id })
	n.nOut -= int32(out)
	n.refar()
}

// refar lays out n.far again from n.edges, after they were reordered.
func (n *node) refar() {
	if cap(n.far) < len(n.edges) {
		n.far = make([]int32, len(n.edges))
	}
	n.far = n.far[:len(n.edges)]
	for i := range n.edges {
		n.far[i] = n.edges[i].OtherSlot
	}
}

// sorted says how much of an actor's edges is in order: the length of
// the sorted beginning of each part, and where the edges a bulk write
// appended begin (laid; -1 until build appends).
type sorted struct{ out, in, laid int }

// disorder notes that n's far-end keys changed: nothing in its parts is
// in order any more.
func (m *memory) disorder(n *node) {
	s, ok := m.unsorted[n]
	if !ok {
		s.laid = -1
	}
	s.out, s.in = 0, 0
	m.unsorted[n] = s
}

// build adds many relations to their actors' edges, each slice grown once
// to its final length and no more: a load of millions of relations in
// chunks otherwise left a third of the adjacency's memory unused.
func (m *memory) build(rels []*store.Relation) {
	ends := make([][2]*node, len(rels))
	for i, r := range rels {
		from, to := m.actors[r.From], m.actors[r.To]
		ends[i] = [2]*node{from, to}
		from.grow++
		to.grow++
	}
	for _, e := range ends {
		for _, n := range e {
			if n.grow == 0 {
				continue
			}
			s, ok := m.unsorted[n]
			if !ok {
				s = sorted{out: int(n.nOut), in: len(n.edges) - int(n.nOut), laid: len(n.edges)}
			} else if s.laid < 0 {
				s.laid = len(n.edges)
			}
			m.unsorted[n] = s
			if need := len(n.edges) + int(n.grow); need > cap(n.edges) {
				n.edges = append(make([]traverse.Edge, 0, need), n.edges...)
			}
			n.grow = 0
		}
	}
	for i, r := range rels {
		from, to := ends[i][0], ends[i][1]
		out, in := edgesOf(r, from, to)
		from.edges = append(from.edges, out)
		to.edges = append(to.edges, in)
	}
}

// arrange puts the edges a bulk write appended to n in their parts and
// sorts each part, whose beginning s says is in order already. buf is
// scratch space, returned for the next call.
func (n *node) arrange(s sorted, buf []traverse.Edge) []traverse.Edge {
	laid := s.laid
	if laid < 0 {
		laid = len(n.edges)
	}
	oldOut := int(n.nOut)
	oldIn := laid - oldOut
	if tail := n.edges[laid:]; len(tail) > 0 {
		// Lay them out as the old out, the new out, the old in, the new in.
		buf = append(buf[:0], tail...)
		k := 0
		for i := range buf {
			if buf[i].Out {
				buf[k], buf[i] = buf[i], buf[k]
				k++
			}
		}
		copy(n.edges[oldOut+k:], n.edges[oldOut:laid])
		copy(n.edges[oldOut:], buf[:k])
		copy(n.edges[oldOut+k+oldIn:], buf[k:])
		n.nOut += int32(k)
		clear(buf)
	}
	buf = sortTail(n.out(), min(s.out, oldOut), buf)
	buf = sortTail(n.in(), min(s.in, oldIn), buf)
	n.refar()
	return buf
}

// sortTail sorts list, whose first n entries are in order already: it
// sorts the rest and merges the two, so that a bulk write that adds a few
// relations to a hub with thousands does not sort them all again. buf is
// scratch space, returned for the next call.
func sortTail(list []traverse.Edge, n int, buf []traverse.Edge) []traverse.Edge {
	tail := list[n:]
	slices.SortFunc(tail, compareEdges)
	if n == 0 || len(tail) == 0 || compareEdges(list[n-1], tail[0]) <= 0 {
		return buf
	}
	buf = append(buf[:0], tail...)
	// Merge from the back, so that the sorted head moves only as far as
	// it must.
	i, j, k := n-1, len(buf)-1, len(list)-1
	for j >= 0 {
		if i >= 0 && compareEdges(list[i], buf[j]) > 0 {
			list[k] = list[i]
			i--
		} else {
			list[k] = buf[j]
			j--
		}
		k--
	}
	clear(buf)
	return buf
}
