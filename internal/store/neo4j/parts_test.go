package neo4j_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// withoutActorParts is a copy of a whole actor with the parts skip names
// cleared: what a store that honours skip may give.
func withoutActorParts(a *store.Actor, skip store.ActorParts) *store.Actor {
	if a == nil {
		return nil
	}
	c := *a
	if skip&store.ActorDescription != 0 {
		c.Description = ""
	}
	if skip&store.ActorNames != 0 {
		c.Names, c.Aliases = nil, nil
	}
	if skip&store.ActorCountry != 0 {
		c.CountryID = ""
	}
	if skip&store.ActorCitations != 0 {
		c.Citations = nil
	}
	if skip&store.ActorOwnFields != 0 {
		c.IsoCode, c.Founded, c.Category, c.StartDate, c.EndDate, c.Online = "", store.Date{}, "", store.Date{}, store.Date{}, nil
	}
	return &c
}

// withoutRelationParts is withoutActorParts for a relation.
func withoutRelationParts(r *store.Relation, skip store.RelationParts) *store.Relation {
	c := *r
	if skip&store.RelationDates != 0 {
		c.Since, c.Until = store.Date{}, store.Date{}
	}
	if skip&store.RelationNote != 0 {
		c.Note = ""
	}
	if skip&store.RelationCitations != 0 {
		c.Citations = nil
	}
	return &c
}

// TestPartialReadsKeepWhatIsRead reads pages of actors and of relations
// from Neo4j leaving out each part in turn (the columns a page statement
// returns then change width and order) and compares them with the
// embedded store's whole pages less those parts: every field read must be
// there, each in its place, and nothing skipped.
func TestPartialReadsKeepWhatIsRead(t *testing.T) {
	ctx := t.Context()
	d := synth.Generate(synth.Config{Actors: 300, Relations: 1500, Seed: 11})
	// Every part on the first actors and their relations, so that each
	// skip leaves something out.
	for i := range 40 {
		a := &d.Actors[i]
		a.Names = append(a.Names, store.LocalizedName{Value: fmt.Sprintf("Nom %d", i), Lang: "fr"})
		a.Aliases = append(a.Aliases, fmt.Sprintf("A%d", i))
		a.Description = fmt.Sprintf("described %d", i)
	}
	for i := range d.Relations {
		if i%3 == 0 {
			d.Relations[i].Note = fmt.Sprintf("note %d", i)
		}
	}
	n4, em := loadedBoth(t, d)
	var parts [4]int // actors with citations, with own fields; relations with dates, with citations
	for _, a := range d.Actors[:40] {
		parts[0] += min(len(a.Citations), 1)
		if !a.Founded.IsZero() || !a.StartDate.IsZero() || a.IsoCode != "" || a.Category != "" {
			parts[1]++
		}
	}
	for _, r := range d.Relations {
		if !r.Since.IsZero() {
			parts[2]++
		}
		parts[3] += min(len(r.Citations), 1)
	}
	if min(parts[0], parts[1], parts[2], parts[3]) == 0 {
		t.Fatalf("the network lacks a part (%v): the test would mean nothing", parts)
	}

	actorSkips := []store.ActorParts{0, store.ActorDescription, store.ActorNames, store.ActorCountry, store.ActorCitations, store.ActorOwnFields,
		store.ActorNames | store.ActorOwnFields, store.AllActorParts}
	for _, skip := range actorSkips {
		f := store.ActorFilter{}
		want, err := em.Actors(ctx, f, store.Page{First: 100})
		if err != nil {
			t.Fatal(err)
		}
		got, err := n4.Actors(ctx, f, store.Page{First: 100, Skip: skip})
		if err != nil {
			t.Fatal(err)
		}
		for i, a := range want.Actors {
			want.Actors[i] = withoutActorParts(a, skip)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Actors skipping %05b:\nneo4j:    %s\nembedded: %s", skip, show(got), show(want))
		}
	}

	ids := make([]string, 40)
	for i := range ids {
		ids[i] = d.Actors[i].ID
	}
	relSkips := []store.RelationParts{0, store.RelationDates, store.RelationNote, store.RelationCitations, store.AllRelationParts}
	for _, skip := range actorSkips {
		for _, rskip := range relSkips {
			what := fmt.Sprintf("RelationsOf skipping %05b of the far ends and the owner, %03b of the relations", skip, rskip)
			want, err := em.RelationsOf(ctx, ids, store.RelationFilter{}, store.Page{First: 50})
			if err != nil {
				t.Fatal(err)
			}
			got, err := n4.RelationsOf(ctx, ids, store.RelationFilter{}, store.Page{First: 50, Skip: skip, SkipRelation: rskip, SkipOwner: skip})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range want {
				if got[i] == nil || p == nil {
					t.Fatalf("%s: page %d: neo4j %v, embedded %v", what, i, got[i], p)
				}
				if got[i].Actor == nil || !reflect.DeepEqual(got[i].Actor, withoutActorParts(owner(t, em, ids[i]), skip)) {
					t.Errorf("%s: the owner %s: %s", what, ids[i], show(got[i].Actor))
				}
				for j := range p.Edges {
					p.Edges[j].Relation = withoutRelationParts(p.Edges[j].Relation, rskip)
					p.Edges[j].OtherActor = withoutActorParts(p.Edges[j].OtherActor, skip)
				}
				if !reflect.DeepEqual(got[i].Edges, p.Edges) || got[i].Total != p.Total || got[i].HasNext != p.HasNext {
					t.Errorf("%s: %s:\nneo4j:    %s\nembedded: %s", what, ids[i], show(got[i].Edges), show(p.Edges))
				}
			}
		}
	}
}

// owner is the whole actor id as the embedded store holds it.
func owner(t *testing.T, s store.Store, id string) *store.Actor {
	t.Helper()
	as, err := s.ActorsByID(t.Context(), []string{id})
	if err != nil || len(as) != 1 || as[0] == nil {
		t.Fatalf("ActorsByID(%s): %v, %v", id, as, err)
	}
	return as[0]
}
