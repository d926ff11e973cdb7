package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/ecograph/ecograph/internal/config"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/neo4j"
)

// countriesNetwork: three countries and 30 universities, most in one of
// them, the i-th founding i%7 startups and programs (names repeat across
// universities, so that ties in the far end's name are broken by id; some
// relations dated), partnering the university before it, and attending
// an event of its country.
func countriesNetwork() *store.Dataset {
	d := &store.Dataset{Sources: []store.Source{{ID: "notes", Title: "Hand-made test network"}}}
	countries := []struct{ id, name, iso string }{{"kr", "South Korea", "KR"}, {"de", "Germany", "DE"}, {"fr", "France", "FR"}}
	for _, c := range countries {
		d.Actors = append(d.Actors, store.Actor{ID: c.id, Kind: store.KindCountry, Name: c.name, IsoCode: c.iso})
		d.Actors = append(d.Actors, store.Actor{ID: "fair-" + c.id, Kind: store.KindEvent, Name: "Fair of " + c.name, CountryID: c.id})
	}
	for i := range 30 {
		u := fmt.Sprintf("u%02d", i)
		country := ""
		if i%10 != 9 { // every tenth in no country
			country = countries[i%3].id
		}
		// Names out of id order, some the same (ordered by id then).
		d.Actors = append(d.Actors, store.Actor{ID: u, Kind: store.KindUniversity, Name: fmt.Sprintf("University %c", 'A'+(29-i)%13), CountryID: country})
		for j := range i % 7 {
			id := fmt.Sprintf("%s-s%d", u, j)
			kind := store.KindStartup
			if j == 2 {
				kind = store.KindProgram
			}
			d.Actors = append(d.Actors, store.Actor{ID: id, Kind: kind, Name: fmt.Sprintf("Venture %c", 'A'+(j*5)%4), CountryID: country})
			r := store.Relation{ID: "founded-" + id, Type: store.Founded, From: u, To: id}
			if j%2 == 0 {
				r.Since, _ = store.ParseDate(fmt.Sprintf("20%02d-0%d", 10+j, 1+j))
			}
			d.Relations = append(d.Relations, r)
		}
		if i > 0 {
			d.Relations = append(d.Relations, store.Relation{ID: fmt.Sprintf("partners-%02d", i), Type: store.PartnersWith, From: u, To: fmt.Sprintf("u%02d", i-1)})
		}
		if country != "" {
			d.Relations = append(d.Relations, store.Relation{ID: "at-fair-" + u, Type: store.ParticipatedIn, From: u, To: "fair-" + country})
		}
	}
	return d
}

// nestedPage is what the tests below ask of each actor's relations.
const nestedPage = `{ totalCount pageInfo { hasNextPage startCursor endCursor }
	edges { cursor direction node { id type since } other { id name kind } } }`

// TestNestedListIsOneStatement: a page of actors whose nodes ask one page
// of relations each (the first 10 FOUNDED relations of a country's
// universities, with the far ends) is one store call, one Cypher
// statement on Neo4j, whether the answer is written in one pass or by
// gqlgen (a fragment), on the first pages and after cursors; two
// different pages of relations are read as before.
func TestNestedListIsOneStatement(t *testing.T) {
	api := startAPIWith(t, nil, countriesNetwork())
	var first struct {
		Actors struct {
			PageInfo struct{ EndCursor string } `json:"pageInfo"`
			Edges    []struct {
				Node struct {
					Relations struct {
						PageInfo struct{ EndCursor string } `json:"pageInfo"`
					} `json:"relations"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"actors"`
	}
	api.query(`{ actors(kinds: [UNIVERSITY], country: "kr", first: 2) { pageInfo { endCursor }
		edges { node { relations(direction: OUT, types: [FOUNDED], first: 1) { pageInfo { endCursor } } } } } }`, nil, &first)
	after, relAfter := first.Actors.PageInfo.EndCursor, first.Actors.Edges[1].Node.Relations.PageInfo.EndCursor
	for _, c := range []struct {
		name, query string
		vars        map[string]any
		statements  int64
	}{
		{"the bench's list", `query($country: ID!) { actors(kinds: [UNIVERSITY], country: $country, first: 20) { edges { node { id name
			relations(direction: OUT, types: [FOUNDED], first: 10) { edges { node { id since } other { id name } } } } } } }`, map[string]any{"country": "kr"}, 1},
		{"with totals and pageInfo", `{ actors(country: "de", first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id relations(first: 3) ` + nestedPage + ` } } } }`, nil, 1},
		{"after cursors", `query($a: String, $r: String) { actors(kinds: [UNIVERSITY], country: "kr", first: 3, after: $a) { edges { node { id
			relations(direction: OUT, types: [FOUNDED], first: 2, after: $r) ` + nestedPage + ` } } } }`, map[string]any{"a": after, "r": relAfter}, 1},
		{"through gqlgen (a fragment)", `{ actors(kinds: [UNIVERSITY], first: 20) { edges { node { ... on University { id description
			relations(types: [FOUNDED, PARTNERS_WITH], first: 4) ` + nestedPage + ` } } } } }`, nil, 1},
		{"the same page twice, aliased", `{ actors(first: 8) { edges { node { a: relations(first: 2) { totalCount } b: relations(first: 2) { totalCount } } } } }`, nil, 1},
		{"two different pages", `{ actors(kinds: [UNIVERSITY], first: 8) { edges { node { a: relations(first: 1) { totalCount } b: relations(first: 2) { totalCount } } } } }`, nil, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, beforeCypher := api.store.total(), neo4j.QueryCount()
			r := api.post(c.query, c.vars, testKey)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			calls, cypher := api.store.total()-before, neo4j.QueryCount()-beforeCypher
			if testStore() == config.StoreNeo4j {
				if cypher != c.statements {
					t.Errorf("%d Cypher statements, want %d", cypher, c.statements)
				}
				if calls != c.statements {
					t.Errorf("%d store calls, want %d", calls, c.statements)
				}
			} else if calls > 5 {
				// The embedded store reads the relations apart, through the
				// loader, whose batches a busy machine may split
				// (TestNestedRelationPagesInOneBatch).
				t.Errorf("%d store calls for a page of actors and their relations", calls)
			}
		})
	}
}

// TestNestedListAsEmbedded: the nested list on Neo4j answers what the
// embedded store answers with the same data, byte for byte, for every
// country (and none), kind filter, length of page, page of actors after
// page (by their cursors) and page of relations (after a cursor too),
// through the one-pass answer and through gqlgen; each actor's far ends
// primed into the loader answer their country.
func TestNestedListAsEmbedded(t *testing.T) {
	if testStore() != config.StoreNeo4j {
		t.Skip("compares the Neo4j store with the embedded one; runs in the Neo4j pass")
	}
	d := countriesNetwork()
	api := startAPIWith(t, nil, d)
	twin := embeddedTwin(t, api, d)
	// A cursor into u04's FOUNDED relations (after its second), which
	// every university's page is then read after.
	var start struct {
		Actor struct {
			Relations struct {
				PageInfo struct{ EndCursor string } `json:"pageInfo"`
			} `json:"relations"`
		} `json:"actor"`
	}
	twin.query(`{ actor(id: "u04") { relations(types: [FOUNDED], first: 2) { pageInfo { endCursor } } } }`, nil, &start)
	relCursor := start.Actor.Relations.PageInfo.EndCursor
	relations := []string{
		`direction: OUT, types: [FOUNDED], first: 10`,
		`direction: OUT, types: [FOUNDED], first: 2`,
		`first: 3`,
		`direction: IN, first: 2`,
		`types: [FOUNDED, PARTNERS_WITH], first: 0`,
		`direction: OUT, types: [FOUNDED], first: 2, after: "` + relCursor + `"`,
		`first: 4, after: "` + relCursor + `"`,
	}
	selections := []string{
		`id name relations(%s) ` + nestedPage,
		// Through gqlgen; the far ends' countries come from the loader.
		`id ... on University { name relations(%s) { totalCount pageInfo { hasNextPage hasPreviousPage }
			edges { node { id } other { id name country { id name } } } } }`,
	}
	lists := []string{`country: "kr"`, `country: "de"`, `country: "fr"`, `country: "nowhere"`, `kinds: [UNIVERSITY]`, `kinds: [UNIVERSITY, STARTUP], country: "kr"`, ``}
	for _, list := range lists {
		for _, first := range []int{3, 20} {
			for _, rel := range relations {
				for s, sel := range selections {
					name := fmt.Sprintf("%s first %d, relations(%s), selection %d", list, first, rel, s)
					query := `query($after: String) { actors(` + list + fmt.Sprintf(` first: %d, after: $after)`, first) +
						` { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ` +
						fmt.Sprintf(sel, rel) + ` } } } }`
					// Every page of the list, by its cursors, up to 12.
					after := ""
					for page := 0; page < 12; page++ {
						vars := map[string]any{"after": nil}
						if after != "" {
							vars["after"] = after
						}
						got, want := api.post(query, vars, testKey), twin.post(query, vars, testKey)
						if string(got.Data) != string(want.Data) || fmt.Sprint(got.Errors) != fmt.Sprint(want.Errors) {
							t.Fatalf("%s, page %d: Neo4j answered\n%s %+v\nthe embedded store\n%s %+v", name, page, got.Data, got.Errors, want.Data, want.Errors)
						}
						var next struct {
							Actors struct {
								PageInfo struct {
									HasNextPage bool   `json:"hasNextPage"`
									EndCursor   string `json:"endCursor"`
								} `json:"pageInfo"`
							} `json:"actors"`
						}
						if err := json.Unmarshal(want.Data, &next); err != nil {
							t.Fatal(err)
						}
						if !next.Actors.PageInfo.HasNextPage {
							break
						}
						after = next.Actors.PageInfo.EndCursor
					}
				}
			}
		}
	}
}

// embeddedTwin is api's server over an embedded store holding d.
func embeddedTwin(t *testing.T, api *apiServer, d *store.Dataset) *apiServer {
	t.Helper()
	st, err := embedded.Open(filepath.Join(t.TempDir(), "twin.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Load(context.Background(), *d); err != nil {
		t.Fatal(err)
	}
	tokens, err := loadTokens(t.Context(), api.cfg)
	if err != nil {
		t.Fatal(err)
	}
	twin := &apiServer{t: t, cfg: api.cfg, store: &countingStore{Store: st}}
	twin.http = httptest.NewServer(newHandlerWith(api.cfg, twin.store, slog.New(slog.NewTextHandler(io.Discard, nil)), tokens))
	t.Cleanup(twin.close)
	return twin
}
