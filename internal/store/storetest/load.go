package storetest

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

func testLoad(t *testing.T, open Opener) {
	s := Loaded(t, open)
	d := Dump(t, s)
	want := Fixture()
	byID := map[string]store.Actor{}
	for _, a := range want.Actors {
		byID[a.ID] = a
	}
	if len(d.Actors) != len(want.Actors) {
		t.Fatalf("%d actors loaded, want %d", len(d.Actors), len(want.Actors))
	}
	for _, a := range d.Actors {
		if w := Normalize(byID[a.ID]); !reflect.DeepEqual(a, w) {
			t.Errorf("actor %s:\n got %+v\nwant %+v", a.ID, a, w)
		}
	}
	rels := map[string]store.Relation{}
	for _, r := range want.Relations {
		rels[r.ID] = r
	}
	if len(d.Relations) != len(want.Relations) {
		t.Fatalf("%d relations loaded, want %d", len(d.Relations), len(want.Relations))
	}
	for _, r := range d.Relations {
		if w := NormalizeRelation(rels[r.ID]); !reflect.DeepEqual(r, w) {
			t.Errorf("relation %s:\n got %+v\nwant %+v", r.ID, r, w)
		}
	}
	if !reflect.DeepEqual(d.Sources, []store.Source{want.Sources[1], want.Sources[0], want.Sources[2]}) {
		t.Errorf("sources: %+v", d.Sources)
	}
}

func testLoadIdempotent(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	before := Dump(t, s)
	must(t, "Load again", s.Load(ctx, Fixture()))
	if after := Dump(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("loading the fixture twice changed the store")
	}
	must(t, "Load(empty dataset)", s.Load(ctx, store.Dataset{}))
	if after := Dump(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("loading an empty dataset changed the store")
	}
}

// testLoadUpsert: records are upserted by id; relations may join actors
// stored before; a record that comes twice counts as its last.
func testLoadUpsert(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	renamed := fixtureActor(t, "tuit")
	renamed.Name = "Aa University"
	renamed.Aliases = nil
	err := s.Load(ctx, store.Dataset{
		Sources: []store.Source{{ID: "src-new", Title: "A new source"}},
		Actors: []store.Actor{
			renamed,
			{ID: "astana-hub", Kind: store.KindOrganization, Name: "Astana Hub (draft)"},
			{ID: "astana-hub", Kind: store.KindOrganization, Name: "Astana Hub", CountryID: "kz",
				Citations: []store.Citation{{SourceID: "src-new"}}},
		},
		Relations: []store.Relation{
			{ID: "astana-in-kz", Type: store.LocatedIn, From: "astana-hub", To: "kz"},
			{ID: "astana-partners-itpark", Type: store.PartnersWith, From: "astana-hub", To: "it-park", Since: store.MustDate("2024")},
			{ID: "tuit-in-uz", Type: store.LocatedIn, From: "tuit", To: "uz", Note: "main campus"},
		},
	})
	must(t, "Load", err)
	a, err := s.Actor(ctx, "astana-hub")
	must(t, "Actor", err)
	sameActor(t, "an actor that came twice", a, store.Actor{ID: "astana-hub", Kind: store.KindOrganization, Name: "Astana Hub", CountryID: "kz", Citations: []store.Citation{{SourceID: "src-new"}}})
	a, err = s.Actor(ctx, "tuit")
	must(t, "Actor", err)
	sameActor(t, "an upserted actor", a, renamed)
	r, err := s.Relation(ctx, "tuit-in-uz")
	must(t, "Relation", err)
	if r.Note != "main campus" {
		t.Errorf("an upserted relation reads %+v", r)
	}
	page, err := s.Relations(ctx, "uz", store.RelationFilter{}, store.Page{First: 10})
	must(t, "Relations(uz)", err)
	wantIDs(t, "uz's relations after a rename by Load", edgeRelationIDs(page.Edges), []string{"tuit-in-uz", "ictweek-in-uz", "inha-in-uz", "itpark-in-uz", "uzum-in-uz"})
	page, err = s.Relations(ctx, "it-park", store.RelationFilter{Types: []store.RelationType{store.PartnersWith}}, store.Page{First: 10})
	must(t, "Relations(it-park)", err)
	wantIDs(t, "it-park's partners", edgeRelationIDs(page.Edges), []string{"astana-partners-itpark", "itpark-partners-kised"})
	kz, err := s.Actors(ctx, store.ActorFilter{Country: "kz"}, store.Page{First: 10})
	must(t, "Actors(kz)", err)
	wantIDs(t, "actors in kz", actorIDs(kz.Actors), []string{"astana-hub"})
	checkSearch(t, s, store.SearchQuery{Text: "astana", First: 10}, []hit{{"astana-hub", prefix, "Astana Hub"}})

	// An actor and the country it is in may come in either order.
	must(t, "Load a country after its actor", s.Load(ctx, store.Dataset{Actors: []store.Actor{
		{ID: "tj-startup", Kind: store.KindStartup, Name: "Dushanbe Labs", CountryID: "tj"},
		{ID: "tj", Kind: store.KindCountry, Name: "Tajikistan", IsoCode: "TJ"},
	}}))
}

// testLoadAllOrNothing: one bad record refuses the whole dataset.
func testLoadAllOrNothing(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	before := Dump(t, s)
	bad := store.Dataset{
		Sources: []store.Source{{ID: "src-new", Title: "A new source"}},
		Actors: []store.Actor{
			{ID: "astana-hub", Kind: store.KindOrganization, Name: "Astana Hub", CountryID: "kz"},
			{ID: "uzum", Kind: store.KindStartup, Name: "Uzum renamed", CountryID: "uz"},
		},
		Relations: []store.Relation{
			{ID: "astana-in-kz", Type: store.LocatedIn, From: "astana-hub", To: "kz"},
			{ID: "astana-partners-itpark", Type: store.PartnersWith, From: "astana-hub", To: "it-park"},
			{ID: "astana-partners-nobody", Type: store.PartnersWith, From: "astana-hub", To: "nobody"},
		},
	}
	err := s.Load(ctx, bad)
	wantInvalid(t, "Load with a bad relation", err, "relations[2].to")
	if after := Dump(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("a refused Load changed the store")
	}
	if _, err := s.Actor(ctx, "astana-hub"); err == nil {
		t.Error("a refused Load stored an actor")
	}
	if _, err := s.Source(ctx, "src-new"); err == nil {
		t.Error("a refused Load stored a source")
	}
	// Uzum keeps its name: the text matches it only partially (one of
	// two words, as rare as each other, and the whole name).
	checkSearch(t, s, store.SearchQuery{Text: "uzum renamed", First: 10}, []hit{{"uzum", search.ScorePartial / 2, "Uzum"}})
	if empty, _ := s.Empty(ctx); empty {
		t.Error("the store is empty")
	}

	// The whole fixture with its last relation broken leaves an empty
	// store empty.
	e := open(t)
	d := Fixture()
	last := len(d.Relations) - 1
	d.Relations[last].To = "nobody"
	err = e.Load(ctx, d)
	wantInvalid(t, "Load of the fixture with a bad relation", err, fmt.Sprintf("relations[%d].to", last))
	if empty, err := e.Empty(ctx); err != nil || !empty {
		t.Errorf("after a refused Load the store is not empty (%v)", err)
	}
}

func testLoadInvalid(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	good := store.Actor{ID: "ok", Kind: store.KindStartup, Name: "OK"}
	for _, c := range []struct {
		name  string
		d     store.Dataset
		field string
	}{
		{"bad kind", store.Dataset{Actors: []store.Actor{good, {ID: "x", Kind: "PLANET", Name: "X"}}}, "actors[1].kind"},
		{"kind change", store.Dataset{Actors: []store.Actor{{ID: "kaist", Kind: store.KindStartup, Name: "KAIST"}}}, "actors[0].kind"},
		{"missing country", store.Dataset{Actors: []store.Actor{good, good, {ID: "x", Kind: store.KindStartup, Name: "X", CountryID: "atlantis"}}}, "actors[2].country"},
		{"country not a country", store.Dataset{Actors: []store.Actor{{ID: "x", Kind: store.KindStartup, Name: "X", CountryID: "kaist"}}}, "actors[0].country"},
		{"missing source", store.Dataset{Actors: []store.Actor{{ID: "x", Kind: store.KindStartup, Name: "X", Citations: []store.Citation{{SourceID: "nope"}}}}}, "actors[0].citations.source"},
		{"bad source", store.Dataset{Sources: []store.Source{{ID: "s", Title: ""}}}, "sources[0].title"},
		{"missing from", store.Dataset{Relations: []store.Relation{{ID: "x", Type: store.PartnersWith, From: "nobody", To: "kaist"}}}, "relations[0].from"},
		{"wrong target", store.Dataset{Actors: []store.Actor{good}, Relations: []store.Relation{{ID: "x", Type: store.LocatedIn, From: "ok", To: "kaist"}}}, "relations[0].to"},
		{"bad relation id", store.Dataset{Relations: []store.Relation{{ID: "", Type: store.PartnersWith, From: "toss", To: "kaist"}}}, "relations[0].id"},
		{"relation's missing source", store.Dataset{Relations: []store.Relation{{ID: "x", Type: store.PartnersWith, From: "toss", To: "kaist", Citations: []store.Citation{{SourceID: "nope"}}}}}, "relations[0].citations.source"},
	} {
		err := s.Load(ctx, c.d)
		wantInvalid(t, "Load, "+c.name, err, c.field)
	}
	for _, c := range []struct {
		name string
		d    store.Dataset
		id   string
	}{
		{"actor with a relation's id", store.Dataset{Actors: []store.Actor{{ID: "kaist-in-kr", Kind: store.KindStartup, Name: "X"}}}, "kaist-in-kr"},
		{"source with an actor's id", store.Dataset{Sources: []store.Source{{ID: "uz", Title: "X"}}}, "uz"},
		{"relation with a source's id in the dataset", store.Dataset{
			Sources:   []store.Source{{ID: "dup", Title: "X"}},
			Relations: []store.Relation{{ID: "dup", Type: store.PartnersWith, From: "toss", To: "kaist"}},
		}, "dup"},
	} {
		err := s.Load(ctx, c.d)
		wantConflict(t, "Load, "+c.name, err, c.id)
	}
	if _, err := s.Actor(ctx, "ok"); err == nil {
		t.Error("a refused Load stored an actor")
	}
}
