package embedded_test

// The benchmarks run on a synthetic network of 100,000 actors and 500,000
// relations, generated and loaded once per process:
//
//	go test ./internal/store/embedded -run '^$' -bench . -benchtime 2s

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/synth"
)

const (
	benchActors    = 100_000
	benchRelations = 500_000
)

var network struct {
	once sync.Once
	dir  string
	s    *embedded.Store
	ids  []string // every actor id, in the dataset's order
	name []string // every actor's name
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if network.s != nil {
		_ = network.s.Close()
	}
	if network.dir != "" {
		_ = os.RemoveAll(network.dir)
	}
	os.Exit(code)
}

// benchNetwork loads the synthetic network into a store in a temporary
// directory, once per process, and reports how long that took.
func benchNetwork(b *testing.B) *embedded.Store {
	b.Helper()
	network.once.Do(func() {
		start := time.Now()
		d := synth.Generate(synth.Config{Actors: benchActors, Relations: benchRelations, Seed: 1})
		generated := time.Now()
		if network.dir, network.err = os.MkdirTemp("", "ecograph-bench-"); network.err != nil {
			return
		}
		path := filepath.Join(network.dir, "ecograph.db")
		s, err := embedded.Open(path)
		if err != nil {
			network.err = err
			return
		}
		if network.err = s.Load(context.Background(), d); network.err != nil {
			return
		}
		loaded := time.Now()
		if network.err = s.Close(); network.err != nil {
			return
		}
		if network.s, network.err = embedded.Open(path); network.err != nil {
			return
		}
		opened := time.Now()
		for _, a := range d.Actors {
			network.ids = append(network.ids, a.ID)
			network.name = append(network.name, a.Name)
		}
		info, _ := os.Stat(path)
		fmt.Fprintf(os.Stderr, "network: %d actors, %d relations; generated in %v, loaded in %v, reopened in %v; file %d MB\n",
			len(d.Actors), len(d.Relations), generated.Sub(start).Round(time.Millisecond),
			loaded.Sub(generated).Round(time.Millisecond), opened.Sub(loaded).Round(time.Millisecond), info.Size()>>20)
	})
	if network.err != nil {
		b.Fatal(network.err)
	}
	return network.s
}

// BenchmarkActorPage is what an actor's page costs: the actor, the first 50
// of its relations, and the actors at their far ends in one batch.
func BenchmarkActorPage(b *testing.B) {
	s := benchNetwork(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	b.ReportAllocs()
	for b.Loop() {
		id := network.ids[rng.IntN(len(network.ids))]
		if _, err := s.Actor(ctx, id); err != nil {
			b.Fatal(err)
		}
		page, err := s.Relations(ctx, id, store.RelationFilter{}, store.Page{First: 50})
		if err != nil {
			b.Fatal(err)
		}
		others := make([]string, len(page.Edges))
		for i, e := range page.Edges {
			others[i] = e.Other
		}
		if _, err := s.ActorsByID(ctx, others); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkActorsPage pages through all actors: page 1 and page 500 of
// 50 cost the same, because a cursor is a seek.
func BenchmarkActorsPage(b *testing.B) {
	s := benchNetwork(b)
	ctx := context.Background()
	page, err := s.Actors(ctx, store.ActorFilter{}, store.Page{First: 500 * 50})
	if err == nil && len(page.Cursors) == 0 {
		err = fmt.Errorf("no actors")
	}
	if err != nil {
		b.Fatal(err)
	}
	deep := page.Cursors[len(page.Cursors)-1]
	for _, c := range []struct {
		name   string
		filter store.ActorFilter
		after  string
	}{
		{"page1", store.ActorFilter{}, ""},
		{"page500", store.ActorFilter{}, deep},
		{"page500/kinds", store.ActorFilter{Kinds: []store.Kind{store.KindStartup, store.KindEvent}}, deep},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Actors(ctx, c.filter, store.Page{First: 50, After: c.after}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNeighborhood(b *testing.B) {
	s := benchNetwork(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	b.ReportAllocs()
	for b.Loop() {
		id := network.ids[rng.IntN(len(network.ids))]
		if _, err := s.Neighborhood(ctx, id, store.NeighborhoodQuery{Depth: 2, Limit: 200}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkShortestPath(b *testing.B) {
	s := benchNetwork(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, 6))
	found := 0
	b.ReportAllocs()
	for b.Loop() {
		from, to := network.ids[rng.IntN(len(network.ids))], network.ids[rng.IntN(len(network.ids))]
		p, err := s.ShortestPath(ctx, from, to, store.PathQuery{MaxLength: 6})
		if err != nil {
			b.Fatal(err)
		}
		if p != nil {
			found++
		}
	}
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
}

// BenchmarkSearchPrefix searches for the first letters of actors' names.
func BenchmarkSearchPrefix(b *testing.B) {
	s := benchNetwork(b)
	ctx := context.Background()
	for _, n := range []int{3, 6} {
		b.Run(fmt.Sprintf("%d-letters", n), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(7, 8))
			b.ReportAllocs()
			for b.Loop() {
				name := []rune(strings.ToLower(network.name[rng.IntN(len(network.name))]))
				text := string(name[:min(n, len(name))])
				hits, err := s.Search(ctx, store.SearchQuery{Text: text, First: 10})
				if err != nil {
					b.Fatal(err)
				}
				if len(hits) == 0 {
					b.Fatalf("no hit for %q", text)
				}
			}
		})
	}
}

// BenchmarkSearchSubstring searches for text inside names, which needs a
// scan when too few names start with it.
func BenchmarkSearchSubstring(b *testing.B) {
	s := benchNetwork(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Search(ctx, store.SearchQuery{Text: "zzq", First: 10}); err != nil {
			b.Fatal(err)
		}
	}
}
