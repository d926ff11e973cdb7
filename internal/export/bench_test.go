package export_test

// The exports of the benchmark network (storetest.BenchNetwork: 100,000
// actors, 500,000 relations) from a Dataset, written to io.Discard:
//
//	go test ./internal/export -run '^$' -bench . -benchtime 3x
//
// docs/export.md keeps the figures, with those of the Cypher script
// (BenchmarkCypher in internal/store/neo4j).

import (
	"io"
	"testing"

	"github.com/ecograph/ecograph/internal/export"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

func BenchmarkGraphML(b *testing.B) { benchExport(b, export.GraphML) }

func BenchmarkGEXF(b *testing.B) { benchExport(b, export.GEXF) }

func benchExport(b *testing.B, write writer) {
	d := storetest.BenchNetwork()
	var n counter
	if err := write(b.Context(), &n, d); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if err := write(b.Context(), io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// counter counts the bytes written to it.
type counter int

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}
