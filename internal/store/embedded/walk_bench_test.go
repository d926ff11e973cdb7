package embedded

// BenchmarkWalk measures the store's walks on slots against traverse's
// walks over the same memory (the store's walks before they moved to
// slots: the same locking, deadline watch and answer), in one run, on
// the benchmark network (storetest.BenchSize):
//
//	go test ./internal/store/embedded -run '^$' -bench Walk -benchtime 2000x
//	ECOGRAPH_BENCH_RELATIONS=5000000 go test ./internal/store/embedded -run '^$' -bench Walk -benchtime 2000x -timeout 30m
//
// The centres and pairs are random from a fixed seed, the same for both.
// cpu-ns/op is the process's CPU time per walk, the collector's included:
// on a shared machine the wall clock varies more.

import (
	"context"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/ecograph/ecograph/internal/cputime"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/storetest"
	"github.com/ecograph/ecograph/internal/traverse"
)

func BenchmarkWalk(b *testing.B) {
	d := storetest.NewBenchNetwork()
	ids := make([]string, len(d.Actors))
	for i, a := range d.Actors {
		ids[i] = a.ID
	}
	s := &Store{mem: memoryOf(d)}
	d = store.Dataset{}
	ctx := context.Background()
	hood := store.NeighborhoodQuery{Depth: 2, Limit: 200}
	path := store.PathQuery{MaxLength: 6}
	// traverse's walks as the store ran them before slots.
	oldHood := func(id string) (*store.Subgraph, error) {
		return walk(ctx, s, nil, nil, []string{id}, func(m *walkGraph) *store.Subgraph {
			r := traverse.Neighborhood(m, id, hood)
			return &store.Subgraph{Actors: m.actorsOf(r.Actors), Relations: m.relationsOf(r.Relations), Truncated: r.Truncated}
		})
	}
	oldPath := func(from, to string) (*store.Path, error) {
		return walk(ctx, s, nil, nil, []string{from, to}, func(m *walkGraph) *store.Path {
			r, ok := traverse.ShortestPath(m, from, to, path)
			if !ok {
				return nil
			}
			return &store.Path{Actors: m.actorsOf(r.Actors), Relations: m.relationsOf(r.Relations)}
		})
	}
	cases := []struct {
		name string
		op   func(r *rand.Rand) error
	}{
		{"neighborhood-depth2/traverse", func(r *rand.Rand) error {
			_, err := oldHood(ids[r.IntN(len(ids))])
			return err
		}},
		{"neighborhood-depth2/slots", func(r *rand.Rand) error {
			_, err := s.Neighborhood(ctx, ids[r.IntN(len(ids))], hood)
			return err
		}},
		{"shortestPath/traverse", func(r *rand.Rand) error {
			_, err := oldPath(ids[r.IntN(len(ids))], ids[r.IntN(len(ids))])
			return err
		}},
		{"shortestPath/slots", func(r *rand.Rand) error {
			_, err := s.ShortestPath(ctx, ids[r.IntN(len(ids))], ids[r.IntN(len(ids))], path)
			return err
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			b.ReportAllocs()
			runtime.GC() // not the setup's garbage
			start := cputime.Process()
			for b.Loop() {
				if err := c.op(r); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cputime.Process()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}
