package neo4j_test

import (
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

// TestReindexMakesTermsForDataLoadedByHand: a network whose :Name nodes
// came without terms (a Cypher script, an older ecograph) is found by
// name again once Reindex has run.
func TestReindexMakesTermsForDataLoadedByHand(t *testing.T) {
	ctx := t.Context()
	s := neo4jtest.Open(t)
	d := storetest.Fixture()
	if err := s.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	c := neo4jtest.Config(t)
	drv, err := driver.NewDriverWithContext(c.URI, driver.BasicAuth(c.Username, c.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	// What a hand-written script leaves: names without terms, and an
	// actor with no :Name node at all.
	for _, q := range []string{
		"MATCH (n:Name) REMOVE n.terms",
		"MATCH (:Actor {id: 'kaist'})-[:NAMED]->(n:Name) DETACH DELETE n",
	} {
		if _, err := driver.ExecuteQuery(ctx, drv, q, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(c.Database)); err != nil {
			t.Fatal(err)
		}
	}
	search := func(text string) []store.SearchHit {
		t.Helper()
		hits, err := s.Search(ctx, store.SearchQuery{Text: text, First: 10})
		if err != nil {
			t.Fatal(err)
		}
		return hits
	}
	if hits := search("KAIST"); len(hits) != 0 {
		t.Fatalf("before Reindex, Search(KAIST) = %v", hits)
	}
	n, err := s.Reindex(ctx)
	if err != nil || n != len(d.Actors) {
		t.Fatalf("Reindex() = %d, %v, want %d actors", n, err, len(d.Actors))
	}
	if hits := search("KAIST"); len(hits) != 1 || hits[0].Actor.ID != "kaist" || hits[0].Score != 1 {
		t.Errorf("after Reindex, Search(KAIST) = %v", hits)
	}
	if hits := search("korea"); len(hits) != 3 || hits[0].Actor.ID != "kr" {
		t.Errorf("after Reindex, Search(korea) = %v", hits)
	}
}
