package neo4j_test

import (
	"math/rand/v2"
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

	degree := map[string]int{}
	neighbours := map[string][]string{}
	for _, r := range d.Relations {
		degree[r.From]++
		degree[r.To]++
		neighbours[r.From] = append(neighbours[r.From], r.To)
		neighbours[r.To] = append(neighbours[r.To], r.From)
	}
	ids := make([]string, len(d.Actors))
	for i, a := range d.Actors {
		ids[i] = a.ID
	}
	slices.SortFunc(ids, func(a, b string) int { return degree[b] - degree[a] })
	// The test means something only if some actors are hubs at these
	// limits: a hundred relations among 600 actors is one.
	if degree[ids[0]] < 100 {
		t.Fatalf("the network's biggest hub %s has %d relations; the test needs one of 100 or more", ids[0], degree[ids[0]])
	}
	rng := rand.New(rand.NewPCG(11, 11))
	centers := slices.Clone(ids[:8]) // the hubs themselves
	for range 12 {
		hub := ids[rng.IntN(3)]
		centers = append(centers, neighbours[hub][rng.IntN(len(neighbours[hub]))])
	}
	for range 12 {
		centers = append(centers, ids[rng.IntN(len(ids))])
	}

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
		t.Logf("hubs: %s %d, %s %d, %s %d", ids[0], degree[ids[0]], ids[1], degree[ids[1]], ids[2], degree[ids[2]])
	}
}
