package neo4j_test

import (
	"fmt"
	"reflect"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
)

// TestSearchPassesOverActorsLinkedToOtherTerms: an actor linked to a
// :Term its names do not have (written by a script, or by other folding
// rules) is found by the full tiers but does not score, so the page needs
// one more actor of the typo tier than Neo4j counted; the store reads it
// (by a second statement) and gives the same hits, names matched and
// scores as the embedded store, which has no such link. (A page that such
// an actor leaves short because Neo4j counted the full tiers full, as
// "Zephyr" would, or that it takes a place of the typo tier in, was so
// before too.)
func TestSearchPassesOverActorsLinkedToOtherTerms(t *testing.T) {
	d := store.Dataset{Actors: []store.Actor{{ID: "alpha", Kind: store.KindOrganization, Name: "Alpha Works"}}}
	for i := range 14 {
		d.Actors = append(d.Actors, store.Actor{ID: fmt.Sprintf("zephyr-%02d", i), Kind: store.KindStartup, Name: fmt.Sprintf("Zephyr %02d", i)})
	}
	em, n4 := bothStores(t, d)
	c := neo4jtest.Config(t)
	drv, err := driver.NewDriverWithContext(c.URI, driver.BasicAuth(c.Username, c.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(t.Context())
	link := "MATCH (a:Actor {id: 'alpha'}), (t:Term) WHERE t.k IN ['l:zephyr13', 'w:zephyr13'] CREATE (a)-[:TERM]->(t)"
	if _, err := driver.ExecuteQuery(t.Context(), drv, link, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(c.Database)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text       string
		first      int
		statements int64 // 2: the typo tier read again
	}{
		{"Zephyr 1", 14, 2}, {"Zephyr 1", 6, 2}, {"Zephyr 13", 10, 2}, {"Zephir 13", 10, 1},
	} {
		q := store.SearchQuery{Text: tc.text, First: tc.first}
		want := searchHits(t, em, q)
		before := neo4j.QueryCount()
		got := searchHits(t, n4, q)
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("Search(%q, first %d):\nneo4j    %+v\nembedded %+v", tc.text, tc.first, got, want)
		}
		if n := neo4j.QueryCount() - before; n != tc.statements {
			t.Errorf("Search(%q, first %d) sent %d statements, want %d", tc.text, tc.first, n, tc.statements)
		}
	}
}
