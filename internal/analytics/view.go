package analytics

import (
	"context"
	"iter"

	"github.com/ecograph/ecograph/internal/store"
)

// View is the network as of one day: the actors present on it and the
// relations between them that hold on it, as an undirected simple graph
// (relations of any type and either way between two actors make one link;
// a relation from an actor to itself none). Its measures are worked out
// on first use, once; a View is safe for concurrent use and must not be
// changed, nor anything it returns.
//
// Actors are named throughout by their index in Network.Actors.
type View struct {
	net     *Network
	asOf    *store.Day
	present []int32 // present actors, ascending
	in      []bool  // in[i] reports whether actor i is present
	graph   csr

	// The measures, each worked out on first use (see lazy).
	degree      *lazy[[]float64]
	betweenness *lazy[betweenness]
	pagerank    *lazy[[]float64]
	communities *lazy[communities]
	brokers     *lazy[[]Broker]
	stats       *lazy[Stats]
	ranking     [measures]*lazy[[]int32]
}

// newView builds the View of net as of asOf (everything when nil).
func newView(net *Network, asOf *store.Day) *View {
	actors := net.Actors
	v := &View{net: net, in: make([]bool, len(actors))}
	if asOf != nil {
		day := *asOf
		v.asOf = &day
	}
	for i, a := range actors {
		if asOf == nil || a.Begins <= *asOf {
			v.in[i] = true
			v.present = append(v.present, int32(i))
		}
	}
	v.graph = newCSR(len(actors), func(yield func(int32, int32) bool) {
		for r := range v.relations() {
			if !yield(r.From, r.To) || !yield(r.To, r.From) {
				return
			}
		}
	})
	v.degree = newLazy(v.computeDegree)
	v.betweenness = newLazy(v.computeBetweenness)
	v.pagerank = newLazy(v.computePageRank)
	v.communities = newLazy(v.computeCommunities)
	v.brokers = newLazy(v.computeBrokers)
	v.stats = newLazy(v.computeStats)
	for m := range Measure(measures) {
		v.ranking[m] = newLazy(func(ctx context.Context) ([]int32, error) { return v.rank(ctx, m) })
	}
	return v
}

// relations yields the relations present in the view: those that hold on
// its day between two present actors.
func (v *View) relations() iter.Seq[*store.NetworkRelation] {
	return func(yield func(*store.NetworkRelation) bool) {
		rels := v.net.Relations
		for i := range rels {
			r := &rels[i]
			if r.Span.Present(v.asOf) && v.in[r.From] && v.in[r.To] && !yield(r) {
				return
			}
		}
	}
}

// Network returns the network the view is of.
func (v *View) Network() *Network { return v.net }

// AsOf returns the day the view is as of, nil when it holds everything.
func (v *View) AsOf() *store.Day {
	if v.asOf == nil {
		return nil
	}
	day := *v.asOf
	return &day
}

// Present reports whether actor i is in the view.
func (v *View) Present(i int32) bool { return i >= 0 && int(i) < len(v.in) && v.in[i] }

// Actors returns the actors in the view, ascending (so in id order).
func (v *View) Actors() []int32 { return v.present }

// Neighbours returns the actors that actor i is linked to in the view, by
// at least one relation of any type either way, ascending.
func (v *View) Neighbours(i int32) []int32 {
	if !v.Present(i) {
		return nil
	}
	return v.graph.row(i)
}
