// Package traverse walks the ecosystem network in memory: neighbourhoods,
// shortest paths and simple paths, with orders fixed so that every store
// gives the same answer to the same question.
//
// Every walk follows relations in both directions, and only relations whose
// type is one of the query's Types (every type when Types is empty), that
// are in the network on the query's AsOf day (every one when AsOf is nil),
// and that lead to an actor of one of the query's Kinds (any kind when Kinds
// is empty; the actors the walk starts and ends at whatever theirs). Actors
// and relations are named by id; ids compare as Go strings (byte order).
// Callers check that the actors named exist and that the bounds are sane
// before they call.
package traverse

import (
	"slices"

	"github.com/ecograph/ecograph/internal/store"
)

// Graph is what the walks read: each actor's relations, both directions.
// The embedded store implements it over its in-memory adjacency.
type Graph interface {
	// Edges returns every relation of actor id, both directions, in any order.
	Edges(id string) []Edge
	// Kind returns the actor's kind, and false when no such actor exists.
	Kind(id string) (store.Kind, bool)
}

// Prefetcher is a Graph that reads many actors' relations at once, such as
// one over a database, where a round trip per actor would cost too much.
// The walks call Prefetch with the actors whose Edges they are about to
// read; it is a hint, and Edges must answer for any actor all the same.
type Prefetcher interface {
	Prefetch(ids []string)
}

// prefetch tells g, when it is a Prefetcher, which actors' relations come next.
func prefetch(g Graph, ids []string) {
	if p, ok := g.(Prefetcher); ok {
		p.Prefetch(ids)
	}
}

// Stopper is a Graph whose reader may give up, such as one bound to a
// request's deadline. The walks ask Stopped at every step of their loops
// (so it must be cheap: look at the deadline once in many calls) and,
// once it says true, return at once whatever they hold; that answer is
// incomplete, and the caller, which knows why it stopped, discards it.
type Stopper interface {
	Stopped() bool
}

// stopper returns g's Stopped, or one that never stops.
func stopper(g Graph) func() bool {
	if s, ok := g.(Stopper); ok {
		return s.Stopped
	}
	return func() bool { return false }
}

// Degreer is a Graph that knows how many relations an actor has without
// reading them, such as one over a database. ShortestPath weighs which
// side to widen by degrees, and reads the relations of that side only.
type Degreer interface {
	// Degree is len(Edges(id)), the relations a walk may follow.
	Degree(id string) int
}

// degreeOf is an actor's number of relations.
func degreeOf(g Graph, id string) int {
	if d, ok := g.(Degreer); ok {
		return d.Degree(id)
	}
	return len(g.Edges(id))
}

// Edge is one relation seen from one of its actors.
type Edge struct {
	RelationID string
	Type       store.RelationType
	Other      string // the actor at the far end
	OtherKey   string // store.SortKey of Other's name, which orders walks' answers
	Out        bool   // the actor is the relation's from
	// Span is when the relation is in the network (store.RelationSpan).
	Span store.Span
	// OtherSlot is Other's number in a Graph that numbers its actors (the
	// embedded store walks by these numbers rather than by ids); the walks
	// here do not read it. It fills what was padding: an Edge is 80 bytes
	// with or without it.
	OtherSlot int32
}

// Result is a walk's answer as ids; the caller turns them into actors and relations.
type Result struct {
	Actors    []string
	Relations []string
	Truncated bool
}

// follower returns whether a walk follows an edge: its type is one of
// types (any when empty), it is in the network on day asOf (always when
// nil), and it leads to one of ends or to an actor of one of kinds (any
// when empty).
func follower(g Graph, types []store.RelationType, kinds []store.Kind, asOf *store.Day, ends ...string) func(Edge) bool {
	return func(e Edge) bool {
		if len(types) > 0 && !slices.Contains(types, e.Type) {
			return false
		}
		if !e.Span.Present(asOf) {
			return false
		}
		if len(kinds) == 0 || slices.Contains(ends, e.Other) {
			return true
		}
		k, ok := g.Kind(e.Other)
		return ok && slices.Contains(kinds, k)
	}
}
