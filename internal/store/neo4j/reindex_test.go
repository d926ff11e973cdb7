package neo4j_test

import (
	"reflect"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

// TestReindexMakesTermsForDataLoadedByHand: a network whose actors came
// without search terms (a hand-written Cypher script) is found by name
// again once Reindex has run.
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
	// What a hand-written script leaves: actors linked to no :Term, and
	// an actor with no :Name node at all.
	for _, q := range []string{
		"MATCH (:Actor)-[r:TERM]->(:Term) DELETE r",
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

// TestOpenMakesTheTermsOfAnOlderLayout: a database an older ecograph
// wrote, whose :Name nodes held their search terms as one string and
// which has no :Term nodes, gets its terms made when the store opens, and
// search then gives what the embedded store gives.
func TestOpenMakesTheTermsOfAnOlderLayout(t *testing.T) {
	ctx := t.Context()
	d := storetest.Fixture()
	em, n4 := bothStores(t, d)
	c := neo4jtest.Config(t)
	drv, err := driver.NewDriverWithContext(c.URI, driver.BasicAuth(c.Username, c.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	for _, q := range []string{
		"MATCH (t:Term) DETACH DELETE t",
		"MATCH (n:Name) SET n.terms = '\ne:' + toLower(n.value) + '\n'",
		"MATCH (m:EcographMeta {key: 'search'}) REMOVE m.layout",
	} {
		if _, err := driver.ExecuteQuery(ctx, drv, q, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(c.Database)); err != nil {
			t.Fatal(err)
		}
	}
	if hits := searchHits(t, n4, store.SearchQuery{Text: "KAIST", First: 10}); len(hits) != 0 {
		t.Fatalf("in the older layout, Search(KAIST) = %v", hits)
	}
	reopened := neo4jtest.OpenAsIs(t)
	for _, text := range []string{"KAIST", "korea", "Uzbekistn", "tashkent", "IT Park Toshkent", "Inha Tashkent"} {
		q := store.SearchQuery{Text: text, First: 10}
		want, got := searchHits(t, em, q), searchHits(t, reopened, q)
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("after Open, Search(%q):\nneo4j    %+v\nembedded %+v", text, got, want)
		}
	}
}
