package neo4j_test

import (
	"sync/atomic"
	"testing"

	"github.com/ecograph/ecograph/internal/store/storetest"
)

// BenchmarkCreateParallel: the harness's write (bench/compare: 10 new
// organisations and a relation from each to an existing actor, one
// Create) from 8 writers at once, whose calls share transactions (the
// group commit); ns/op is the time per Create at that concurrency. The
// names share words with each other ("Bench Create"), as the harness's
// do, so every batch links common :Term nodes and makes new ones.
//
//	go test ./internal/store/neo4j -run '^$' -bench 'Create$|CreateParallel$' -benchtime 400x
func BenchmarkCreateParallel(b *testing.B) {
	s, ctx := fixtureStore(b), b.Context()
	var n atomic.Int64
	b.SetParallelism(4) // 8 writers on 2 cores
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			d := storetest.CreateBatch("bench-create-parallel", int(n.Add(1)), "it-park")
			if _, err := s.Create(ctx, d); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
