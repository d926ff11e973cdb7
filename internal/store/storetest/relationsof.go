package storetest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// testRelationsOf: the batch of pages is, for each id, the page Relations
// gives (edges, order, cursors, totals, HasNext, the actor), nil for an
// id that names no actor, and fails as Relations fails on a bad filter or cursor.
func testRelationsOf(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	ids := append(append([]string{}, fixtureOrder...), "nobody")
	uz, err := s.Relations(ctx, "uz", store.RelationFilter{}, store.Page{First: 2})
	must(t, "Relations(uz)", err)
	after := uz.Edges[1].Cursor
	for _, c := range []struct {
		name   string
		filter store.RelationFilter
		page   store.Page
	}{
		{"all, first 50", store.RelationFilter{}, store.Page{First: 50}},
		{"out, first 1", store.RelationFilter{Direction: store.Out}, store.Page{First: 1}},
		{"in, two types", store.RelationFilter{Direction: store.In, Types: []store.RelationType{store.Founded, store.ParticipatedIn}}, store.Page{First: 2}},
		{"both, first 0", store.RelationFilter{Direction: store.Both}, store.Page{First: 0}},
		{"after a cursor", store.RelationFilter{}, store.Page{First: 2, After: after}},
	} {
		pages, err := s.RelationsOf(ctx, ids, c.filter, c.page)
		must(t, c.name, err)
		if len(pages) != len(ids) {
			t.Fatalf("%s: %d pages for %d ids", c.name, len(pages), len(ids))
		}
		for i, id := range ids {
			one, err := s.Relations(ctx, id, c.filter, c.page)
			if errors.Is(err, store.ErrNotFound) {
				if pages[i] != nil {
					t.Errorf("%s: %s names no actor, but has a page", c.name, id)
				}
				continue
			}
			must(t, c.name, err)
			a, err := s.Actor(ctx, id)
			must(t, c.name, err)
			if !reflect.DeepEqual(one.Actor, a) {
				t.Errorf("%s: %s's page holds the actor %+v, want %+v", c.name, id, one.Actor, a)
			}
			if !reflect.DeepEqual(pages[i], one) {
				t.Errorf("%s: %s's page in the batch\n%+v\nis not its own\n%+v", c.name, id, pages[i], one)
			}
		}
	}
	pages, err := s.RelationsOf(ctx, nil, store.RelationFilter{}, store.Page{First: 5})
	if err != nil || len(pages) != 0 {
		t.Errorf("RelationsOf(no ids) = %v, %v; want no pages", pages, err)
	}
	_, err = s.RelationsOf(ctx, []string{"uz", "it-park"}, store.RelationFilter{}, store.Page{First: 2, After: "garbage!"})
	wantInvalid(t, "RelationsOf after a bad cursor", err, "after")
	_, err = s.RelationsOf(ctx, []string{"uz", "it-park"}, store.RelationFilter{Types: []store.RelationType{"LIKES"}}, store.Page{First: 2})
	wantInvalid(t, "RelationsOf of an unknown type", err, "types")
}
