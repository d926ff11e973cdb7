package storetest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// hostile is text that would change a query built by pasting values into
// Cypher (or SQL, or a shell): quotes, backticks, braces, comments.
var hostile = []string{
	"'}) DETACH DELETE n //",
	"\"}) MATCH (n) DETACH DELETE n RETURN 1 //",
	"`Actor`) DETACH DELETE n //",
	"$id }) SET n.name = 'pwned' //",
	"\\'; DROP TABLE actors; --",
	"/* {{ }} */ CALL db.clearQueryCaches()",
}

// testInjection puts hostile text in every string a write takes and in
// every filter a read takes: each is stored and read back verbatim, and
// nothing else in the store changes.
func testInjection(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	before := Dump(t, s)

	for i, text := range hostile {
		src, err := s.CreateSource(ctx, store.Source{Title: text, URL: text})
		if err != nil {
			t.Fatalf("CreateSource(%q): %v", text, err)
		}
		in := store.Actor{Kind: store.KindOrganization, Name: text, Description: text, Category: text,
			Names:     []store.LocalizedName{{Value: text, Lang: "en"}},
			Aliases:   []string{text},
			Citations: []store.Citation{{SourceID: src.ID, Excerpt: text}}}
		a, err := s.CreateActor(ctx, in)
		if err != nil {
			t.Fatalf("CreateActor(%q): %v", text, err)
		}
		r, err := s.CreateRelation(ctx, store.Relation{Type: store.PartnersWith, From: a.ID, To: "uzum", Note: text,
			Citations: []store.Citation{{SourceID: src.ID, Excerpt: text}}})
		if err != nil {
			t.Fatalf("CreateRelation(note %q): %v", text, err)
		}

		gotA, err := s.Actor(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		in.ID = a.ID
		if !reflect.DeepEqual(Normalize(*gotA), Normalize(in)) {
			t.Errorf("actor %d read back as %+v, want %+v", i, *gotA, in)
		}
		gotR, err := s.Relation(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if gotR.Note != text || gotR.Citations[0].Excerpt != text {
			t.Errorf("relation %d read back as %+v", i, *gotR)
		}
		gotS, err := s.Source(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		if gotS.Title != text || gotS.URL != text {
			t.Errorf("source %d read back as %+v", i, *gotS)
		}
		hits, err := s.Search(ctx, store.SearchQuery{Text: text, First: 5})
		if err != nil {
			t.Fatalf("Search(%q): %v", text, err)
		}
		if len(hits) != 1 || hits[0].Actor.ID != a.ID || hits[0].Matched != text {
			t.Errorf("Search(%q) = %+v, want the actor named so", text, hits)
		}
		if _, err := s.UpdateActor(ctx, a.ID, store.ActorPatch{Description: &text}); err != nil {
			t.Fatalf("UpdateActor(description %q): %v", text, err)
		}
		for _, err := range []error{s.DeleteRelation(ctx, r.ID), s.DeleteActor(ctx, a.ID)} {
			if err != nil {
				t.Fatal(err)
			}
		}
	}

	// Filters that name no kind or type are refused, whatever they hold.
	bad := store.Kind("STARTUP`) DETACH DELETE n //")
	badType := store.RelationType("FOUNDED]-() DETACH DELETE n //")
	for name, err := range map[string]error{
		"Actors kinds":        second(s.Actors(ctx, store.ActorFilter{Kinds: []store.Kind{bad}}, store.Page{First: 5})),
		"Search kinds":        second(s.Search(ctx, store.SearchQuery{Text: "uz", Kinds: []store.Kind{bad}, First: 5})),
		"Relations types":     second(s.Relations(ctx, "uzum", store.RelationFilter{Types: []store.RelationType{badType}}, store.Page{First: 5})),
		"Neighborhood types":  second(s.Neighborhood(ctx, "uzum", store.NeighborhoodQuery{Depth: 1, Types: []store.RelationType{badType}, Limit: 10})),
		"Neighborhood kinds":  second(s.Neighborhood(ctx, "uzum", store.NeighborhoodQuery{Depth: 1, Kinds: []store.Kind{bad}, Limit: 10})),
		"ShortestPath types":  second(s.ShortestPath(ctx, "uzum", "uz", store.PathQuery{MaxLength: 3, Types: []store.RelationType{badType}})),
		"Paths types":         third(s.Paths(ctx, "uzum", "uz", store.PathQuery{MaxLength: 3, Types: []store.RelationType{badType}}, 3)),
		"Paths kinds":         third(s.Paths(ctx, "uzum", "uz", store.PathQuery{MaxLength: 3, Kinds: []store.Kind{bad}}, 3)),
		"ShortestPath kinds":  second(s.ShortestPath(ctx, "uzum", "uz", store.PathQuery{MaxLength: 3, Kinds: []store.Kind{bad}})),
		"Common types":        third(s.CommonNeighbors(ctx, "uzum", "uz", store.NeighborsQuery{Types: []store.RelationType{badType}, First: 3})),
		"Common kinds":        third(s.CommonNeighbors(ctx, "uzum", "uz", store.NeighborsQuery{Kinds: []store.Kind{bad}, First: 3})),
		"CreateActor kind":    second(s.CreateActor(ctx, store.Actor{Kind: bad, Name: "x"})),
		"CreateRelation type": second(s.CreateRelation(ctx, store.Relation{Type: badType, From: "uzum", To: "uz"})),
	} {
		if !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s with a hostile value: %v, want an invalid-input error", name, err)
		}
	}
	// Hostile ids and cursors name nothing.
	for _, text := range hostile {
		if _, err := s.Actor(ctx, text); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Actor(%q): %v, want not found", text, err)
		}
		if _, err := s.Actors(ctx, store.ActorFilter{Country: text}, store.Page{First: 5}); err != nil {
			t.Errorf("Actors(country %q): %v", text, err)
		}
		if _, err := s.Actors(ctx, store.ActorFilter{}, store.Page{First: 5, After: text}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("Actors(after %q): %v, want invalid", text, err)
		}
	}

	// The test's sources stay (nothing deletes a source), but no one cites
	// them any more, so Dump, which lists the sources cited, leaves them out.
	if after := Dump(t, s); !reflect.DeepEqual(after, before) {
		t.Error("the store changed beyond what the test wrote and deleted")
	}
}

func second[T any](_ T, err error) error { return err }

func third[T, U any](_ T, _ U, err error) error { return err }
