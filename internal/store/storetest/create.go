package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
)

// testCreate: Create writes new records in one transaction, refers within
// the call (a relation to an actor of the call, an actor citing a source
// of the call, located in a country of the call), makes ids for records
// without one, returns the records as stored in the call's order, and
// records one CREATED change per record, by its author.
func testCreate(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := store.WithAuthor(t.Context(), editor)
	d := store.Dataset{
		Sources: []store.Source{{ID: "src-batch", Title: "A batch of partners", Published: store.MustDate("2025-01")}},
		Actors: []store.Actor{
			{ID: "tj", Kind: store.KindCountry, Name: "Tajikistan", IsoCode: "TJ"},
			{ID: "dushanbe-hub", Kind: store.KindOrganization, Name: "Dushanbe Hub", CountryID: "tj",
				Citations: []store.Citation{{SourceID: "src-batch", Excerpt: "a new hub"}}},
			{Kind: store.KindStartup, Name: "Pamir Pay", CountryID: "tj"},
		},
		Relations: []store.Relation{
			{ID: "hub-partners-it-park", Type: store.PartnersWith, From: "dushanbe-hub", To: "it-park", Since: store.MustDate("2025-02")},
			{Type: store.LocatedIn, From: "dushanbe-hub", To: "tj"},
		},
	}
	before := d.Clone()
	after := head(t, s)
	from := time.Now()
	got, err := s.Create(ctx, d)
	must(t, "Create", err)
	if !reflect.DeepEqual(d, before) {
		t.Errorf("Create changed its argument's records: %+v", d)
	}
	if len(got.Sources) != 1 || len(got.Actors) != 3 || len(got.Relations) != 2 {
		t.Fatalf("Create returned %d sources, %d actors, %d relations; want 1, 3, 2", len(got.Sources), len(got.Actors), len(got.Relations))
	}
	pay, located := got.Actors[2], got.Relations[1]
	if !strings.HasPrefix(pay.ID, "pamir-pay-") {
		t.Errorf("the actor without an id got %q, want one made from its name (pamir-pay-…)", pay.ID)
	}
	if !strings.HasPrefix(located.ID, "dushanbe-hub-located-in-tj-") {
		t.Errorf("the relation without an id got %q, want one made from its ends and type", located.ID)
	}
	for i, a := range got.Actors {
		want := d.Actors[i]
		want.ID = a.ID
		sameActor(t, "Create's actor "+a.ID, &a, want)
		stored, err := s.Actor(ctx, a.ID)
		must(t, "Actor("+a.ID+")", err)
		sameActor(t, "stored "+a.ID, stored, want)
	}
	for i, r := range got.Relations {
		want := d.Relations[i]
		want.ID = r.ID
		sameRelation(t, "Create's relation "+r.ID, &r, want)
	}
	if src, err := s.Source(ctx, "src-batch"); err != nil || src.Title != "A batch of partners" {
		t.Errorf("Source(src-batch) = %+v, %v", src, err)
	}
	page, err := s.Relations(ctx, "dushanbe-hub", store.RelationFilter{}, store.Page{First: 10})
	must(t, "Relations(dushanbe-hub)", err)
	if page.Total != 2 {
		t.Errorf("dushanbe-hub has %d relations, want the 2 created", page.Total)
	}
	hits, err := s.Search(ctx, store.SearchQuery{Text: "Pamir Pay", First: 1})
	must(t, "Search(Pamir Pay)", err)
	if len(hits) != 1 || hits[0].Actor.ID != pay.ID {
		t.Errorf("Search(Pamir Pay) = %v, want the created actor %s", hits, pay.ID)
	}
	ws := []want{{store.Created, "source", "src-batch"}}
	for _, id := range sortedBy([]string{"tj", "dushanbe-hub", pay.ID}, func(id string) string { return id }) {
		ws = append(ws, want{store.Created, "actor", id})
	}
	for _, id := range sortedBy([]string{"hub-partners-it-park", located.ID}, func(id string) string { return id }) {
		ws = append(ws, want{store.Created, "relation", id})
	}
	recorded(t, s, "Create", after, from, time.Now(), editor, ws...)
}

// testCreateRefused: one refused record refuses the call, and the error
// names it; nothing is written and no change is recorded.
func testCreateRefused(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := t.Context()
	ok := store.Actor{ID: "fresh-one", Kind: store.KindStartup, Name: "Fresh One"}
	cases := []struct {
		name    string
		d       store.Dataset
		is      error
		message string
	}{
		{"taken actor id", store.Dataset{Actors: []store.Actor{ok, {ID: "uzum", Kind: store.KindStartup, Name: "Again"}}},
			store.ErrConflict, `actor "uzum" (actors[1]) already exists`},
		{"an id of another kind", store.Dataset{Relations: []store.Relation{{ID: "uz", Type: store.PartnersWith, From: "uzum", To: "payme"}}},
			store.ErrConflict, `relation "uz" (relations[0]) cannot take the id of an existing actor`},
		{"an id twice in the call", store.Dataset{Actors: []store.Actor{ok, ok}},
			store.ErrConflict, `actor "fresh-one" (actors[1]) is named by actors[0] already`},
		{"invalid actor", store.Dataset{Actors: []store.Actor{ok, {ID: "no-name", Kind: store.KindStartup}}},
			store.ErrInvalid, "actors[1].name"},
		{"relation to nothing", store.Dataset{Actors: []store.Actor{ok}, Relations: []store.Relation{{Type: store.PartnersWith, From: "fresh-one", To: "nowhere"}}},
			store.ErrInvalid, `relations[0].to: actor "nowhere" does not exist`},
		{"citing no source", store.Dataset{Actors: []store.Actor{{ID: "cites", Kind: store.KindStartup, Name: "Cites", Citations: []store.Citation{{SourceID: "nope"}}}}},
			store.ErrInvalid, "actors[0].citations.source"},
	}
	before := Dump(t, s)
	h := head(t, s)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.Create(ctx, c.d)
			if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.message) {
				t.Errorf("Create: %v; want %v naming %q", err, c.is, c.message)
			}
		})
	}
	if !reflect.DeepEqual(Dump(t, s), before) {
		t.Error("refused calls of Create changed the store")
	}
	if after := head(t, s); after != h {
		t.Errorf("refused calls of Create recorded changes %d to %d", h+1, after)
	}
}

// testCreateConcurrent: calls of Create at once each get the answer they
// would get one after the other: every valid call written with its
// relation, one of two calls racing for an id refused as a conflict, an
// invalid call refused alone; each call's changes recorded together, in
// its order, by its author.
func testCreateConcurrent(t *testing.T, open Opener) {
	s := Loaded(t, open)
	h := head(t, s)
	const writers = 12
	type call struct {
		author store.Author
		d      store.Dataset
	}
	var calls []call
	for i := range writers {
		id := fmt.Sprintf("conc-%d", i)
		calls = append(calls, call{store.Author{Role: "editor", Subject: "jwt:" + id}, store.Dataset{
			Actors:    []store.Actor{{ID: id, Kind: store.KindStartup, Name: "Concurrent " + id}},
			Relations: []store.Relation{{ID: id + "-rel", Type: store.PartnersWith, From: id, To: "it-park"}},
		}})
	}
	same := store.Dataset{Actors: []store.Actor{{ID: "conc-same", Kind: store.KindStartup, Name: "Same"}}}
	calls = append(calls, call{store.Author{Subject: "racer-a"}, same}, call{store.Author{Subject: "racer-b"}, same},
		call{store.Author{Subject: "invalid"}, store.Dataset{Actors: []store.Actor{{ID: "conc-invalid", Kind: store.KindStartup}}}})
	errs := make([]error, len(calls))
	var start, done sync.WaitGroup
	start.Add(1)
	for i, c := range calls {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			_, errs[i] = s.Create(store.WithAuthor(t.Context(), c.author), c.d)
		}()
	}
	start.Done()
	done.Wait()
	for i := range writers {
		if errs[i] != nil {
			t.Errorf("call %d: %v", i, errs[i])
		}
	}
	raced := errs[writers : writers+2]
	if (raced[0] == nil) == (raced[1] == nil) || !errors.Is(errors.Join(raced...), store.ErrConflict) {
		t.Errorf("two calls racing for one id: %v; want one written and one conflict", raced)
	}
	if !errors.Is(errs[writers+2], store.ErrInvalid) {
		t.Errorf("the invalid call: %v, want it refused as invalid", errs[writers+2])
	}
	got := changesAfter(t, s, h)
	if len(got) != 2*writers+1 {
		t.Fatalf("%d changes recorded, want %d", len(got), 2*writers+1)
	}
	for i := 0; i < len(got); {
		c := got[i]
		if c.Actor == nil {
			t.Fatalf("change %d is %v, want a call's actor first", c.Seq, wantOf(&c))
		}
		if c.Actor.ID == "conc-same" {
			i++
			continue
		}
		next := got[i+1]
		if next.Relation == nil || next.Relation.ID != c.Actor.ID+"-rel" || next.Author != c.Author || c.Author.Subject != "jwt:"+c.Actor.ID {
			t.Errorf("%s by %+v is followed by %v by %+v; want its own relation, by its own author", c.Actor.ID, c.Author, wantOf(&next), next.Author)
		}
		i += 2
	}
	page, err := s.Relations(t.Context(), "it-park", store.RelationFilter{Types: []store.RelationType{store.PartnersWith}}, store.Page{First: 100})
	must(t, "Relations(it-park)", err)
	n := 0
	for _, e := range page.Edges {
		if strings.HasPrefix(e.Relation.ID, "conc-") {
			n++
		}
	}
	if n != writers {
		t.Errorf("it-park has %d of the calls' relations, want %d", n, writers)
	}
}
