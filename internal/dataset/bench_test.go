package dataset

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/ecograph/ecograph/internal/cputime"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// BenchmarkScan reads a generated network of a million relations (and the
// 200,000 actors they join) from a JSON file and from CSV files, a record at
// a time, and reports records/s, records per CPU-second (on a busy machine
// the wall clock says little), the largest heap seen while reading
// (peak-heap-MB, garbage not yet collected included) and the heap live at
// the end per record read (live-B/record): the set of ids, which is all
// that grows with the file.
//
//	go test -run '^$' -bench Scan -benchtime 3x ./internal/dataset/
func BenchmarkScan(b *testing.B) {
	const benchActors, benchRelations = 200_000, 1_000_000
	d := synth.Generate(synth.Config{Actors: benchActors, Relations: benchRelations, Seed: 1})
	records := len(d.Sources) + len(d.Actors) + len(d.Relations)
	dir := b.TempDir()
	jsonFile := filepath.Join(dir, "network.json")
	writeFile(b, jsonFile, func(w *bufio.Writer) error { return Encode(w, d) })
	csvFiles := []string{filepath.Join(dir, "sources.csv"), filepath.Join(dir, "actors.csv"), filepath.Join(dir, "relations.csv")}
	var files [3]*os.File
	for i, name := range csvFiles {
		f, err := os.Create(name)
		if err != nil {
			b.Fatal(err)
		}
		files[i] = f
	}
	e := NewCSVEncoder(files[0], files[1], files[2])
	if err := d.Dump(context.Background(), e.Visitor()); err != nil {
		b.Fatal(err)
	}
	if err := e.Close(); err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	d = store.Dataset{}
	runtime.GC()

	b.Run("json", func(b *testing.B) {
		benchScan(b, records, func(visit func(Record) error) error { return ScanFile(jsonFile, visit) })
	})
	b.Run("csv", func(b *testing.B) {
		benchScan(b, records, func(visit func(Record) error) error { return ScanFiles(csvFiles, visit) })
	})
}

func benchScan(b *testing.B, records int, scan func(func(Record) error) error) {
	b.ReportAllocs()
	var peak, live uint64
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	cpu := cputime.Process()
	for b.Loop() {
		n := 0
		err := scan(func(Record) error {
			if n++; n%100_000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
			if n == records {
				// What is live at the end is the set of ids, and little else.
				runtime.GC()
				runtime.ReadMemStats(&ms)
				live = ms.HeapAlloc - base
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if n != records {
			b.Fatalf("read %d records, want %d", n, records)
		}
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	// CPU time of all threads, the garbage collector's too.
	if used := cputime.Process() - cpu; used > 0 {
		b.ReportMetric(float64(records)*float64(b.N)/used.Seconds(), "records/cpu-s")
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(live)/float64(records), "live-B/record")
}

func writeFile(b *testing.B, path string, write func(*bufio.Writer) error) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}
