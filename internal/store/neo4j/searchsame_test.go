package neo4j_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
)

// TestPartialMatchesFollowWrites: a partial match weighs each word by how
// many actors hold it, and the Neo4j store keeps the counts of common
// words between writes. After writes that change how many actors hold a
// common word, both stores still give the same hits and scores, and the
// scores moved.
func TestPartialMatchesFollowWrites(t *testing.T) {
	ctx := t.Context()
	common := func(i int) store.Actor {
		return store.Actor{ID: fmt.Sprintf("common-%03d", i), Kind: store.KindStartup, Name: fmt.Sprintf("Common Widget %03d", i)}
	}
	d := store.Dataset{Actors: []store.Actor{
		{ID: "zephyr", Kind: store.KindStartup, Name: "Zephyr Common Labs"},
		{ID: "zephyr-works", Kind: store.KindOrganization, Name: "Zephyr Works"},
	}}
	for i := range search.MaxWordActors + 20 {
		d.Actors = append(d.Actors, common(i))
	}
	n4 := neo4jtest.Open(t)
	em, err := embedded.Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = em.Close() })
	stores := [2]store.Store{em, n4}
	for _, s := range stores {
		if err := s.Load(ctx, d); err != nil {
			t.Fatalf("Load: %v", err)
		}
	}
	type hit struct {
		ID, Matched string
		Score       float64
	}
	ask := func(s store.Store) []hit {
		hits, err := s.Search(ctx, store.SearchQuery{Text: "Zephyr Common Foundry", First: 10})
		if err != nil {
			t.Fatal(err)
		}
		out := []hit{}
		for _, h := range hits {
			out = append(out, hit{h.Actor.ID, h.Matched, h.Score})
		}
		return out
	}
	var before []hit
	for step, write := range []func(s store.Store) error{
		nil,
		func(s store.Store) error { // more actors hold "common"
			for i := search.MaxWordActors + 20; i < search.MaxWordActors+220; i++ {
				if _, err := s.CreateActor(ctx, common(i)); err != nil {
					return err
				}
			}
			return nil
		},
		func(s store.Store) error { // and fewer again
			for i := range 150 {
				if err := s.DeleteActor(ctx, common(i).ID); err != nil {
					return err
				}
			}
			return nil
		},
	} {
		for _, s := range stores {
			if write != nil {
				if err := write(s); err != nil {
					t.Fatalf("step %d: %v", step, err)
				}
			}
		}
		// Twice: the second search finds the counts the first one kept.
		for range 2 {
			got := [2][]hit{ask(em), ask(n4)}
			if !reflect.DeepEqual(got[0], got[1]) {
				t.Fatalf("step %d: embedded %+v\nneo4j    %+v", step, got[0], got[1])
			}
			if len(got[0]) == 0 {
				t.Fatalf("step %d: no partial match", step)
			}
			if step > 0 && reflect.DeepEqual(got[0], before) {
				t.Errorf("step %d: the scores did not move with the common word's count: %+v", step, got[0])
			}
		}
		before = ask(em)
	}
}
