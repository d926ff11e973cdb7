package importer_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/importer"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/synth"
)

// BenchmarkImport imports a generated file into an empty embedded store:
// ECOGRAPH_BENCH_RELATIONS relations (200,000 unless set) among a fifth as
// many actors, as `ecograph generate` writes them.
//
//	go test ./internal/importer -run '^$' -bench Import -benchtime 1x
//	ECOGRAPH_BENCH_RELATIONS=1000000 go test ./internal/importer -run '^$' -bench Import -benchtime 1x -timeout 30m
func BenchmarkImport(b *testing.B) {
	relations := 200000
	if v, err := strconv.Atoi(os.Getenv("ECOGRAPH_BENCH_RELATIONS")); err == nil && v > 0 {
		relations = v
	}
	path := filepath.Join(b.TempDir(), "network.json")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := dataset.Encode(f, synth.Generate(synth.Config{Actors: relations / 5, Relations: relations, Seed: 1})); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s, err := embedded.Open(filepath.Join(b.TempDir(), strconv.Itoa(i)+".db"))
		if err != nil {
			b.Fatal(err)
		}
		r, err := importer.Import(b.Context(), s, importer.Paths(path), importer.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(r.Records())/b.Elapsed().Seconds(), "records/s")
		b.StopTimer()
		_ = s.Close()
		b.StartTimer()
	}
}
