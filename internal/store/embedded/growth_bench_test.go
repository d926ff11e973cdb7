package embedded

// BenchmarkGrowth measures the store's own reads, without HTTP and without
// the file, on the benchmark network (storetest.BenchSize) built straight
// into memory as Open builds it from a file, so that how they grow with
// the network can be measured in minutes rather than the 20 of the API
// benchmarks at 1,000,000 actors:
//
//	go test ./internal/store/embedded -run '^$' -bench Growth -benchtime 2000x
//	ECOGRAPH_BENCH_RELATIONS=5000000 go test ./internal/store/embedded -run '^$' -bench Growth -benchtime 2000x -timeout 30m
//
// It prints the heap the network takes (the records and every index)
// after a collection, and the process's resident memory once the
// runtime has returned what it does not use (the generated dataset's
// records are the store's own here, so they count in it). The cases read the same actors and texts as the
// API benchmarks of the same names do (random, from a fixed seed).
// cpu-ns/op is the process's CPU time per read, the collector's included:
// on a shared machine the wall clock varies more.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/cputime"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

func BenchmarkGrowth(b *testing.B) {
	d := storetest.NewBenchNetwork()
	ids := make([]string, len(d.Actors))
	names := make([]string, len(d.Actors))
	for i, a := range d.Actors {
		ids[i], names[i] = a.ID, a.Name
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	s := &Store{mem: memoryOf(d)}
	built := time.Since(start)
	d = store.Dataset{} // the store holds its own records now
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	debug.FreeOSMemory() // what stays resident is what the process needs
	fmt.Fprintf(os.Stderr, "embedded memory: %d actors, %d relations: built in %v; heap %d MB (%d objects) over the ids and names kept; %s once the rest is returned\n",
		len(ids), len(s.mem.relations), built.Round(time.Millisecond),
		(after.HeapAlloc-before.HeapAlloc)>>20, after.HeapObjects-before.HeapObjects, residentMemory())

	// What a write pays when the postings have grown by half and the
	// search prefixes' heads are found again (prefixIndex.settle).
	start = time.Now()
	s.mem.names.loose.setHeads(s.mem.names.loose.findHeads())
	s.mem.names.words.setHeads(s.mem.names.words.findHeads())
	fmt.Fprintf(os.Stderr, "embedded memory: the prefixes' heads found again in %v (%d loose, %d words)\n",
		time.Since(start).Round(time.Millisecond), len(s.mem.names.loose.heads), len(s.mem.names.words.heads))

	ctx := context.Background()
	cases := []struct {
		name string
		op   func(r *rand.Rand) error
	}{
		{"actor", func(r *rand.Rand) error {
			_, err := s.Actor(ctx, ids[r.IntN(len(ids))])
			return err
		}},
		{"actor+50relations", func(r *rand.Rand) error {
			_, err := s.Relations(ctx, ids[r.IntN(len(ids))], store.RelationFilter{}, store.Page{First: 50})
			return err
		}},
		{"actors-page", func(r *rand.Rand) error {
			_, err := s.Actors(ctx, store.ActorFilter{Kinds: []store.Kind{store.Kinds[r.IntN(len(store.Kinds))]}}, store.Page{First: 50})
			return err
		}},
		{"search-prefix", func(r *rand.Rand) error {
			name := []rune(strings.ToLower(names[r.IntN(len(names))]))
			hits, err := s.Search(ctx, store.SearchQuery{Text: string(name[:min(4, len(name))]), First: 10})
			if err == nil && len(hits) == 0 {
				err = fmt.Errorf("no hit for %q", string(name[:min(4, len(name))]))
			}
			return err
		}},
		{"neighborhood-depth2", func(r *rand.Rand) error {
			_, err := s.Neighborhood(ctx, ids[r.IntN(len(ids))], store.NeighborhoodQuery{Depth: 2, Limit: 200})
			return err
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			b.ReportAllocs()
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

// residentMemory is the process's resident memory, from /proc.
func residentMemory() string {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "resident memory unknown"
	}
	for line := range strings.Lines(string(status)) {
		if strings.HasPrefix(line, "VmRSS:") {
			return "resident " + strings.Join(strings.Fields(line)[1:], " ")
		}
	}
	return "resident memory unknown"
}

// memoryOf builds memory from d as Open does from the records of a file.
func memoryOf(d store.Dataset) *memory {
	m := newMemory()
	m.reserve(len(d.Actors), len(d.Relations))
	for i := range d.Sources {
		m.putSource(&d.Sources[i])
	}
	m.bulk = true
	for i := range d.Actors {
		m.putActor(&d.Actors[i])
	}
	for i := range d.Relations {
		m.putRelation(&d.Relations[i])
	}
	m.settle()
	m.findHeads(now)
	return m
}
