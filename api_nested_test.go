package main

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/ecograph/ecograph/internal/config"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j"
)

// nestedNetwork: 12 universities, the i-th founding i startups (named so
// that their order by name is not their order by id) and partnering the
// next university, for pages of every length.
func nestedNetwork() *store.Dataset {
	d := &store.Dataset{Sources: []store.Source{{ID: "notes", Title: "Hand-made test network"}}}
	for i := range 12 {
		u := fmt.Sprintf("uni-%02d", i)
		d.Actors = append(d.Actors, store.Actor{ID: u, Kind: store.KindUniversity, Name: fmt.Sprintf("University %c", 'L'-i)})
		for j := range i {
			s := fmt.Sprintf("%s-startup-%02d", u, j)
			d.Actors = append(d.Actors, store.Actor{ID: s, Kind: store.KindStartup, Name: fmt.Sprintf("Startup %c of %d", 'Z'-j*3%26, i)})
			d.Relations = append(d.Relations, store.Relation{ID: "founded-" + s, Type: store.Founded, From: u, To: s})
		}
		if i > 0 {
			d.Relations = append(d.Relations, store.Relation{ID: fmt.Sprintf("partners-%02d", i), Type: store.PartnersWith, From: u, To: fmt.Sprintf("uni-%02d", i-1)})
		}
	}
	return d
}

// TestNestedRelationPagesInOneBatch: the relation pages of a list of
// actors come from one batch, and each is the page the actor alone gets:
// edges, order, cursors, totalCount and pageInfo, on the first page and
// after a cursor.
func TestNestedRelationPagesInOneBatch(t *testing.T) {
	api := startAPIWith(t, nil, nestedNetwork())
	const page = `{ totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
		edges { cursor direction node { id type } other { id name } } }`
	type nested struct {
		Actors struct {
			Edges []struct {
				Node struct {
					ID        string          `json:"id"`
					Relations json.RawMessage `json:"relations"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"actors"`
	}
	// A cursor of uni-11's FOUNDED list: after it, each university's
	// startups named later than its third.
	var start struct {
		Actor struct {
			Relations struct {
				PageInfo struct{ EndCursor string } `json:"pageInfo"`
			} `json:"relations"`
		} `json:"actor"`
	}
	api.query(`{ actor(id: "uni-11") { relations(types: [FOUNDED], first: 3) { pageInfo { endCursor } } } }`, nil, &start)
	for _, c := range []struct{ name, args string }{
		{"first 4 founded", `types: [FOUNDED], first: 4`},
		{"both ways, first 2", `first: 2`},
		{"out, after a cursor", `direction: OUT, types: [FOUNDED], first: 3, after: "` + start.Actor.Relations.PageInfo.EndCursor + `"`},
		{"count only", `first: 0`},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, beforeCypher := api.store.relationPages.Load(), neo4j.QueryCount()
			var got nested
			api.query(`{ actors(kinds: [UNIVERSITY], first: 20) { edges { node { id relations(`+c.args+`) `+page+` } } } }`, nil, &got)
			batches, cypher := api.store.relationPages.Load()-before, neo4j.QueryCount()-beforeCypher
			if n := len(got.Actors.Edges); n != 12 {
				t.Fatalf("%d universities, want 12", n)
			}
			// Without the batch, 12 calls; gqlgen resolves the siblings
			// concurrently and the loader waits a moment for them, which a
			// busy machine may stretch.
			if batches > 4 {
				t.Errorf("the 12 universities' pages took %d store calls; they are not batched", batches)
			}
			if testStore() == config.StoreNeo4j && cypher > 1+batches {
				t.Errorf("the nested request sent %d Cypher statements for %d batches and the list", cypher, batches)
			}
			for _, e := range got.Actors.Edges {
				var alone struct {
					Actor struct {
						Relations json.RawMessage `json:"relations"`
					} `json:"actor"`
				}
				api.query(`query($id: ID!) { actor(id: $id) { relations(`+c.args+`) `+page+` } }`, map[string]any{"id": e.Node.ID}, &alone)
				if string(e.Node.Relations) != string(alone.Actor.Relations) {
					t.Errorf("%s's page in the list\n%s\nis not its page alone\n%s", e.Node.ID, e.Node.Relations, alone.Actor.Relations)
				}
			}
		})
	}
}

// TestActorAndItsPageInOneRead: actor(id) with a page of its relations is
// one store call (one Cypher statement on Neo4j), with the answer the
// actor and its page get when read apart (through nodes, which reads the
// actor alone); pages with different arguments, or arguments the API
// refuses, are answered as before.
func TestActorAndItsPageInOneRead(t *testing.T) {
	api := startAPIWith(t, nil, nestedNetwork())
	for _, c := range []struct {
		name, id, vars, selection string
		values                    map[string]any
		calls                     int64
	}{
		{"a page", "uni-09", "", `id name relations(types: [FOUNDED], first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } other { id name } } }`, nil, 1},
		{"in a fragment, from variables", "uni-09", `($n: Int, $t: [RelationType!])`, `... on University { name relations(types: $t, first: $n, direction: OUT) { totalCount edges { node { id } } } }`,
			map[string]any{"n": 2, "t": "FOUNDED"}, 1},
		{"the count alone", "uni-05", "", `relations(first: 0) { totalCount }`, nil, 1},
		{"no such actor", "nobody", "", `name relations { totalCount }`, nil, 1},
		{"two different pages", "uni-09", "", `a: relations(first: 1) { edges { node { id } } } b: relations(first: 2) { edges { node { id } } }`, nil, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, beforeCypher := api.store.total(), neo4j.QueryCount()
			var got struct {
				Actor json.RawMessage `json:"actor"`
			}
			api.query(`query`+c.vars+` { actor(id: "`+c.id+`") { `+c.selection+` } }`, c.values, &got)
			calls, cypher := api.store.total()-before, neo4j.QueryCount()-beforeCypher
			if calls != c.calls {
				t.Errorf("%d store calls, want %d", calls, c.calls)
			}
			if testStore() == config.StoreNeo4j && cypher != c.calls {
				t.Errorf("%d Cypher statements, want %d", cypher, c.calls)
			}
			var apart struct {
				Nodes []json.RawMessage `json:"nodes"`
			}
			api.query(`query`+c.vars+` { nodes(ids: ["`+c.id+`"]) { ... on Actor { `+c.selection+` } } }`, c.values, &apart)
			if string(got.Actor) != string(apart.Nodes[0]) {
				t.Errorf("actor(id) answered\n%s\nand read apart\n%s", got.Actor, apart.Nodes[0])
			}
		})
	}
	r := api.post(`{ actor(id: "uni-09") { name relations(first: 2, after: "garbage!") { totalCount } } }`, nil, "")
	wantError(t, r, "BAD_USER_INPUT", "after")
}
