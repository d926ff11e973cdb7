package neo4j_test

// The store benchmarks (storetest.Bench) on the Neo4j store, over the same
// synthetic network of 100,000 actors and 500,000 relations as the
// embedded store's, with Neo4j started by scripts/neo4j:
//
//	eval "$(scripts/neo4j start)"
//	go test ./internal/store/neo4j -run '^$' -bench Store -benchtime 200x
//	go test ./internal/store/neo4j -run '^$' -bench Analytics -benchtime 3x
//
// Loading the network takes minutes; it stays in the database for the
// next run, until a test empties it.

import (
	"fmt"
	"os"
	"testing"

	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

func BenchmarkStore(b *testing.B) {
	s := neo4jtest.Holding(b, storetest.BenchNetwork())
	before := neo4j.QueryCount()
	storetest.Bench(b, s)
	fmt.Fprintf(os.Stderr, "neo4j store: %d Cypher queries in all\n", neo4j.QueryCount()-before)
}

func BenchmarkAnalytics(b *testing.B) {
	storetest.BenchAnalytics(b, neo4jtest.Holding(b, storetest.BenchNetwork()))
}

// BenchmarkSearch: search over 100,000 actors with several names each
// (storetest.SearchBenchNetwork), by the kind of text typed. It replaces
// the network BenchmarkStore keeps in the database, and the other way
// round:
//
//	go test ./internal/store/neo4j -run '^$' -bench Search -benchtime 200x
func BenchmarkSearch(b *testing.B) {
	storetest.BenchSearch(b, neo4jtest.Holding(b, storetest.SearchBenchNetwork()))
}
