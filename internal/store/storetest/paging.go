package storetest

import (
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// allActors pages through Actors with pages of size first and checks each
// page's cursors, totals and HasNext on the way.
func allActors(t *testing.T, s store.Store, f store.ActorFilter, first int) ([]string, []int) {
	t.Helper()
	var ids []string
	var sizes []int
	after := ""
	for range 1000 {
		page, err := s.Actors(t.Context(), f, store.Page{First: first, After: after})
		must(t, "Actors", err)
		if len(page.Cursors) != len(page.Actors) {
			t.Fatalf("a page of %d actors has %d cursors", len(page.Actors), len(page.Cursors))
		}
		for i, a := range page.Actors {
			if page.Cursors[i] != store.ActorCursor(a) {
				t.Errorf("the cursor of %s is not store.ActorCursor", a.ID)
			}
		}
		ids = append(ids, actorIDs(page.Actors)...)
		sizes = append(sizes, len(page.Actors))
		if !page.HasNext {
			if page.Total != len(ids) {
				t.Errorf("Total %d, but the pages held %d actors", page.Total, len(ids))
			}
			return ids, sizes
		}
		if len(page.Actors) == 0 {
			t.Fatal("an empty page says more follow")
		}
		after = page.Cursors[len(page.Cursors)-1]
	}
	t.Fatal("paging does not end")
	return nil, nil
}

func testActorsOrder(t *testing.T, open Opener) {
	s := Loaded(t, open)
	page, err := s.Actors(t.Context(), store.ActorFilter{}, store.Page{First: 100})
	must(t, "Actors", err)
	wantIDs(t, "every actor in order", actorIDs(page.Actors), fixtureOrder)
	if page.Total != len(fixtureOrder) || page.HasNext {
		t.Errorf("Total %d, HasNext %v; want %d, false", page.Total, page.HasNext, len(fixtureOrder))
	}
	sameActor(t, "the first actor", page.Actors[0], fixtureActor(t, "ict-week"))

	// First 0 is an empty page that still counts and says more follow.
	page, err = s.Actors(t.Context(), store.ActorFilter{}, store.Page{First: 0})
	must(t, "Actors(first 0)", err)
	if len(page.Actors) != 0 || page.Total != len(fixtureOrder) || !page.HasNext {
		t.Errorf("Actors(first 0) = %d actors, total %d, HasNext %v", len(page.Actors), page.Total, page.HasNext)
	}
}

func testActorsFilter(t *testing.T, open Opener) {
	s := Loaded(t, open)
	for _, c := range []struct {
		name   string
		filter store.ActorFilter
		want   []string
	}{
		{"startups", store.ActorFilter{Kinds: []store.Kind{store.KindStartup}}, []string{"nova-kr", "nova-uz", "payme", "toss", "uzum"}},
		{"startups and events", store.ActorFilter{Kinds: []store.Kind{store.KindStartup, store.KindEvent}}, []string{"ict-week", "demo-day", "nova-kr", "nova-uz", "payme", "toss", "uzum"}},
		{"repeated kind", store.ActorFilter{Kinds: []store.Kind{store.KindCountry, store.KindCountry}}, []string{"kz", "kr", "uz"}},
		{"in uz", store.ActorFilter{Country: "uz"}, []string{"ict-week", "inha-tashkent", "it-park-residency", "it-park", "mitc", "nova-uz", "payme", "tuit", "uzum", "uz-innovation-agency"}},
		{"startups in uz", store.ActorFilter{Country: "uz", Kinds: []store.Kind{store.KindStartup}}, []string{"nova-uz", "payme", "uzum"}},
		{"programmes and organisations in kr", store.ActorFilter{Country: "kr", Kinds: []store.Kind{store.KindProgram, store.KindOrganization}}, []string{"k-startup-grand-challenge", "kised"}},
		{"in kz", store.ActorFilter{Country: "kz"}, nil},
		{"in a missing country", store.ActorFilter{Country: "atlantis"}, nil},
	} {
		page, err := s.Actors(t.Context(), c.filter, store.Page{First: 100})
		must(t, c.name, err)
		wantIDs(t, c.name, actorIDs(page.Actors), c.want)
		if page.Total != len(c.want) || page.HasNext {
			t.Errorf("%s: Total %d, HasNext %v; want %d, false", c.name, page.Total, page.HasNext, len(c.want))
		}
		// The same list in pages of two.
		ids, _ := allActors(t, s, c.filter, 2)
		wantIDs(t, c.name+" in pages of 2", ids, c.want)
	}
}

func testActorsPaging(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ids, sizes := allActors(t, s, store.ActorFilter{}, 5)
	wantIDs(t, "every actor in pages of 5", ids, fixtureOrder)
	if want := []int{5, 5, 5, 4}; !slices.Equal(sizes, want) {
		t.Errorf("page sizes %v, want %v", sizes, want)
	}
	// The last page of an exact multiple says nothing follows.
	page, err := s.Actors(t.Context(), store.ActorFilter{Kinds: []store.Kind{store.KindCountry}}, store.Page{First: 3})
	must(t, "Actors(countries, first 3)", err)
	if len(page.Actors) != 3 || page.HasNext || page.Total != 3 {
		t.Errorf("three countries in a page of 3: %d actors, HasNext %v, Total %d", len(page.Actors), page.HasNext, page.Total)
	}
	for _, bad := range []string{"garbage!", "bm90IGEgY3Vyc29y", store.RelationKey{Type: store.LocatedIn, OtherKey: "x", OtherID: "x", RelationID: "x"}.Cursor()} {
		_, err := s.Actors(t.Context(), store.ActorFilter{}, store.Page{First: 5, After: bad})
		wantInvalid(t, "Actors after "+bad, err, "after")
	}
	_, err = s.Actors(t.Context(), store.ActorFilter{Kinds: []store.Kind{"PLANET"}}, store.Page{First: 5})
	wantInvalid(t, "Actors of an unknown kind", err, "kinds")
}

// testActorsCursorStable: a cursor stays valid when its own actor, or one
// on the next page, is deleted between the pages.
func testActorsCursorStable(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	page, err := s.Actors(ctx, store.ActorFilter{}, store.Page{First: 5})
	must(t, "Actors", err)
	wantIDs(t, "page 1", actorIDs(page.Actors), fixtureOrder[:5])
	cursor := page.Cursors[4] // demo-day
	must(t, "DeleteActor(demo-day)", s.DeleteActor(ctx, "demo-day"))
	must(t, "DeleteActor(kaist)", s.DeleteActor(ctx, "kaist"))
	page, err = s.Actors(ctx, store.ActorFilter{}, store.Page{First: 5, After: cursor})
	must(t, "Actors after a deleted actor's cursor", err)
	wantIDs(t, "page 2", actorIDs(page.Actors), []string{"k-startup-grand-challenge", "kz", "kised", "mitc", "nova-kr"})
	if page.Total != len(fixtureOrder)-2 || !page.HasNext {
		t.Errorf("page 2: Total %d, HasNext %v", page.Total, page.HasNext)
	}

	// An actor added before the cursor does not show; one after it does.
	_, err = s.CreateActor(ctx, store.Actor{ID: "aaa", Kind: store.KindStartup, Name: "AAA"})
	must(t, "CreateActor", err)
	_, err = s.CreateActor(ctx, store.Actor{ID: "kazan-forum", Kind: store.KindEvent, Name: "Kazan Forum"})
	must(t, "CreateActor", err)
	page, err = s.Actors(ctx, store.ActorFilter{}, store.Page{First: 5, After: cursor})
	must(t, "Actors", err)
	wantIDs(t, "page 2 after inserts", actorIDs(page.Actors), []string{"k-startup-grand-challenge", "kz", "kazan-forum", "kised", "mitc"})
}

func edgeRelationIDs(es []store.RelationEdge) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.Relation.ID
	}
	return ids
}

func testRelations(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	page, err := s.Relations(ctx, "it-park", store.RelationFilter{}, store.Page{First: 50})
	must(t, "Relations(it-park)", err)
	want := []struct {
		id, other string
		dir       store.Direction
	}{
		{"mitc-founded-itpark", "mitc", store.In},
		{"itpark-interested-kaist", "kaist", store.Out},
		{"itpark-in-uz", "uz", store.Out},
		{"itpark-offers-residency", "it-park-residency", store.Out},
		{"itpark-organized-ictweek", "ict-week", store.Out},
		{"itpark-partners-kised", "kised", store.Out},
	}
	if len(page.Edges) != len(want) || page.Total != len(want) || page.HasNext {
		t.Fatalf("it-park: %q, Total %d, HasNext %v", edgeRelationIDs(page.Edges), page.Total, page.HasNext)
	}
	for i, w := range want {
		e := page.Edges[i]
		if e.Relation.ID != w.id || e.Other != w.other || e.Direction != w.dir {
			t.Errorf("edge %d = {%s %s %s}, want {%s %s %s}", i, e.Relation.ID, e.Other, e.Direction, w.id, w.other, w.dir)
		}
		other := fixtureActor(t, w.other)
		key := store.RelationKey{Type: e.Relation.Type, OtherKey: store.SortKey(other.Name), OtherID: other.ID, RelationID: w.id}
		if e.Cursor != key.Cursor() {
			t.Errorf("edge %d's cursor is not its RelationKey's", i)
		}
	}
	sameRelation(t, "it-park's PARTNERS_WITH", page.Edges[5].Relation, fixtureRelation(t, "itpark-partners-kised"))

	// Same type: by the far end's name, then its id, then the relation's id.
	for _, c := range []struct {
		actor string
		want  []string
	}{
		{"ict-week", []string{"mitc-hosted-ictweek", "ictweek-in-uz", "itpark-organized-ictweek", "inha-at-ictweek", "kaist-at-ictweek"}},
		{"inha-tashkent", []string{"inha-in-uz", "inha-at-ictweek", "inha-partners-kaist", "kaist-partners-inha"}},
		{"uz", []string{"ictweek-in-uz", "inha-in-uz", "itpark-in-uz", "tuit-in-uz", "uzum-in-uz"}},
		{"it-park-residency", []string{"itpark-offers-residency", "payme-in-residency", "uzum-in-residency"}},
		{"kz", nil},
	} {
		page, err := s.Relations(ctx, c.actor, store.RelationFilter{Direction: store.Both}, store.Page{First: 50})
		must(t, "Relations", err)
		wantIDs(t, c.actor+"'s relations", edgeRelationIDs(page.Edges), c.want)
		if page.Total != len(c.want) {
			t.Errorf("%s: Total %d, want %d", c.actor, page.Total, len(c.want))
		}
	}
	_, err = s.Relations(ctx, "nobody", store.RelationFilter{}, store.Page{First: 50})
	wantNotFound(t, "Relations(nobody)", err, "actor", "nobody")
}

func testRelationsFilter(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	for _, c := range []struct {
		name   string
		actor  string
		filter store.RelationFilter
		want   []string
	}{
		{"inha out", "inha-tashkent", store.RelationFilter{Direction: store.Out}, []string{"inha-in-uz", "inha-at-ictweek", "inha-partners-kaist"}},
		{"inha in", "inha-tashkent", store.RelationFilter{Direction: store.In}, []string{"kaist-partners-inha"}},
		{"it-park in", "it-park", store.RelationFilter{Direction: store.In}, []string{"mitc-founded-itpark"}},
		{"it-park two types", "it-park", store.RelationFilter{Types: []store.RelationType{store.PartnersWith, store.Founded}}, []string{"mitc-founded-itpark", "itpark-partners-kised"}},
		{"it-park out, two types", "it-park", store.RelationFilter{Direction: store.Out, Types: []store.RelationType{store.PartnersWith, store.Founded}}, []string{"itpark-partners-kised"}},
		{"uz out", "uz", store.RelationFilter{Direction: store.Out}, nil},
		{"ict-week participants", "ict-week", store.RelationFilter{Direction: store.In, Types: []store.RelationType{store.ParticipatedIn}}, []string{"inha-at-ictweek", "kaist-at-ictweek"}},
	} {
		page, err := s.Relations(ctx, c.actor, c.filter, store.Page{First: 50})
		must(t, c.name, err)
		wantIDs(t, c.name, edgeRelationIDs(page.Edges), c.want)
		if page.Total != len(c.want) || page.HasNext {
			t.Errorf("%s: Total %d, HasNext %v; want %d, false", c.name, page.Total, page.HasNext, len(c.want))
		}
		for _, e := range page.Edges {
			if c.filter.Direction != "" && c.filter.Direction != store.Both && e.Direction != c.filter.Direction {
				t.Errorf("%s: edge %s has direction %s", c.name, e.Relation.ID, e.Direction)
			}
		}
	}
	// Every relation shows once, and OUT and IN add up to BOTH.
	for _, id := range fixtureOrder {
		var n [3]int
		for i, d := range []store.Direction{store.Out, store.In, store.Both} {
			page, err := s.Relations(ctx, id, store.RelationFilter{Direction: d}, store.Page{First: 0})
			must(t, "Relations", err)
			n[i] = page.Total
		}
		if n[0]+n[1] != n[2] {
			t.Errorf("%s: %d out + %d in != %d both", id, n[0], n[1], n[2])
		}
	}
	_, err := s.Relations(ctx, "it-park", store.RelationFilter{Types: []store.RelationType{"LIKES"}}, store.Page{First: 5})
	wantInvalid(t, "Relations of an unknown type", err, "types")
}

func testRelationsPaging(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	var got []string
	var totals []int
	after := ""
	for {
		page, err := s.Relations(ctx, "uz", store.RelationFilter{}, store.Page{First: 2, After: after})
		must(t, "Relations(uz)", err)
		got = append(got, edgeRelationIDs(page.Edges)...)
		totals = append(totals, page.Total)
		if !page.HasNext {
			break
		}
		after = page.Edges[len(page.Edges)-1].Cursor
	}
	wantIDs(t, "uz's relations in pages of 2", got, []string{"ictweek-in-uz", "inha-in-uz", "itpark-in-uz", "tuit-in-uz", "uzum-in-uz"})
	if len(totals) != 3 || totals[0] != 5 || totals[2] != 5 {
		t.Errorf("totals per page %v, want [5 5 5]", totals)
	}

	// A page after a deleted relation's cursor goes on where it was.
	page, err := s.Relations(ctx, "uz", store.RelationFilter{}, store.Page{First: 2})
	must(t, "Relations(uz)", err)
	must(t, "DeleteRelation", s.DeleteRelation(ctx, "inha-in-uz"))
	page, err = s.Relations(ctx, "uz", store.RelationFilter{}, store.Page{First: 2, After: page.Edges[1].Cursor})
	must(t, "Relations(uz) after a deleted relation's cursor", err)
	wantIDs(t, "page 2", edgeRelationIDs(page.Edges), []string{"itpark-in-uz", "tuit-in-uz"})
	if !page.HasNext || page.Total != 4 {
		t.Errorf("page 2: HasNext %v, Total %d; want true, 4", page.HasNext, page.Total)
	}

	// Paging with a type filter across types.
	got = nil
	after = ""
	for {
		page, err := s.Relations(ctx, "it-park", store.RelationFilter{Types: []store.RelationType{store.Offers, store.Founded, store.PartnersWith}}, store.Page{First: 1, After: after})
		must(t, "Relations(it-park)", err)
		got = append(got, edgeRelationIDs(page.Edges)...)
		if !page.HasNext {
			break
		}
		after = page.Edges[0].Cursor
	}
	wantIDs(t, "three types of it-park's relations one by one", got, []string{"mitc-founded-itpark", "itpark-offers-residency", "itpark-partners-kised"})

	for _, bad := range []string{"garbage!", store.ActorCursor(&store.Actor{ID: "uz", Name: "Uzbekistan"})} {
		_, err := s.Relations(ctx, "uz", store.RelationFilter{}, store.Page{First: 2, After: bad})
		wantInvalid(t, "Relations after "+bad, err, "after")
	}
}

// testRelationsAfterRename: an actor's new name moves it in the Actors
// order and in its neighbours' relation lists.
func testRelationsAfterRename(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	_, err := s.UpdateActor(ctx, "tuit", store.ActorPatch{Name: ptr("Aa University")})
	must(t, "UpdateActor", err)
	page, err := s.Relations(ctx, "uz", store.RelationFilter{}, store.Page{First: 10})
	must(t, "Relations(uz)", err)
	wantIDs(t, "uz's relations after the rename", edgeRelationIDs(page.Edges), []string{"tuit-in-uz", "ictweek-in-uz", "inha-in-uz", "itpark-in-uz", "uzum-in-uz"})
	actors, err := s.Actors(ctx, store.ActorFilter{}, store.Page{First: 2})
	must(t, "Actors", err)
	wantIDs(t, "the first actors after the rename", actorIDs(actors.Actors), []string{"tuit", "ict-week"})
	unis, err := s.Actors(ctx, store.ActorFilter{Kinds: []store.Kind{store.KindUniversity}, Country: "uz"}, store.Page{First: 10})
	must(t, "Actors", err)
	wantIDs(t, "universities in uz after the rename", actorIDs(unis.Actors), []string{"tuit", "inha-tashkent"})
}
