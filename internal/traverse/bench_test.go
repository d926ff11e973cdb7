package traverse

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// The benchmarks walk a synthetic network of 100,000 actors and 500,000
// relations, built once; each operation takes the next of a fixed list of
// random actors or pairs. Run them with
//
//	go test -run '^$' -bench . -benchtime 200x ./internal/traverse/

var bench = sync.OnceValues(func() (*testGraph, []string) {
	d := synth.Generate(synth.Config{Actors: 100_000, Relations: 500_000, Seed: 1})
	ids := make([]string, len(d.Actors))
	for i, a := range d.Actors {
		ids[i] = a.ID
	}
	return newTestGraph(d.Actors, d.Relations), ids
})

// benchPairs returns n random pairs of distinct actors, the same every run.
func benchPairs(ids []string, n int) [][2]string {
	rng := rand.New(rand.NewPCG(9, 9))
	pairs := make([][2]string, n)
	for i := range pairs {
		a, b := rng.IntN(len(ids)), rng.IntN(len(ids)-1)
		if b >= a {
			b++
		}
		pairs[i] = [2]string{ids[a], ids[b]}
	}
	return pairs
}

// filters are the relation types each benchmark follows in turn: all, and
// all but LOCATED_IN, whose countries are hubs that put almost any two
// actors a few hops apart.
var filters = []struct {
	name  string
	types []store.RelationType
}{
	{"all", nil},
	{"noLocatedIn", slices.DeleteFunc(slices.Clone(store.RelationTypes), func(t store.RelationType) bool { return t == store.LocatedIn })},
}

func BenchmarkNeighborhood(b *testing.B) {
	g, ids := bench()
	pairs := benchPairs(ids, 1000)
	for _, f := range filters {
		b.Run(f.name, func(b *testing.B) {
			q := store.NeighborhoodQuery{Depth: 2, Limit: 200, Types: f.types}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				Neighborhood(g, pairs[i%len(pairs)][0], q)
				i++
			}
		})
	}
}

// BenchmarkShortestPath also reports the median and the slowest pair.
func BenchmarkShortestPath(b *testing.B) {
	g, ids := bench()
	pairs := benchPairs(ids, 1000)
	for _, f := range filters {
		b.Run(f.name, func(b *testing.B) {
			q := store.PathQuery{MaxLength: 6, Types: f.types}
			b.ReportAllocs()
			var took []time.Duration
			i := 0
			for b.Loop() {
				p := pairs[i%len(pairs)]
				start := time.Now()
				ShortestPath(g, p[0], p[1], q)
				took = append(took, time.Since(start))
				i++
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(took[len(took)-1].Nanoseconds()), "max-ns")
		})
	}
}

func BenchmarkPaths(b *testing.B) {
	g, ids := bench()
	pairs := benchPairs(ids, 1000)
	for _, f := range filters {
		b.Run(f.name, func(b *testing.B) {
			q := store.PathQuery{MaxLength: 4, Types: f.types}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				p := pairs[i%len(pairs)]
				_, _ = Paths(g, p[0], p[1], q, 10)
				i++
			}
		})
	}
}
