package traverse

import (
	"math/rand/v2"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// stoppingGraph is a testGraph whose reader gives up after a number of
// Stopped calls, as a store's graph does when a request's deadline
// passes; it counts the Edges calls made after that.
type stoppingGraph struct {
	*testGraph
	after int // Stopped says true from this call on; never when negative
	asked int // Stopped calls
	calls int // Edges calls once it has said true
}

func (g *stoppingGraph) stopped() bool { return g.after >= 0 && g.asked > g.after }

func (g *stoppingGraph) Stopped() bool {
	g.asked++
	return g.stopped()
}

func (g *stoppingGraph) Edges(id string) []Edge {
	if g.stopped() {
		g.calls++
	}
	return g.testGraph.Edges(id)
}

// TestWalksStopWhenStopped: once the graph's Stopped says true, every walk
// returns without reading further (an actor's relations at most, where a
// loop was already under way), however much of the graph the walk
// would have read.
func TestWalksStopWhenStopped(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	base, names := randomGraph(rng, 3000, 60000)
	q := store.PathQuery{MaxLength: 6}
	walks := []struct {
		name string
		run  func(g Graph)
	}{
		{"Neighborhood", func(g Graph) { Neighborhood(g, names[0], store.NeighborhoodQuery{Depth: 3, Limit: 3000}) }},
		{"ShortestPath", func(g Graph) { ShortestPath(g, names[1], names[2], q) }},
		{"Paths", func(g Graph) { Paths(g, names[3], names[4], q, 1000) }},
		{"Common", func(g Graph) { Common(g, names[5], names[6], store.NeighborsQuery{First: 100}) }},
	}
	for _, w := range walks {
		t.Run(w.name, func(t *testing.T) {
			// Unstopped, the walk asks Stopped this many times.
			full := &stoppingGraph{testGraph: base, after: -1}
			w.run(full)
			if full.asked < 20 {
				t.Fatalf("the walk asked Stopped %d times: the graph is too small to stop it halfway", full.asked)
			}
			g := &stoppingGraph{testGraph: base, after: full.asked / 2}
			w.run(g)
			if !g.stopped() {
				t.Fatalf("the walk ended before Stopped said true")
			}
			if g.asked > g.after+3 {
				t.Errorf("the walk went on %d steps after Stopped said true, want at most 3", g.asked-g.after-1)
			}
			if g.calls > 2 {
				t.Errorf("the walk read the relations of %d actors after Stopped said true, want at most 2", g.calls)
			}
		})
	}
}
