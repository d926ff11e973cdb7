package neo4j_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/synth"
)

// TestActorsWithTheirRelations: a page of actors that asks for each
// actor's page of relations (store.Page.Relations) is one statement, and
// gives the page of actors that the embedded store gives without them,
// and for each actor the page that RelationsOf gives: for countries with
// and without kinds, pages after pages, and relation pages after a cursor.
// A filter or cursor of the relations that the store refuses fails the
// call as RelationsOf fails.
func TestActorsWithTheirRelations(t *testing.T) {
	ctx := t.Context()
	d := synth.Generate(synth.Config{Actors: 400, Relations: 2000, Seed: 11})
	n4, em := loadedBoth(t, d)
	var countries []string
	for _, a := range d.Actors {
		if a.Kind == store.KindCountry && len(countries) < 3 {
			countries = append(countries, a.ID)
		}
	}
	filters := []store.ActorFilter{{}, {Kinds: []store.Kind{store.KindUniversity}}}
	for _, c := range countries {
		filters = append(filters, store.ActorFilter{Country: c},
			store.ActorFilter{Country: c, Kinds: []store.Kind{store.KindUniversity}},
			store.ActorFilter{Country: c, Kinds: []store.Kind{store.KindStartup, store.KindOrganization}})
	}
	// A relation cursor from the middle of some actor's FOUNDED list.
	var cursor string
	for _, a := range d.Actors {
		p, err := em.Relations(ctx, a.ID, store.RelationFilter{Types: []store.RelationType{store.Founded}}, store.Page{First: 1})
		if err == nil && p.HasNext {
			cursor = p.Edges[0].Cursor
			break
		}
	}
	nested := []store.NestedRelations{
		{Filter: store.RelationFilter{Direction: store.Out, Types: []store.RelationType{store.Founded}}, Page: store.Page{First: 10}},
		{Filter: store.RelationFilter{}, Page: store.Page{First: 3, Skip: store.AllActorParts, SkipRelation: store.AllRelationParts}},
		{Filter: store.RelationFilter{Direction: store.In}, Page: store.Page{First: 0}},
		{Filter: store.RelationFilter{Types: []store.RelationType{store.Founded, store.PartnersWith}}, Page: store.Page{First: 2, After: cursor}},
	}
	for _, f := range filters {
		for _, rel := range nested {
			after := ""
			for range 20 {
				p := store.Page{First: 9, After: after}
				want, err := em.Actors(ctx, f, p)
				if err != nil {
					t.Fatal(err)
				}
				q := p
				q.Relations = &rel
				before := neo4j.QueryCount()
				got, err := n4.Actors(ctx, f, q)
				if err != nil {
					t.Fatalf("Actors(%+v) with %+v: %v", f, rel, err)
				}
				if n := neo4j.QueryCount() - before; n != 1 {
					t.Errorf("Actors(%+v) with %+v sent %d statements, want 1", f, rel, n)
				}
				pages := got.Relations
				got.Relations = nil
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("Actors(%+v, %+v) with relations:\n%s\nthe embedded store's:\n%s", f, p, show(got), show(want))
				}
				alone, err := n4.RelationsOf(ctx, actorIDs(got.Actors), rel.Filter, rel.Page)
				if err != nil {
					t.Fatal(err)
				}
				if len(pages) != len(alone) {
					t.Fatalf("%d pages of relations for %d actors", len(pages), len(alone))
				}
				for i := range pages {
					if g, w := edges(pages[i]), edges(alone[i]); !reflect.DeepEqual(g, w) {
						t.Errorf("%s's relations (%+v) with its page of actors:\n%s\nby RelationsOf:\n%s", got.Actors[i].ID, rel, show(g), show(w))
					}
				}
				if !got.HasNext {
					break
				}
				after = got.Cursors[len(got.Cursors)-1]
			}
		}
	}
	for _, rel := range []store.NestedRelations{
		{Page: store.Page{First: 2, After: "not a cursor"}},
		{Filter: store.RelationFilter{Direction: "SIDEWAYS"}, Page: store.Page{First: 2}},
	} {
		_, want := n4.RelationsOf(ctx, []string{d.Actors[0].ID}, rel.Filter, rel.Page)
		_, err := n4.Actors(ctx, store.ActorFilter{}, store.Page{First: 5, Relations: &rel})
		if want == nil || fmt.Sprint(err) != fmt.Sprint(want) {
			t.Errorf("Actors with the relations %+v failed with %v; RelationsOf with %v", rel, err, want)
		}
	}
}
