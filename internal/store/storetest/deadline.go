package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
)

// testDeadline: the stores run every call within the request's deadline
// (Neo4j gets it as the transaction's timeout, so that the server stops
// the work too), and a call whose deadline has passed fails with
// context.DeadlineExceeded, which the API reports as UNAVAILABLE; a write
// refused so changes nothing.
func testDeadline(t *testing.T, open Opener) {
	s := Loaded(t, open)
	calls := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"Actor", func(ctx context.Context) error { return second(s.Actor(ctx, "uz")) }},
		{"Actors", func(ctx context.Context) error {
			return second(s.Actors(ctx, store.ActorFilter{}, store.Page{First: 10}))
		}},
		{"Relations", func(ctx context.Context) error {
			return second(s.Relations(ctx, "uz", store.RelationFilter{}, store.Page{First: 10}))
		}},
		{"Search", func(ctx context.Context) error {
			return second(s.Search(ctx, store.SearchQuery{Text: "inha", First: 10}))
		}},
		{"Neighborhood", func(ctx context.Context) error {
			return second(s.Neighborhood(ctx, "uz", store.NeighborhoodQuery{Depth: 2, Limit: 100}))
		}},
		{"ShortestPath", func(ctx context.Context) error {
			return second(s.ShortestPath(ctx, "uz", "kr", store.PathQuery{MaxLength: 6}))
		}},
		{"Paths", func(ctx context.Context) error {
			return third(s.Paths(ctx, "uz", "kr", store.PathQuery{MaxLength: 4}, 10))
		}},
		{"CommonNeighbors", func(ctx context.Context) error {
			return third(s.CommonNeighbors(ctx, "uz", "kr", store.NeighborsQuery{First: 10}))
		}},
		{"CreateActor", func(ctx context.Context) error {
			return second(s.CreateActor(ctx, store.Actor{Kind: store.KindStartup, Name: "Deadline Labs"}))
		}},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
			defer cancel()
			if err := c.call(ctx); err != nil {
				t.Errorf("with a minute to go: %v", err)
			}
			past, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
			defer cancel()
			if err := c.call(past); !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("past the deadline: %v, want context.DeadlineExceeded", err)
			}
		})
	}
	// The write refused past its deadline wrote nothing: one Deadline Labs.
	hits, err := s.Search(t.Context(), store.SearchQuery{Text: "Deadline Labs", First: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 {
		t.Errorf("Search(Deadline Labs) found %d actors, want the 1 written in time", len(hits))
	}
}
