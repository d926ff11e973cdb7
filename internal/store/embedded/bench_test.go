package embedded_test

// The store benchmarks (storetest.Bench) on the embedded store, over a
// synthetic network of 100,000 actors and 500,000 relations:
//
//	go test ./internal/store/embedded -run '^$' -bench Store -benchtime 200x
//	go test ./internal/store/embedded -run '^$' -bench Analytics -benchtime 3x

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

func BenchmarkStore(b *testing.B) {
	d := storetest.BenchNetwork()
	s, l := loadAndReopen(b, d)
	fmt.Fprintf(os.Stderr, "embedded store: %d actors, %d relations: loaded in %v (one transaction), reopened in %v; file %d MB, heap %d MB\n",
		len(d.Actors), len(d.Relations), l.loaded.Round(time.Millisecond), l.opened.Round(time.Millisecond), l.fileMB, l.heapMB)
	storetest.Bench(b, s)
}

// loaded is what loadAndReopen measured.
type loaded struct {
	loaded, opened time.Duration // Load in one transaction; Open of the file it left
	fileMB, heapMB uint64        // the file; the heap after reopening and a GC
}

// loadAndReopen loads d into a new store, closes it and opens the file
// again, as a server that restarts would; the store is closed when b ends.
func loadAndReopen(b *testing.B, d store.Dataset) (*embedded.Store, loaded) {
	path := filepath.Join(b.TempDir(), "ecograph.db")
	s, err := embedded.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	var l loaded
	start := time.Now()
	if err := s.Load(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	l.loaded = time.Since(start)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	start = time.Now()
	if s, err = embedded.Open(path); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	l.opened = time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	l.heapMB = ms.HeapAlloc >> 20
	if info, err := os.Stat(path); err == nil {
		l.fileMB = uint64(info.Size()) >> 20
	}
	return s, l
}

func BenchmarkAnalytics(b *testing.B) {
	s, err := embedded.Open(filepath.Join(b.TempDir(), "ecograph.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Load(context.Background(), storetest.BenchNetwork()); err != nil {
		b.Fatal(err)
	}
	storetest.BenchAnalytics(b, s)
}

// BenchmarkSearch: search over 100,000 actors with several names each
// (storetest.SearchBenchNetwork), by the kind of text typed:
//
//	go test ./internal/store/embedded -run '^$' -bench 'Search$' -benchtime 1000x
//
// It also prints how long reopening the store takes, the search index
// built from the file included.
func BenchmarkSearch(b *testing.B) {
	d := storetest.SearchBenchNetwork()
	s, l := loadAndReopen(b, d)
	names := 0
	for _, a := range d.Actors {
		names += 1 + len(a.Names) + len(a.Aliases)
	}
	fmt.Fprintf(os.Stderr, "embedded store: %d actors with %d names: reopened (search index built) in %v; heap %d MB\n",
		len(d.Actors), names, l.opened.Round(time.Millisecond), l.heapMB)
	storetest.BenchSearch(b, s)
}
