package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// RunConcurrency has readers page, search and walk while writers create,
// rename and delete actors and relations; run it under -race. Every read
// must succeed, and at the end the store must hold exactly what the
// writers left.
func RunConcurrency(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	const writers, readers, rounds = 3, 4, 30

	var wg sync.WaitGroup
	errs := make(chan error, writers+readers)
	for w := range writers {
		wg.Go(func() {
			for i := range rounds {
				id := fmt.Sprintf("w%d-%d", w, i)
				if _, err := s.CreateActor(ctx, store.Actor{ID: id, Kind: store.KindStartup, Name: "Startup " + id, CountryID: "uz"}); err != nil {
					errs <- fmt.Errorf("CreateActor(%s): %w", id, err)
					return
				}
				if _, err := s.CreateRelation(ctx, store.Relation{ID: id + "-in-uz", Type: store.LocatedIn, From: id, To: "uz"}); err != nil {
					errs <- fmt.Errorf("CreateRelation: %w", err)
					return
				}
				if _, err := s.CreateRelation(ctx, store.Relation{ID: id + "-at-ictweek", Type: store.ParticipatedIn, From: id, To: "ict-week"}); err != nil {
					errs <- fmt.Errorf("CreateRelation: %w", err)
					return
				}
				if _, err := s.UpdateActor(ctx, id, store.ActorPatch{Name: ptr("Renamed " + id)}); err != nil {
					errs <- fmt.Errorf("UpdateActor: %w", err)
					return
				}
				if i%2 == 1 {
					if err := s.DeleteActor(ctx, id); err != nil {
						errs <- fmt.Errorf("DeleteActor: %w", err)
						return
					}
				}
				// Two writers race for one id: one wins, the other conflicts.
				shared := fmt.Sprintf("shared-%d", i)
				_, err := s.CreateActor(ctx, store.Actor{ID: shared, Kind: store.KindProgram, Name: "Shared"})
				if err != nil && !errors.Is(err, store.ErrConflict) {
					errs <- fmt.Errorf("CreateActor(%s): %w", shared, err)
					return
				}
			}
		})
	}
	for range readers {
		wg.Go(func() {
			for range rounds {
				if err := readAll(s); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	// What the writers left: the even rounds of each writer, and the shared ones.
	want := len(fixtureOrder) + writers*rounds/2 + rounds
	page, err := s.Actors(ctx, store.ActorFilter{}, store.Page{First: 1})
	must(t, "Actors", err)
	if page.Total != want {
		t.Errorf("%d actors after the writers, want %d", page.Total, want)
	}
	rels, err := s.Relations(ctx, "uz", store.RelationFilter{}, store.Page{First: 100})
	must(t, "Relations(uz)", err)
	if wantRels := 5 + writers*rounds/2; rels.Total != wantRels || len(rels.Edges) != wantRels {
		t.Errorf("uz has %d relations (%d on the page), want %d", rels.Total, len(rels.Edges), wantRels)
	}
	for i, e := range rels.Edges {
		if i > 0 && keyOf(e).Compare(keyOf(rels.Edges[i-1])) <= 0 {
			t.Errorf("uz's relations are out of order at %d", i)
		}
	}
}

func keyOf(e store.RelationEdge) store.RelationKey {
	k, _ := store.ParseRelationCursor(e.Cursor)
	return k
}

// readAll makes one round of reads; each must succeed and be consistent
// in itself.
func readAll(s store.Store) error {
	ctx := context.Background()
	after := ""
	seen := map[string]bool{}
	for {
		page, err := s.Actors(ctx, store.ActorFilter{Country: "uz"}, store.Page{First: 7, After: after})
		if err != nil {
			return fmt.Errorf("Actors: %w", err)
		}
		for i, a := range page.Actors {
			if seen[a.ID] {
				return fmt.Errorf("Actors listed %s twice", a.ID)
			}
			seen[a.ID] = true
			after = page.Cursors[i]
		}
		if !page.HasNext {
			break
		}
	}
	if _, err := s.Relations(ctx, "ict-week", store.RelationFilter{}, store.Page{First: 20}); err != nil {
		return fmt.Errorf("Relations: %w", err)
	}
	if _, err := s.Search(ctx, store.SearchQuery{Text: "startup", First: 10}); err != nil {
		return fmt.Errorf("Search: %w", err)
	}
	if _, err := s.Neighborhood(ctx, "uz", store.NeighborhoodQuery{Depth: 2, Limit: 100}); err != nil {
		return fmt.Errorf("Neighborhood: %w", err)
	}
	if _, err := s.ShortestPath(ctx, "payme", "kaist", store.PathQuery{MaxLength: 6}); err != nil {
		return fmt.Errorf("ShortestPath: %w", err)
	}
	if as, err := s.ActorsByID(ctx, []string{"uz", "w0-0"}); err != nil || as[0] == nil {
		return fmt.Errorf("ActorsByID: %v, %w", as, err)
	}
	return nil
}
