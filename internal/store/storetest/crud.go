package storetest

import (
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

func testEmpty(t *testing.T, open Opener) {
	ctx := t.Context()
	s := open(t)
	empty, err := s.Empty(ctx)
	must(t, "Empty", err)
	if !empty {
		t.Fatal("a new store is not empty")
	}
	_, err = s.CreateSource(ctx, store.Source{ID: "only", Title: "The only source"})
	must(t, "CreateSource", err)
	if empty, err := s.Empty(ctx); err != nil || empty {
		t.Errorf("Empty after one source = %v, %v; want false", empty, err)
	}
}

func testPingClose(t *testing.T, open Opener) {
	s := open(t)
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping on an open store: %v", err)
	}
	must(t, "Close", s.Close())
	if err := s.Ping(t.Context()); err == nil {
		t.Error("Ping after Close answered nil")
	}
}

func testSources(t *testing.T, open Opener) {
	ctx := t.Context()
	s := open(t)
	want := store.Source{ID: "decree", Title: "Presidential decree", Published: store.MustDate("2019-05"), Lang: "uz-Cyrl", URL: "https://lex.uz/"}
	got, err := s.CreateSource(ctx, want)
	must(t, "CreateSource", err)
	if *got != want {
		t.Errorf("CreateSource returned %+v, want %+v", *got, want)
	}
	if got, err := s.Source(ctx, "decree"); err != nil || *got != want {
		t.Errorf("Source = %+v, %v; want %+v", got, err, want)
	}

	gen, err := s.CreateSource(ctx, store.Source{Title: "Tashkent Times: IT Park"})
	must(t, "CreateSource without id", err)
	if !strings.HasPrefix(gen.ID, "tashkent-times-it-park-") {
		t.Errorf("a source titled %q got id %q", gen.Title, gen.ID)
	}
	if got, err := s.Source(ctx, gen.ID); err != nil || got.Title != gen.Title {
		t.Errorf("Source(%q) = %+v, %v", gen.ID, got, err)
	}

	_, err = s.CreateSource(ctx, store.Source{ID: "decree", Title: "Another"})
	wantConflict(t, "CreateSource with a taken id", err, "decree")
	_, err = s.CreateSource(ctx, store.Source{ID: "blank", Title: "  "})
	wantInvalid(t, "CreateSource without a title", err, "title")
	_, err = s.CreateSource(ctx, store.Source{ID: "Bad Id", Title: "x"})
	wantInvalid(t, "CreateSource with a bad id", err, "id")
	_, err = s.CreateSource(ctx, store.Source{ID: "lang", Title: "x", Lang: "english!"})
	wantInvalid(t, "CreateSource with a bad language", err, "lang")
	_, err = s.Source(ctx, "blank")
	wantNotFound(t, "Source of a refused write", err, "source", "blank")
	_, err = s.Source(ctx, "nothing")
	wantNotFound(t, "Source(nothing)", err, "source", "nothing")
}

func testCreateActor(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)

	want := store.Actor{
		ID: "astana-hub", Kind: store.KindOrganization, Name: "Astana Hub", CountryID: "kz", Category: "technology park",
		Names:       []store.LocalizedName{{Value: "Астана Хаб", Lang: "ru"}, {Value: "Astana Hub", Lang: "kk-Latn"}},
		Aliases:     []string{"AH"},
		Description: "International technopark of IT startups.",
		Citations:   []store.Citation{{SourceID: "src-kr-press", Excerpt: "Astana Hub joined."}},
	}
	in := want
	in.Names = append([]store.LocalizedName(nil), want.Names...)
	got, err := s.CreateActor(ctx, in)
	must(t, "CreateActor", err)
	sameActor(t, "CreateActor's result", got, want)
	in.Names[0].Value = "changed by the caller"
	a, err := s.Actor(ctx, "astana-hub")
	must(t, "Actor", err)
	sameActor(t, "Actor after CreateActor", a, want)

	on := true
	ev, err := s.CreateActor(ctx, store.Actor{Kind: store.KindEvent, Name: "Astana Finance Days 2025", StartDate: store.MustDate("2025-09"), Online: &on})
	must(t, "CreateActor without id", err)
	if !strings.HasPrefix(ev.ID, "astana-finance-days-2025-") {
		t.Errorf("an actor named %q got id %q", ev.Name, ev.ID)
	}
	if a, err := s.Actor(ctx, ev.ID); err != nil || a.Name != ev.Name || a.Online == nil || !*a.Online {
		t.Errorf("Actor(%q) = %+v, %v", ev.ID, a, err)
	}

	_, err = s.CreateActor(ctx, store.Actor{ID: "kaist", Kind: store.KindUniversity, Name: "KAIST again"})
	wantConflict(t, "CreateActor with a taken id", err, "kaist")
	if a, _ := s.Actor(ctx, "kaist"); a == nil || a.Name != "KAIST" {
		t.Errorf("a refused CreateActor changed kaist: %+v", a)
	}
	_, err = s.Actor(ctx, "nobody")
	wantNotFound(t, "Actor(nobody)", err, "actor", "nobody")
}

func testCreateActorInvalid(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	for _, c := range []struct {
		name  string
		actor store.Actor
		field string
	}{
		{"bad kind", store.Actor{ID: "x1", Kind: "PLANET", Name: "Mars"}, "kind"},
		{"no name", store.Actor{ID: "x2", Kind: store.KindStartup, Name: " "}, "name"},
		{"bad id", store.Actor{ID: "Not An Id", Kind: store.KindStartup, Name: "X"}, "id"},
		{"missing country", store.Actor{ID: "x3", Kind: store.KindStartup, Name: "X", CountryID: "atlantis"}, "country"},
		{"country not a country", store.Actor{ID: "x4", Kind: store.KindStartup, Name: "X", CountryID: "kaist"}, "country"},
		{"missing source", store.Actor{ID: "x5", Kind: store.KindStartup, Name: "X", Citations: []store.Citation{{SourceID: "src-nowhere"}}}, "citations.source"},
		{"iso code on a university", store.Actor{ID: "x6", Kind: store.KindUniversity, Name: "X", IsoCode: "UZ"}, "isoCode"},
		{"country without iso code", store.Actor{ID: "x7", Kind: store.KindCountry, Name: "Tajikistan"}, "isoCode"},
		{"bad language", store.Actor{ID: "x8", Kind: store.KindStartup, Name: "X", Names: []store.LocalizedName{{Value: "X", Lang: "??"}}}, "names.lang"},
		{"end before start", store.Actor{ID: "x9", Kind: store.KindEvent, Name: "X", StartDate: store.MustDate("2024-05-02"), EndDate: store.MustDate("2024-05-01")}, "endDate"},
		{"founded on an event", store.Actor{ID: "x10", Kind: store.KindEvent, Name: "X", Founded: store.MustDate("2020")}, "founded"},
	} {
		_, err := s.CreateActor(ctx, c.actor)
		wantInvalid(t, "CreateActor, "+c.name, err, c.field)
		if c.actor.ID != "" {
			if _, err := s.Actor(ctx, c.actor.ID); err == nil {
				t.Errorf("CreateActor, %s: the refused actor was stored", c.name)
			}
		}
	}
	page, err := s.Actors(ctx, store.ActorFilter{}, store.Page{First: 100})
	must(t, "Actors", err)
	if page.Total != len(fixtureOrder) {
		t.Errorf("refused writes changed the number of actors: %d, want %d", page.Total, len(fixtureOrder))
	}
}

func testUpdateActor(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)

	want := fixtureActor(t, "uzum")
	want.Name = "Uzum Group"
	want.Description = ""
	want.Aliases = []string{"Uzum Market", "Uzum Bank"}
	got, err := s.UpdateActor(ctx, "uzum", store.ActorPatch{
		Name:        ptr("Uzum Group"),
		Description: ptr(""),
		Aliases:     &[]string{"Uzum Market", "Uzum Bank"},
	})
	must(t, "UpdateActor", err)
	sameActor(t, "UpdateActor's result", got, want)
	a, err := s.Actor(ctx, "uzum")
	must(t, "Actor", err)
	sameActor(t, "Actor after UpdateActor", a, want)

	// Moving an actor to another country moves it between country filters.
	_, err = s.UpdateActor(ctx, "payme", store.ActorPatch{CountryID: ptr("kz")})
	must(t, "UpdateActor country", err)
	kz, err := s.Actors(ctx, store.ActorFilter{Country: "kz"}, store.Page{First: 10})
	must(t, "Actors(country kz)", err)
	wantIDs(t, "actors in kz after the move", actorIDs(kz.Actors), []string{"payme"})
	uz, err := s.Actors(ctx, store.ActorFilter{Country: "uz", Kinds: []store.Kind{store.KindStartup}}, store.Page{First: 10})
	must(t, "Actors(country uz)", err)
	wantIDs(t, "startups in uz after the move", actorIDs(uz.Actors), []string{"nova-uz", "uzum"})

	// Refused patches change nothing.
	before, _ := s.Actor(ctx, "kaist")
	beforeCopy := Normalize(*before)
	for _, c := range []struct {
		name  string
		patch store.ActorPatch
		field string
	}{
		{"empty name", store.ActorPatch{Name: ptr("")}, "name"},
		{"country not a country", store.ActorPatch{CountryID: ptr("it-park")}, "country"},
		{"missing country", store.ActorPatch{CountryID: ptr("atlantis")}, "country"},
		{"bad language", store.ActorPatch{Name: ptr("KAIST 2"), Names: &[]store.LocalizedName{{Value: "x", Lang: "not a tag"}}}, "names.lang"},
		{"startup field", store.ActorPatch{Founded: ptr(store.MustDate("1971"))}, "founded"},
		{"missing source", store.ActorPatch{Citations: &[]store.Citation{{SourceID: "nope"}}}, "citations.source"},
	} {
		_, err := s.UpdateActor(ctx, "kaist", c.patch)
		wantInvalid(t, "UpdateActor, "+c.name, err, c.field)
	}
	after, _ := s.Actor(ctx, "kaist")
	sameActor(t, "kaist after refused updates", after, beforeCopy)
	sameActor(t, "an actor read before the updates", before, beforeCopy)

	_, err = s.UpdateActor(ctx, "nobody", store.ActorPatch{Name: ptr("x")})
	wantNotFound(t, "UpdateActor(nobody)", err, "actor", "nobody")
	_, err = s.UpdateActor(ctx, "uz", store.ActorPatch{CountryID: ptr("uz")})
	wantInvalid(t, "UpdateActor into itself", err, "country")
}

func testDeleteActor(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)

	must(t, "DeleteActor(it-park)", s.DeleteActor(ctx, "it-park"))
	_, err := s.Actor(ctx, "it-park")
	wantNotFound(t, "Actor after DeleteActor", err, "actor", "it-park")
	for _, id := range []string{"itpark-in-uz", "mitc-founded-itpark", "itpark-offers-residency", "itpark-organized-ictweek", "itpark-partners-kised", "itpark-interested-kaist"} {
		_, err := s.Relation(ctx, id)
		wantNotFound(t, "a relation of a deleted actor", err, "relation", id)
	}
	page, err := s.Relations(ctx, "mitc", store.RelationFilter{}, store.Page{First: 10})
	must(t, "Relations(mitc)", err)
	wantIDs(t, "mitc's relations after it-park is gone", edgeRelationIDs(page.Edges), []string{"mitc-hosted-ictweek", "mitc-negotiates-kised"})
	if page.Total != 2 {
		t.Errorf("mitc's relation total = %d, want 2", page.Total)
	}
	_, err = s.Relations(ctx, "it-park", store.RelationFilter{}, store.Page{First: 10})
	wantNotFound(t, "Relations of a deleted actor", err, "actor", "it-park")

	// Deleting a country clears the country of the actors in it.
	must(t, "DeleteActor(kr)", s.DeleteActor(ctx, "kr"))
	for _, id := range []string{"kaist", "toss", "nova-kr", "kised", "demo-day", "k-startup-grand-challenge"} {
		a, err := s.Actor(ctx, id)
		must(t, "Actor", err)
		if a.CountryID != "" {
			t.Errorf("%s is still in the deleted country %q", id, a.CountryID)
		}
	}
	kr, err := s.Actors(ctx, store.ActorFilter{Country: "kr"}, store.Page{First: 10})
	must(t, "Actors(country kr)", err)
	if len(kr.Actors) != 0 || kr.Total != 0 {
		t.Errorf("actors in a deleted country: %q, total %d", actorIDs(kr.Actors), kr.Total)
	}
	_, err = s.Relation(ctx, "kaist-in-kr")
	wantNotFound(t, "LOCATED_IN a deleted country", err, "relation", "kaist-in-kr")

	all, err := s.Actors(ctx, store.ActorFilter{}, store.Page{First: 100})
	must(t, "Actors", err)
	if all.Total != len(fixtureOrder)-2 {
		t.Errorf("%d actors left, want %d", all.Total, len(fixtureOrder)-2)
	}
	err = s.DeleteActor(ctx, "it-park")
	wantNotFound(t, "DeleteActor twice", err, "actor", "it-park")
}

func testCreateRelation(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)

	want := store.Relation{
		ID: "toss-in-kr", Type: store.LocatedIn, From: "toss", To: "kr", Since: store.MustDate("2013"),
		Note: "Head office in Seoul", Citations: []store.Citation{{SourceID: "src-kr-press", Excerpt: "Toss, based in Seoul"}},
	}
	got, err := s.CreateRelation(ctx, want)
	must(t, "CreateRelation", err)
	sameRelation(t, "CreateRelation's result", got, want)
	r, err := s.Relation(ctx, "toss-in-kr")
	must(t, "Relation", err)
	sameRelation(t, "Relation after CreateRelation", r, want)
	page, err := s.Relations(ctx, "kr", store.RelationFilter{}, store.Page{First: 10})
	must(t, "Relations(kr)", err)
	wantIDs(t, "kr's relations", edgeRelationIDs(page.Edges), []string{"kaist-in-kr", "toss-in-kr"})

	gen, err := s.CreateRelation(ctx, store.Relation{Type: store.InterestedIn, From: "toss", To: "uzum"})
	must(t, "CreateRelation without id", err)
	if !strings.HasPrefix(gen.ID, "toss-interested-in-uzum-") {
		t.Errorf("a generated relation id is %q", gen.ID)
	}
	if r, err := s.Relation(ctx, gen.ID); err != nil || r.From != "toss" || r.To != "uzum" {
		t.Errorf("Relation(%q) = %+v, %v", gen.ID, r, err)
	}

	for _, c := range []struct {
		name  string
		rel   store.Relation
		field string
	}{
		{"missing from", store.Relation{ID: "x1", Type: store.PartnersWith, From: "nobody", To: "kaist"}, "from"},
		{"missing to", store.Relation{ID: "x2", Type: store.PartnersWith, From: "kaist", To: "nobody"}, "to"},
		{"to itself", store.Relation{ID: "x3", Type: store.PartnersWith, From: "kaist", To: "kaist"}, "to"},
		{"located in a university", store.Relation{ID: "x4", Type: store.LocatedIn, From: "toss", To: "kaist"}, "to"},
		{"bad type", store.Relation{ID: "x5", Type: "LIKES", From: "toss", To: "kaist"}, "type"},
		{"until before since", store.Relation{ID: "x6", Type: store.PartnersWith, From: "toss", To: "kaist", Since: store.MustDate("2024"), Until: store.MustDate("2023")}, "until"},
		{"missing source", store.Relation{ID: "x7", Type: store.PartnersWith, From: "toss", To: "kaist", Citations: []store.Citation{{SourceID: "nope"}}}, "citations.source"},
		{"bad id", store.Relation{ID: "X 8", Type: store.PartnersWith, From: "toss", To: "kaist"}, "id"},
	} {
		_, err := s.CreateRelation(ctx, c.rel)
		wantInvalid(t, "CreateRelation, "+c.name, err, c.field)
	}
	_, err = s.CreateRelation(ctx, store.Relation{ID: "kaist-in-kr", Type: store.PartnersWith, From: "toss", To: "kaist"})
	wantConflict(t, "CreateRelation with a taken id", err, "kaist-in-kr")
	page, err = s.Relations(ctx, "toss", store.RelationFilter{}, store.Page{First: 10})
	must(t, "Relations(toss)", err)
	if page.Total != 3 {
		t.Errorf("toss has %d relations after refused writes, want 3: %q", page.Total, edgeRelationIDs(page.Edges))
	}
}

func testDeleteRelation(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	must(t, "DeleteRelation", s.DeleteRelation(ctx, "itpark-partners-kised"))
	_, err := s.Relation(ctx, "itpark-partners-kised")
	wantNotFound(t, "Relation after DeleteRelation", err, "relation", "itpark-partners-kised")
	for _, c := range []struct {
		actor string
		want  []string
	}{
		{"it-park", []string{"mitc-founded-itpark", "itpark-interested-kaist", "itpark-in-uz", "itpark-offers-residency", "itpark-organized-ictweek"}},
		{"kised", []string{"mitc-negotiates-kised", "kised-offers-kgc", "kised-organized-demoday"}},
	} {
		page, err := s.Relations(ctx, c.actor, store.RelationFilter{}, store.Page{First: 10})
		must(t, "Relations", err)
		wantIDs(t, c.actor+"'s relations after the delete", edgeRelationIDs(page.Edges), c.want)
	}
	err = s.DeleteRelation(ctx, "itpark-partners-kised")
	wantNotFound(t, "DeleteRelation twice", err, "relation", "itpark-partners-kised")
	if _, err := s.Actor(ctx, "kised"); err != nil {
		t.Errorf("deleting a relation deleted its actor: %v", err)
	}
}

// testIDNamespace: actors, relations and sources share one namespace,
// because node(id) looks up all three.
func testIDNamespace(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	_, err := s.CreateActor(ctx, store.Actor{ID: "kaist-in-kr", Kind: store.KindStartup, Name: "X"})
	wantConflict(t, "an actor with a relation's id", err, "kaist-in-kr")
	_, err = s.CreateActor(ctx, store.Actor{ID: "src-decree", Kind: store.KindStartup, Name: "X"})
	wantConflict(t, "an actor with a source's id", err, "src-decree")
	_, err = s.CreateRelation(ctx, store.Relation{ID: "kaist", Type: store.PartnersWith, From: "toss", To: "kaist"})
	wantConflict(t, "a relation with an actor's id", err, "kaist")
	_, err = s.CreateRelation(ctx, store.Relation{ID: "src-decree", Type: store.PartnersWith, From: "toss", To: "kaist"})
	wantConflict(t, "a relation with a source's id", err, "src-decree")
	_, err = s.CreateSource(ctx, store.Source{ID: "uz", Title: "X"})
	wantConflict(t, "a source with an actor's id", err, "uz")
	_, err = s.CreateSource(ctx, store.Source{ID: "uzum-in-uz", Title: "X"})
	wantConflict(t, "a source with a relation's id", err, "uzum-in-uz")
}

func testBatch(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	as, err := s.ActorsByID(ctx, []string{"toss", "nobody", "uz", "toss"})
	must(t, "ActorsByID", err)
	wantIDs(t, "ActorsByID", actorIDs(as), []string{"toss", "<nil>", "uz", "toss"})
	sameActor(t, "ActorsByID's toss", as[0], fixtureActor(t, "toss"))
	if as, err := s.ActorsByID(ctx, nil); err != nil || len(as) != 0 {
		t.Errorf("ActorsByID(nil) = %v, %v", as, err)
	}
	ss, err := s.SourcesByID(ctx, []string{"nothing", "src-kr-press", "src-decree"})
	must(t, "SourcesByID", err)
	if len(ss) != 3 || ss[0] != nil || ss[1] == nil || ss[1].ID != "src-kr-press" || ss[2] == nil || ss[2].ID != "src-decree" {
		t.Errorf("SourcesByID = %+v", ss)
	} else if *ss[1] != Fixture().Sources[2] {
		t.Errorf("SourcesByID's src-kr-press = %+v, want %+v", *ss[1], Fixture().Sources[2])
	}
	r, err := s.Relation(ctx, "itpark-partners-kised")
	must(t, "Relation", err)
	sameRelation(t, "Relation(itpark-partners-kised)", r, fixtureRelation(t, "itpark-partners-kised"))
	_, err = s.Relation(ctx, "nothing")
	wantNotFound(t, "Relation(nothing)", err, "relation", "nothing")
}
