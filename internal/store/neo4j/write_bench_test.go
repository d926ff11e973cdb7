package neo4j_test

// Writes on the Neo4j store, each recording its changes in the change
// feed in its transaction, on the suite's fixture network:
//
//	eval "$(scripts/neo4j start)"
//	go test ./internal/store/neo4j -run '^$' -bench 'Write$|WriteParallel$|Create$' -benchtime 300x

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	ecoNeo4j "github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

// fixtureStore is the test server's store holding storetest.Fixture.
func fixtureStore(b *testing.B) *ecoNeo4j.Store {
	s := neo4jtest.Open(b)
	if err := s.Load(b.Context(), storetest.Fixture()); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkWrite: a new actor, then a relation from it, two write
// transactions (storetest.BenchWrite), as the embedded store's.
func BenchmarkWrite(b *testing.B) {
	storetest.BenchWrite(b, fixtureStore(b), "uz")
}

// BenchmarkCreate: 10 new organisations and a relation from each to an
// existing actor in one Create, the harness's write (bench/compare):
//
//	go test ./internal/store/neo4j -run '^$' -bench 'Create$' -benchtime 300x
func BenchmarkCreate(b *testing.B) {
	storetest.BenchCreate(b, fixtureStore(b), "it-park")
}

// BenchmarkWriteParallel: BenchmarkWrite's pairs from 8 writers at once,
// whose creates share transactions (Create's group commit); ns/op is the
// time per pair at that concurrency.
func BenchmarkWriteParallel(b *testing.B) {
	s, ctx := fixtureStore(b), b.Context()
	var n atomic.Int64
	b.SetParallelism(4) // 8 writers on 2 cores
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			a, err := s.CreateActor(ctx, store.Actor{ID: fmt.Sprintf("bench-parallel-%d", i), Kind: store.KindStartup, Name: fmt.Sprintf("Bench Parallel %d", i)})
			if err != nil {
				b.Error(err)
				return
			}
			if _, err := s.CreateRelation(ctx, store.Relation{From: a.ID, To: "uz", Type: store.PartnersWith}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
