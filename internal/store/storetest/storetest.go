// Package storetest is the one contract suite every store.Store must
// pass: the embedded store and the Neo4j store answer it alike. A store's
// own tests call Run with a function that opens a new, empty store.
//
// The suite checks every method of store.Store and the rules the stores
// share (ids, conflicts, invalid input naming the field, cascades, keyset
// paging, search tiers, walks, loads) with exact expectations on Fixture,
// a small network written out in fixture.go. What only one store can
// check, such as durability across a restart, belongs to that store's
// tests.
package storetest

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// Opener returns a new, empty store for one test, and arranges (with
// t.Cleanup) to close it; the suite may close it first, so a second Close
// must be harmless.
type Opener func(t *testing.T) store.Store

// Run runs the whole contract suite against the stores open returns.
func Run(t *testing.T, open Opener) {
	t.Run("Empty", func(t *testing.T) { testEmpty(t, open) })
	t.Run("PingClose", func(t *testing.T) { testPingClose(t, open) })
	t.Run("Sources", func(t *testing.T) { testSources(t, open) })
	t.Run("CreateActor", func(t *testing.T) { testCreateActor(t, open) })
	t.Run("CreateActorInvalid", func(t *testing.T) { testCreateActorInvalid(t, open) })
	t.Run("UpdateActor", func(t *testing.T) { testUpdateActor(t, open) })
	t.Run("DeleteActor", func(t *testing.T) { testDeleteActor(t, open) })
	t.Run("CreateRelation", func(t *testing.T) { testCreateRelation(t, open) })
	t.Run("DeleteRelation", func(t *testing.T) { testDeleteRelation(t, open) })
	t.Run("IDNamespace", func(t *testing.T) { testIDNamespace(t, open) })
	t.Run("Batch", func(t *testing.T) { testBatch(t, open) })
	t.Run("ActorsOrder", func(t *testing.T) { testActorsOrder(t, open) })
	t.Run("ActorsFilter", func(t *testing.T) { testActorsFilter(t, open) })
	t.Run("ActorsPaging", func(t *testing.T) { testActorsPaging(t, open) })
	t.Run("ActorsCursorStable", func(t *testing.T) { testActorsCursorStable(t, open) })
	t.Run("Relations", func(t *testing.T) { testRelations(t, open) })
	t.Run("RelationsFilter", func(t *testing.T) { testRelationsFilter(t, open) })
	t.Run("RelationsPaging", func(t *testing.T) { testRelationsPaging(t, open) })
	t.Run("RelationsAfterRename", func(t *testing.T) { testRelationsAfterRename(t, open) })
	t.Run("RelationsOf", func(t *testing.T) { testRelationsOf(t, open) })
	t.Run("Search", func(t *testing.T) { testSearch(t, open) })
	t.Run("SearchScripts", func(t *testing.T) { testSearchScripts(t, open) })
	t.Run("SearchFollowsWrites", func(t *testing.T) { testSearchFollowsWrites(t, open) })
	t.Run("SearchTable", func(t *testing.T) { testSearchTable(t, open) })
	t.Run("SearchRanking", func(t *testing.T) { testSearchRanking(t, open) })
	t.Run("Neighborhood", func(t *testing.T) { testNeighborhood(t, open) })
	t.Run("ShortestPath", func(t *testing.T) { testShortestPath(t, open) })
	t.Run("Paths", func(t *testing.T) { testPaths(t, open) })
	t.Run("AsOf", func(t *testing.T) { testAsOf(t, open) })
	t.Run("KindFilters", func(t *testing.T) { testKindFilters(t, open) })
	t.Run("CommonNeighbors", func(t *testing.T) { testCommonNeighbors(t, open) })
	t.Run("Network", func(t *testing.T) { testNetwork(t, open) })
	t.Run("Load", func(t *testing.T) { testLoad(t, open) })
	t.Run("LoadIdempotent", func(t *testing.T) { testLoadIdempotent(t, open) })
	t.Run("LoadUpsert", func(t *testing.T) { testLoadUpsert(t, open) })
	t.Run("LoadAllOrNothing", func(t *testing.T) { testLoadAllOrNothing(t, open) })
	t.Run("LoadInvalid", func(t *testing.T) { testLoadInvalid(t, open) })
	t.Run("Create", func(t *testing.T) { testCreate(t, open) })
	t.Run("CreateRefused", func(t *testing.T) { testCreateRefused(t, open) })
	t.Run("CreateConcurrent", func(t *testing.T) { testCreateConcurrent(t, open) })
	t.Run("StoreDump", func(t *testing.T) { testStoreDump(t, open) })
	t.Run("Lookup", func(t *testing.T) { testLookup(t, open) })
	t.Run("Injection", func(t *testing.T) { testInjection(t, open) })
	t.Run("Concurrency", func(t *testing.T) { RunConcurrency(t, open) })
	t.Run("Deadline", func(t *testing.T) { testDeadline(t, open) })
}

// Loaded opens a store and loads Fixture into it.
func Loaded(t *testing.T, open Opener) store.Store {
	t.Helper()
	s := open(t)
	if err := s.Load(t.Context(), Fixture()); err != nil {
		t.Fatalf("Load(Fixture()): %v", err)
	}
	return s
}

// Dump reads back everything reachable through the Reader: every actor in
// order, every relation (sorted by id) and every source cited, so that two
// stores, or one store before and after a restart, can be compared.
func Dump(t testing.TB, s store.Store) store.Dataset {
	t.Helper()
	ctx := context.Background()
	var d store.Dataset
	cited := map[string]bool{}
	cite := func(cs []store.Citation) {
		for _, c := range cs {
			cited[c.SourceID] = true
		}
	}
	after := ""
	for {
		page, err := s.Actors(ctx, store.ActorFilter{}, store.Page{First: 100, After: after})
		if err != nil {
			t.Fatalf("Actors: %v", err)
		}
		for i, a := range page.Actors {
			d.Actors = append(d.Actors, Normalize(*a))
			cite(a.Citations)
			after = page.Cursors[i]
		}
		if !page.HasNext {
			break
		}
	}
	for _, a := range d.Actors {
		rafter := ""
		for {
			page, err := s.Relations(ctx, a.ID, store.RelationFilter{Direction: store.Out}, store.Page{First: 100, After: rafter})
			if err != nil {
				t.Fatalf("Relations(%s): %v", a.ID, err)
			}
			for _, e := range page.Edges {
				d.Relations = append(d.Relations, NormalizeRelation(*e.Relation))
				cite(e.Relation.Citations)
				rafter = e.Cursor
			}
			if !page.HasNext {
				break
			}
		}
	}
	slices.SortFunc(d.Relations, func(a, b store.Relation) int { return strings.Compare(a.ID, b.ID) })
	ids := make([]string, 0, len(cited))
	for id := range cited {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	srcs, err := s.SourcesByID(ctx, ids)
	if err != nil {
		t.Fatalf("SourcesByID: %v", err)
	}
	for i, src := range srcs {
		if src == nil {
			t.Errorf("source %q is cited but does not exist", ids[i])
			continue
		}
		d.Sources = append(d.Sources, *src)
	}
	return d
}

// Normalize returns a with empty lists as nil, the form the suite
// compares actors in.
func Normalize(a store.Actor) store.Actor {
	a.Names = nilIfEmpty(a.Names)
	a.Aliases = nilIfEmpty(a.Aliases)
	a.Citations = nilIfEmpty(a.Citations)
	return a
}

// NormalizeRelation returns r with empty lists as nil.
func NormalizeRelation(r store.Relation) store.Relation {
	r.Citations = nilIfEmpty(r.Citations)
	return r
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// fixtureActor returns the Fixture's actor id.
func fixtureActor(t *testing.T, id string) store.Actor {
	t.Helper()
	for _, a := range Fixture().Actors {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("the fixture has no actor %q", id)
	return store.Actor{}
}

func fixtureRelation(t *testing.T, id string) store.Relation {
	t.Helper()
	for _, r := range Fixture().Relations {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("the fixture has no relation %q", id)
	return store.Relation{}
}

// Checks on results and errors.

func sameActor(t *testing.T, what string, got *store.Actor, want store.Actor) {
	t.Helper()
	if got == nil {
		t.Fatalf("%s: got no actor, want %q", what, want.ID)
	}
	if g, w := Normalize(*got), Normalize(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

func sameRelation(t *testing.T, what string, got *store.Relation, want store.Relation) {
	t.Helper()
	if got == nil {
		t.Fatalf("%s: got no relation, want %q", what, want.ID)
	}
	if g, w := NormalizeRelation(*got), NormalizeRelation(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// wantInvalid checks that err is a *store.InvalidError naming field.
func wantInvalid(t *testing.T, what string, err error, field string) {
	t.Helper()
	var inv *store.InvalidError
	if !errors.As(err, &inv) || !errors.Is(err, store.ErrInvalid) {
		t.Errorf("%s: got error %v, want an InvalidError on %q", what, err, field)
		return
	}
	if inv.Field != field {
		t.Errorf("%s: the error names field %q (%v), want %q", what, inv.Field, err, field)
	}
}

func wantNotFound(t *testing.T, what string, err error, kind, id string) {
	t.Helper()
	var nf *store.NotFoundError
	if !errors.As(err, &nf) || !errors.Is(err, store.ErrNotFound) {
		t.Errorf("%s: got error %v, want a NotFoundError", what, err)
		return
	}
	if nf.What != kind || nf.ID != id {
		t.Errorf("%s: got NotFoundError{%q, %q}, want {%q, %q}", what, nf.What, nf.ID, kind, id)
	}
}

func wantConflict(t *testing.T, what string, err error, id string) {
	t.Helper()
	var c *store.ConflictError
	if !errors.As(err, &c) || !errors.Is(err, store.ErrConflict) {
		t.Errorf("%s: got error %v, want a ConflictError", what, err)
		return
	}
	if c.ID != id {
		t.Errorf("%s: the conflict names id %q, want %q", what, c.ID, id)
	}
}

func wantIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func actorIDs(as []*store.Actor) []string {
	ids := make([]string, len(as))
	for i, a := range as {
		if a == nil {
			ids[i] = "<nil>"
			continue
		}
		ids[i] = a.ID
	}
	return ids
}

func relationIDs(rs []*store.Relation) []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		if r == nil {
			ids[i] = "<nil>"
			continue
		}
		ids[i] = r.ID
	}
	return ids
}

func ptr[T any](v T) *T { return &v }
