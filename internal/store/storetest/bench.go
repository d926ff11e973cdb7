package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/analytics"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// The benchmark network's size unless ECOGRAPH_BENCH_RELATIONS says
// otherwise (BenchSize).
const (
	BenchActors    = 100_000
	BenchRelations = 500_000
)

// BenchSize is the size of the benchmark network: BenchActors and
// BenchRelations, or, when the environment sets ECOGRAPH_BENCH_RELATIONS,
// that many relations among a fifth as many actors (as the import
// benchmark reads it), so that the same benchmarks measure how the stores
// grow:
//
//	ECOGRAPH_BENCH_RELATIONS=5000000 go test . -run '^$' -bench API -benchtime 200x -timeout 60m
func BenchSize() (actors, relations int) {
	if v, err := strconv.Atoi(os.Getenv("ECOGRAPH_BENCH_RELATIONS")); err == nil && v > 0 {
		return v / 5, v
	}
	return BenchActors, BenchRelations
}

// NewBenchNetwork generates the benchmark network (BenchSize, seed 1)
// anew, for a benchmark that should not keep it once loaded.
func NewBenchNetwork() store.Dataset {
	actors, relations := BenchSize()
	return synth.Generate(synth.Config{Actors: actors, Relations: relations, Seed: 1})
}

// BenchNetwork is the synthetic network the store benchmarks run on,
// generated once per process and kept.
var BenchNetwork = sync.OnceValue(NewBenchNetwork)

// LoadInChunks loads d into s a few thousand records at a time, sources
// and actors first: one transaction for 600,000 records is more than a
// server with a small heap should hold. It reports how long it took.
func LoadInChunks(ctx context.Context, s store.Store, d store.Dataset) (time.Duration, error) {
	start := time.Now()
	if err := s.Load(ctx, store.Dataset{Sources: d.Sources}); err != nil {
		return 0, err
	}
	for chunk := range slices.Chunk(d.Actors, 10_000) {
		if err := s.Load(ctx, store.Dataset{Actors: chunk}); err != nil {
			return 0, err
		}
	}
	for chunk := range slices.Chunk(d.Relations, 20_000) {
		if err := s.Load(ctx, store.Dataset{Relations: chunk}); err != nil {
			return 0, err
		}
	}
	return time.Since(start), nil
}

// Bench runs the store benchmarks on s, which holds BenchNetwork. Each
// reports the mean time per operation and, where operations differ a lot
// from one actor to the next, the median (p50-ns) and the worst (max-ns).
func Bench(b *testing.B, s store.Store) {
	d := BenchNetwork()
	ctx := context.Background()
	ids := make([]string, len(d.Actors))
	names := make([]string, len(d.Actors))
	for i, a := range d.Actors {
		ids[i], names[i] = a.ID, a.Name
	}

	b.Run("ActorPage", func(b *testing.B) {
		// An actor's page: the actor, its first 50 relations and the
		// actors at their far ends.
		rng := rand.New(rand.NewPCG(1, 2))
		quantiles(b, func() {
			id := ids[rng.IntN(len(ids))]
			if _, err := s.Actor(ctx, id); err != nil {
				b.Fatal(err)
			}
			page, err := s.Relations(ctx, id, store.RelationFilter{}, store.Page{First: 50})
			if err != nil {
				b.Fatal(err)
			}
			var others []string
			for _, e := range page.Edges {
				if e.OtherActor == nil {
					others = append(others, e.Other)
				}
			}
			if len(others) > 0 {
				if _, err := s.ActorsByID(ctx, others); err != nil {
					b.Fatal(err)
				}
			}
		})
	})

	b.Run("ActorsPage", func(b *testing.B) {
		// Page 1 and page 500 of 50 cost the same: a cursor is a seek.
		page, err := s.Actors(ctx, store.ActorFilter{}, store.Page{First: 100})
		if err != nil {
			b.Fatal(err)
		}
		deep := page.Cursors[len(page.Cursors)-1]
		for range 249 {
			if page, err = s.Actors(ctx, store.ActorFilter{}, store.Page{First: 100, After: deep}); err != nil {
				b.Fatal(err)
			}
			deep = page.Cursors[len(page.Cursors)-1]
		}
		for _, c := range []struct {
			name   string
			filter store.ActorFilter
			after  string
		}{
			{"page1", store.ActorFilter{}, ""},
			{"page500", store.ActorFilter{}, deep},
			{"page500-kinds", store.ActorFilter{Kinds: []store.Kind{store.KindStartup, store.KindEvent}}, deep},
		} {
			b.Run(c.name, func(b *testing.B) {
				quantiles(b, func() {
					if _, err := s.Actors(ctx, c.filter, store.Page{First: 50, After: c.after}); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	})

	b.Run("Neighborhood-depth2", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(3, 4))
		quantiles(b, func() {
			if _, err := s.Neighborhood(ctx, ids[rng.IntN(len(ids))], store.NeighborhoodQuery{Depth: 2, Limit: 200}); err != nil {
				b.Fatal(err)
			}
		})
	})

	b.Run("ShortestPath", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(5, 6))
		found, n := 0, 0
		quantiles(b, func() {
			p, err := s.ShortestPath(ctx, ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))], store.PathQuery{MaxLength: 6})
			if err != nil {
				b.Fatal(err)
			}
			if p != nil {
				found++
			}
			n++
		})
		b.ReportMetric(float64(found)/float64(n), "found/op")
	})

	for _, n := range []int{3, 6} {
		b.Run(fmt.Sprintf("SearchPrefix-%d", n), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(7, 8))
			quantiles(b, func() {
				name := []rune(strings.ToLower(names[rng.IntN(len(names))]))
				text := string(name[:min(n, len(name))])
				hits, err := s.Search(ctx, store.SearchQuery{Text: text, First: 10})
				if err != nil {
					b.Fatal(err)
				}
				if len(hits) == 0 {
					b.Fatalf("no hit for %q", text)
				}
			})
		})
	}

	b.Run("SearchMiss", func(b *testing.B) {
		// Text no name begins with: before the tiers of issue 6, a scan
		// for substrings; now lookups that find nothing.
		quantiles(b, func() {
			if _, err := s.Search(ctx, store.SearchQuery{Text: "zzq", First: 10}); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// BenchAnalytics measures what the analytics queries cost on a store
// holding BenchNetwork: reading the whole network (Network), and each
// measure worked out from nothing as the first query after a write finds
// it (reading the network, building a view, and the measure).
func BenchAnalytics(b *testing.B, s store.Store) {
	ctx := context.Background()
	b.Run("Network", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Network(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, m := range []analytics.Measure{analytics.PageRank, analytics.Betweenness} {
		b.Run(m.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v, err := analytics.New(s).View(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				if top := v.Top(m, 10, nil); len(top) != 10 {
					b.Fatalf("%d actors ranked", len(top))
				}
			}
		})
	}
	b.Run("Communities", func(b *testing.B) {
		for b.Loop() {
			v, err := analytics.New(s).View(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			v.Communities()
		}
	})
}

// BenchWrite times a pair of writes, a new actor, then a relation from it
// to the stored actor to: two transactions, each committed (and, with the
// change feed, recorded) before it returns.
func BenchWrite(b *testing.B, s store.Store, to string) {
	ctx := b.Context()
	i := 0
	for b.Loop() {
		i++
		a, err := s.CreateActor(ctx, store.Actor{ID: fmt.Sprintf("bench-write-%d", i), Kind: store.KindStartup, Name: fmt.Sprintf("Bench Write %d", i)})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.CreateRelation(ctx, store.Relation{From: a.ID, To: to, Type: store.PartnersWith}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchCreate times Create of 10 new organisations, each with a
// PARTNERS_WITH relation to actor to, in one call.
func BenchCreate(b *testing.B, s store.Store, to string) {
	ctx := b.Context()
	i := 0
	for b.Loop() {
		i++
		if _, err := s.Create(ctx, CreateBatch("bench-create", i, to)); err != nil {
			b.Fatal(err)
		}
	}
}

// CreateBatch is the harness's write (bench/compare) as one Create: 10
// new organisations, their ids beginning with prefix and i, named so that
// they share words with every other batch ("Bench Create"), and a
// PARTNERS_WITH relation from each to the actor to.
func CreateBatch(prefix string, i int, to string) store.Dataset {
	var d store.Dataset
	for j := range 10 {
		id := fmt.Sprintf("%s-%d-%d", prefix, i, j)
		d.Actors = append(d.Actors, store.Actor{ID: id, Kind: store.KindOrganization, Name: fmt.Sprintf("Bench Create %d %d", i, j)})
		d.Relations = append(d.Relations, store.Relation{ID: id + "-r", Type: store.PartnersWith, From: id, To: to})
	}
	return d
}
