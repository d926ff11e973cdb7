package storetest

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// testStoreDump: Store.Dump hands over every record, each kind in id
// order, the same records the Reader gives; a visitor's error stops it.
func testStoreDump(t *testing.T, open Opener) {
	s := Loaded(t, open)
	var got store.Dataset
	err := s.Dump(t.Context(), store.Visitor{
		Source: func(src *store.Source) error { got.Sources = append(got.Sources, *src); return nil },
		Actor:  func(a *store.Actor) error { got.Actors = append(got.Actors, Normalize(*a)); return nil },
		Relation: func(r *store.Relation) error {
			got.Relations = append(got.Relations, NormalizeRelation(*r))
			return nil
		},
	})
	must(t, "Dump", err)

	want := Dump(t, s)
	slices.SortFunc(want.Actors, func(a, b store.Actor) int { return strings.Compare(a.ID, b.ID) })
	// The Reader reaches only cited sources; Dump gives every one.
	want.Sources = Fixture().Sources
	slices.SortFunc(want.Sources, func(a, b store.Source) int { return strings.Compare(a.ID, b.ID) })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Dump:\n got %+v\nwant %+v", got, want)
	}

	stop := errors.New("enough")
	seen := 0
	err = s.Dump(t.Context(), store.Visitor{Actor: func(*store.Actor) error {
		seen++
		if seen == 2 {
			return stop
		}
		return nil
	}})
	if !errors.Is(err, stop) || seen != 2 {
		t.Errorf("Dump with a visitor that fails at the second actor: %v after %d actors, want %v after 2", err, seen, stop)
	}
}

// testLookup: Lookup tells which kind of record holds each id and gives
// the actors (their id and kind at least, as store.Known allows), as
// Load's checks see them; unknown ids hold nothing.
func testLookup(t *testing.T, open Opener) {
	s := Loaded(t, open)
	k, err := s.Lookup(t.Context(), []string{"uz", "src-decree", "uzum-in-uz", "nobody"})
	must(t, "Lookup", err)
	for id, want := range map[string]string{"uz": "actor", "src-decree": "source", "uzum-in-uz": "relation", "nobody": ""} {
		if got := k.Holder(id); got != want {
			t.Errorf("Holder(%q) = %q, want %q", id, got, want)
		}
	}
	if a := k.Actor("uz"); a == nil || a.ID != "uz" || a.Kind != store.KindCountry {
		t.Errorf("Actor(uz) = %+v", a)
	}
	if k.Actor("src-decree") != nil || !k.HasSource("src-decree") || k.HasSource("uz") {
		t.Errorf("a source is not an actor, and an actor is not a source")
	}
}
