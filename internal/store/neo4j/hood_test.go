package neo4j_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// TestNeighborhoodThroughHubsSameAsEmbedded asks both stores for the
// neighbourhoods of hubs, of their neighbours and of random actors, at
// small limits and every depth, and wants the same actors, relations and
// cut. At a small limit Neo4j finds a hub's first neighbours by reading
// the actors' (sortKey, id) index in order rather than the hub's
// relations (hood.go), so this is where that reading is checked against
// the walk the embedded store does (internal/traverse).
func TestNeighborhoodThroughHubsSameAsEmbedded(t *testing.T) {
	ctx := t.Context()
	d := synth.Generate(synth.Config{Actors: 600, Relations: 3000, Seed: 11})
	n4, em := loadedBoth(t, d)

	centers, degree := hubsAndOthers(t, d, 11, 8, 12)

	noLocatedIn := slices.DeleteFunc(slices.Clone(store.RelationTypes), func(t store.RelationType) bool { return t == store.LocatedIn })
	for _, center := range centers {
		for _, types := range [][]store.RelationType{nil, noLocatedIn} {
			for depth := 1; depth <= 3; depth++ {
				for _, limit := range []int{1, 2, 5, 12, 40} {
					q := store.NeighborhoodQuery{Depth: depth, Limit: limit, Types: types}
					var got [2]any
					for i, s := range []store.Store{em, n4} {
						g, err := s.Neighborhood(ctx, center, q)
						if err != nil {
							t.Fatalf("Neighborhood(%s, %+v): %v", center, q, err)
						}
						got[i] = [3]any{actorIDs(g.Actors), relationIDs(g.Relations), g.Truncated}
					}
					if !reflect.DeepEqual(got[0], got[1]) {
						t.Errorf("Neighborhood(%s (%d relations), %+v):\nembedded: %s\nneo4j:    %s", center, degree[center], q, show(got[0]), show(got[1]))
					}
				}
			}
		}
	}
	if t.Failed() {
		t.Logf("hubs: %s %d, %s %d, %s %d", centers[0], degree[centers[0]], centers[1], degree[centers[1]], centers[2], degree[centers[2]])
	}
}
