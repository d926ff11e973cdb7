package neo4j_test

// Writes on the Neo4j store, each recording its changes in the change
// feed in its own transaction, on the suite's fixture network:
//
//	eval "$(scripts/neo4j start)"
//	go test ./internal/store/neo4j -run '^$' -bench 'Write$' -benchtime 300x

import (
	"testing"

	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

// BenchmarkWrite: a new actor, then a relation from it, two write
// transactions (storetest.BenchWrite), as the embedded store's.
func BenchmarkWrite(b *testing.B) {
	s := neo4jtest.Open(b)
	ctx := b.Context()
	if err := s.Load(ctx, storetest.Fixture()); err != nil {
		b.Fatal(err)
	}
	storetest.BenchWrite(b, s, "uz")
}

// BenchmarkCreate: 10 new organisations and a relation from each to an
// existing actor in one Create, the harness's write (bench/compare):
//
//	go test ./internal/store/neo4j -run '^$' -bench 'Create$' -benchtime 300x
func BenchmarkCreate(b *testing.B) {
	s := neo4jtest.Open(b)
	ctx := b.Context()
	if err := s.Load(ctx, storetest.Fixture()); err != nil {
		b.Fatal(err)
	}
	storetest.BenchCreate(b, s, "it-park")
}
