package embedded_test

// Reading the change feed, on the benchmarks' network of 100,000 actors
// and 500,000 relations loaded in one transaction (600,000 changes, of
// which the feed keeps the newest 100,000):
//
//	go test ./internal/store/embedded -run '^$' -bench Changes -benchtime 2000x

import (
	"fmt"
	"testing"

	"github.com/ecograph/ecograph/internal/store/storetest"
)

// BenchmarkChanges: a page of the feed, as Query.changes and a
// subscriber that fell behind the hub's ring read it, from the middle of
// the log.
func BenchmarkChanges(b *testing.B) {
	s, _ := loadAndReopen(b, storetest.BenchNetwork())
	ctx := b.Context()
	head, err := s.Changes(ctx, 1<<62, 1)
	if err != nil {
		b.Fatal(err)
	}
	for _, first := range []int{100, 1000} {
		b.Run(fmt.Sprintf("first-%d", first), func(b *testing.B) {
			b.ReportAllocs()
			after := head.Head - 50_000
			for b.Loop() {
				page, err := s.Changes(ctx, after, first)
				if err != nil || len(page.Changes) != first {
					b.Fatalf("Changes(%d, %d) = %d changes, %v", after, first, len(page.Changes), err)
				}
			}
		})
	}
}
