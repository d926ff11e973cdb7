package neo4j_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

// BenchmarkShortestPath: shortest paths of at most 6 relations between
// random actors of the benchmark network (100,000 actors, 500,000
// relations), as the store answers them (one statement, shortest.go) and
// as the walk over internal/traverse does (walk.go, the way before; still
// the way for pairs with thousands of shortest paths), on the same
// pairs. The two take turns, three each (statement, walk, statement#01,
// walk#01, ...), so that both are measured under the same load:
//
//	eval "$(scripts/neo4j start)"
//	go test ./internal/store/neo4j -run '^$' -bench ShortestPath -benchtime 100x
//
// Each reports its median (p50-ns) and worst (max-ns) beside the mean.
func BenchmarkShortestPath(b *testing.B) {
	s := neo4jtest.Holding(b, storetest.BenchNetwork())
	ctx := context.Background()
	d := storetest.BenchNetwork()
	ids := make([]string, len(d.Actors))
	for i, a := range d.Actors {
		ids[i] = a.ID
	}
	ways := []struct {
		name string
		find func(ctx context.Context, from, to string, q store.PathQuery) (*store.Path, error)
	}{
		{"statement", s.ShortestPath},
		{"walk", s.WalkShortestPath},
	}
	for range 3 {
		for _, way := range ways {
			b.Run(way.name, func(b *testing.B) {
				b.ReportAllocs()
				rng := rand.New(rand.NewPCG(5, 6))
				var took []time.Duration
				for b.Loop() {
					from, to := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
					start := time.Now()
					if _, err := way.find(ctx, from, to, store.PathQuery{MaxLength: 6}); err != nil {
						b.Fatal(err)
					}
					took = append(took, time.Since(start))
				}
				slices.Sort(took)
				if n := len(took); n > 0 {
					b.ReportMetric(float64(took[n/2].Nanoseconds()), "p50-ns")
					b.ReportMetric(float64(took[n-1].Nanoseconds()), "max-ns")
				}
			})
		}
	}
}
