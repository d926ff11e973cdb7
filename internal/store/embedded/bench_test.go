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

	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

func BenchmarkStore(b *testing.B) {
	ctx := context.Background()
	d := storetest.BenchNetwork()
	path := filepath.Join(b.TempDir(), "ecograph.db")
	s, err := embedded.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := s.Load(ctx, d); err != nil {
		b.Fatal(err)
	}
	loaded := time.Since(start)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	start = time.Now()
	if s, err = embedded.Open(path); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	opened := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	info, _ := os.Stat(path)
	fmt.Fprintf(os.Stderr, "embedded store: %d actors, %d relations: loaded in %v (one transaction), reopened in %v; file %d MB, heap %d MB\n",
		len(d.Actors), len(d.Relations), loaded.Round(time.Millisecond), opened.Round(time.Millisecond), info.Size()>>20, ms.HeapAlloc>>20)
	storetest.Bench(b, s)
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
//	go test ./internal/store/embedded -run '^$' -bench Search -benchtime 2000x
//
// It also prints how long reopening the store takes, the search index
// built from the file included.
func BenchmarkSearch(b *testing.B) {
	d := storetest.SearchBenchNetwork()
	path := filepath.Join(b.TempDir(), "ecograph.db")
	s, err := embedded.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Load(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	start := time.Now()
	if s, err = embedded.Open(path); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	opened := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	names := 0
	for _, a := range d.Actors {
		names += 1 + len(a.Names) + len(a.Aliases)
	}
	fmt.Fprintf(os.Stderr, "embedded store: %d actors with %d names: reopened (search index built) in %v; heap %d MB\n",
		len(d.Actors), names, opened.Round(time.Millisecond), ms.HeapAlloc>>20)
	storetest.BenchSearch(b, s)
}
