package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/config"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j"
)

func TestErrorCodes(t *testing.T) {
	api := startAPI(t, nil)
	t.Run("CONFLICT on a taken id", func(t *testing.T) {
		r := api.post(createStartup, startupInput(schID), testKey)
		wantError(t, r, "CONFLICT", schID)
	})
	t.Run("NOT_FOUND deleting what is not there", func(t *testing.T) {
		wantError(t, api.post(`mutation { deleteActor(id: "no-such-actor") }`, nil, testKey), "NOT_FOUND", "no-such-actor")
		wantError(t, api.post(`mutation { deleteRelation(id: "no-such-relation") }`, nil, testKey), "NOT_FOUND", "no-such-relation")
		wantError(t, api.post(`mutation { updateActor(id: "no-such-actor", input: {name: "x"}) { id } }`, nil, testKey), "NOT_FOUND", "no-such-actor")
	})
	t.Run("BAD_USER_INPUT for a relation to a missing actor", func(t *testing.T) {
		r := api.post(`mutation { createRelation(input: {id: "dangling", type: PARTNERS_WITH, from: "`+schID+`", to: "nobody-here"}) { id } }`, nil, testKey)
		wantError(t, r, "BAD_USER_INPUT", "to", "nobody-here")
		var got struct {
			Relation *struct{ ID string } `json:"relation"`
		}
		api.query(`{ relation(id: "dangling") { id } }`, nil, &got)
		if got.Relation != nil {
			t.Fatal("the refused relation was written")
		}
	})
	t.Run("BAD_USER_INPUT naming the field", func(t *testing.T) {
		r := api.post(`mutation { createActor(input: {kind: COUNTRY, name: "Atlantis"}) { id } }`, nil, testKey)
		wantError(t, r, "BAD_USER_INPUT", "isoCode")
		r = api.post(`mutation { createRelation(input: {type: LOCATED_IN, from: "`+schID+`", to: "`+itParkID+`"}) { id } }`, nil, testKey)
		wantError(t, r, "BAD_USER_INPUT", "to", "COUNTRY")
		r = api.post(`{ actors(after: "not-a-cursor") { totalCount } }`, nil, "")
		wantError(t, r, "BAD_USER_INPUT", "after")
	})
	t.Run("BAD_USER_INPUT for a query that does not parse or validate", func(t *testing.T) {
		wantError(t, api.post(`{ actor(id: "x") { name `, nil, ""), "BAD_USER_INPUT")
		wantError(t, api.post(`{ actor(id: "x") { noSuchField } }`, nil, ""), "BAD_USER_INPUT", "noSuchField")
	})
}

func TestLimitsRefuseBeforeAnyStoreWork(t *testing.T) {
	api := startAPI(t, nil)
	deep := "{ actor(id: \"" + schID + "\") { " + strings.Repeat("relations { edges { other { ", 7) + "name" + strings.Repeat(" } } }", 7) + " } }"
	aliases := "{ " + strings.Repeat("", 0)
	for i := range 40 {
		aliases += fmt.Sprintf("a%d: actor(id: \"x\") { id } ", i)
	}
	aliases += "}"
	for _, tc := range []struct {
		name, query, code string
		parts             []string
	}{
		{"first: 1000", `{ actors(first: 1000) { totalCount } }`, "BAD_USER_INPUT", []string{"first", "1000", "100"}},
		{"nested first: 1000", `{ actor(id: "x") { relations(first: 1000) { totalCount } } }`, "BAD_USER_INPUT", []string{"first", "1000"}},
		{"negative first", `{ search(text: "x", first: -1) { matched } }`, "BAD_USER_INPUT", []string{"first"}},
		{"limit: 501", `{ neighborhood(id: "x", limit: 501) { truncated } }`, "BAD_USER_INPUT", []string{"limit", "500"}},
		{"depth: 6", `{ neighborhood(id: "x", depth: 6) { truncated } }`, "BAD_USER_INPUT", []string{"depth"}},
		{"maxLength: 11", `{ shortestPath(from: "x", to: "y", maxLength: 11) { length } }`, "BAD_USER_INPUT", []string{"maxLength"}},
		{"nested 20 levels", deep, "QUERY_TOO_COMPLEX", []string{"levels", "12"}},
		{"40 aliases", aliases, "QUERY_TOO_COMPLEX", []string{"aliases"}},
		{"too complex", `{ actors(first: 100) { edges { node { relations(first: 100) { edges { other { relations(first: 100) { totalCount } } } } } } } }`, "QUERY_TOO_COMPLEX", []string{"complexity"}},
		{"too many tokens", "{ " + strings.Repeat("__typename ", 6000) + "}", "BAD_USER_INPUT", []string{"token"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := api.store.total()
			r := api.post(tc.query, nil, "")
			wantError(t, r, tc.code, tc.parts...)
			if n := api.store.total() - before; n != 0 {
				t.Errorf("the refused query made %d store calls", n)
			}
		})
	}
	t.Run("first in a variable", func(t *testing.T) {
		r := api.post(`query($n: Int) { actors(first: $n) { totalCount } }`, map[string]any{"n": 1000}, "")
		wantError(t, r, "BAD_USER_INPUT", "first", "1000")
	})
}

func TestRelationsResolveTheirFarEndsInOneBatch(t *testing.T) {
	api := startAPI(t, nil)
	api.mutate(`mutation { createActor(input: {id: "hub", kind: ORGANIZATION, name: "Hub", country: "uzbekistan"}) { id } }`, nil, nil)
	for i := range 50 {
		api.mutate(fmt.Sprintf(`mutation {
		  createActor(input: {id: "batch-%02d", kind: STARTUP, name: "Batch %02d", country: "south-korea"}) { id }
		  createRelation(input: {type: FOUNDED, from: "hub", to: "batch-%02d"}) { id }
		}`, i, i, i), nil, nil)
	}
	before, beforeBatch, beforeCypher := api.store.total(), api.store.actorsByID.Load(), neo4j.QueryCount()
	var got struct {
		Actor struct {
			Relations struct {
				Edges []struct {
					Other struct {
						Name    string              `json:"name"`
						Country struct{ ID string } `json:"country"`
					} `json:"other"`
				} `json:"edges"`
			} `json:"relations"`
		} `json:"actor"`
	}
	api.query(`{ actor(id: "hub") { relations(first: 50, types: [FOUNDED]) { edges { other { name country { id } } } } } }`, nil, &got)
	if len(got.Actor.Relations.Edges) != 50 || got.Actor.Relations.Edges[49].Other.Country.ID != "south-korea" {
		t.Fatalf("got %d edges", len(got.Actor.Relations.Edges))
	}
	// One call for the actor, one for the page, and the far ends and their
	// countries in a batch each; without batching this would be 100 calls.
	calls, batches := api.store.total()-before, api.store.actorsByID.Load()-beforeBatch
	t.Logf("%d store calls, %d of them ActorsByID", calls, batches)
	if batches > 3 || calls > 6 {
		t.Fatalf("a 50-relation page made %d store calls (%d ActorsByID); the far ends are not batched", calls, batches)
	}
	// On Neo4j: the actor; the page with its total and far ends; the far
	// ends' countries.
	if testStore() == config.StoreNeo4j {
		cypher := neo4j.QueryCount() - beforeCypher
		t.Logf("%d Cypher queries", cypher)
		if cypher > 3 {
			t.Fatalf("the nested request sent %d Cypher queries, want at most 3", cypher)
		}
	}
}

func TestInternalErrorsLeakNothing(t *testing.T) {
	api := startAPI(t, nil)
	api.store.Store = failingStore{Store: api.store.Store, err: errors.New("open /srv/secret/ecograph.db: bbolt: MATCH (n) stack trace")}
	r := api.post(`{ actor(id: "`+schID+`") { name } }`, nil, "")
	e := wantError(t, r, "INTERNAL")
	for _, leak := range []string{"/srv", "bbolt", "MATCH", "stack", "secret"} {
		if strings.Contains(e.Message, leak) {
			t.Errorf("INTERNAL error leaks %q: %q", leak, e.Message)
		}
	}
	api.store.Store = failingStore{Store: api.store.Store, panic: true}
	r = api.post(`{ actor(id: "`+schID+`") { name } }`, nil, "")
	e = wantError(t, r, "INTERNAL")
	if strings.Contains(e.Message, "goroutine") || strings.Contains(e.Message, ".go:") {
		t.Errorf("a panic leaks: %q", e.Message)
	}
	api.store.Store = failingStore{Store: api.store.Store, err: &store.UnavailableError{Message: "the store is not answering; try again shortly", Err: errors.New("dial tcp 10.0.0.1:7687")}}
	r = api.post(`{ actor(id: "`+schID+`") { name } }`, nil, "")
	e = wantError(t, r, "UNAVAILABLE", "try again")
	if strings.Contains(e.Message, "10.0.0.1") {
		t.Errorf("UNAVAILABLE leaks the cause: %q", e.Message)
	}
}

// failingStore fails or panics on Actor, as a broken store would.
type failingStore struct {
	store.Store
	err   error
	panic bool
}

func (f failingStore) Actor(ctx context.Context, id string) (*store.Actor, error) {
	if f.panic {
		panic("open /srv/secret/ecograph.db: index out of range")
	}
	return nil, f.err
}

func TestReadyzFollowsTheStore(t *testing.T) {
	api := startAPI(t, nil)
	if api.status("/healthz") != 200 || api.status("/readyz") != 200 {
		t.Fatal("healthz and readyz should be 200 on a working server")
	}
	_ = api.store.Store.Close()
	if got := api.status("/readyz"); got != http.StatusServiceUnavailable {
		t.Fatalf("readyz with a closed store: %d, want 503", got)
	}
	if api.status("/healthz") != 200 {
		t.Fatal("healthz says whether the process lives, whatever the store does")
	}
}
