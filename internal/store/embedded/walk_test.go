package embedded

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
	"github.com/ecograph/ecograph/internal/traverse"
)

// The store's walks on slots (hood.go, shortest.go) must answer exactly as
// traverse's walks, the reference the Neo4j store also uses, over the
// same memory: these tests ask both the same random questions on random
// networks with country hubs, names that tie, dated relations and
// filters, before and after writes of every kind.

// walkNetwork is a store holding a synthetic network of n actors, a
// quarter of whose relations are dated, and a random generator.
func walkNetwork(t *testing.T, n int, seed uint64) (*Store, *rand.Rand) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	d := synth.Generate(synth.Config{Actors: n, Relations: 5 * n, Seed: int64(seed)})
	for i := range d.Relations {
		r := &d.Relations[i]
		if !r.Since.IsZero() || !r.Until.IsZero() {
			continue // synth's own dates
		}
		if rng.IntN(4) == 0 {
			r.Since = store.Date{Year: 2000 + rng.IntN(16)}
		}
		if rng.IntN(4) == 0 {
			r.Until = store.Date{Year: 2016 + rng.IntN(14), Month: 1 + rng.IntN(12)}
		}
	}
	// Names that tie: many actors share a few, so that the walks' order
	// falls back to ids.
	for i := range d.Actors {
		if d.Actors[i].Kind != store.KindCountry && rng.IntN(3) == 0 {
			d.Actors[i].Name = fmt.Sprintf("Same %d", rng.IntN(4))
		}
	}
	s, err := Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Load(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return s, rng
}

// randomFilters draws the filters a walk may have: none, or some types,
// kinds and a day.
func randomFilters(rng *rand.Rand) ([]store.RelationType, []store.Kind, *store.Day) {
	var types []store.RelationType
	var kinds []store.Kind
	var asOf *store.Day
	if rng.IntN(2) == 0 {
		for _, t := range store.RelationTypes {
			if rng.IntN(2) == 0 {
				types = append(types, t)
			}
		}
		if rng.IntN(4) == 0 && len(types) > 0 {
			types = append(types, types[0]) // a type listed twice
		}
	}
	if rng.IntN(3) == 0 {
		for _, k := range store.Kinds {
			if rng.IntN(2) == 0 {
				kinds = append(kinds, k)
			}
		}
	}
	if rng.IntN(3) == 0 {
		day := store.Date{Year: 2003 + rng.IntN(22), Month: 6, Day: 1}.FirstDay()
		asOf = &day
	}
	return types, kinds, asOf
}

func idsOfActors(as []*store.Actor) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func idsOfRelations(rs []*store.Relation) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// sameResult compares two answers, an empty list and none alike.
func sameResult(a, b traverse.Result) bool {
	return slices.Equal(a.Actors, b.Actors) && slices.Equal(a.Relations, b.Relations) && a.Truncated == b.Truncated
}

// checkSlots checks what the walks on slots read beside the edges: each
// actor's slot finds it, and its far ends' slots are its edges', in order.
func checkSlots(t *testing.T, m *memory) {
	t.Helper()
	for id, n := range m.actors {
		if m.slots[n.slot] != n {
			t.Fatalf("actor %s: slot %d holds another", id, n.slot)
		}
		for i, e := range n.edges {
			if m.slots[e.OtherSlot] != m.actors[e.Other] || i >= len(n.far) || n.far[i] != e.OtherSlot {
				t.Fatalf("actor %s: edge %d to %s: slot %d, far %v", id, i, e.Other, e.OtherSlot, n.far)
			}
		}
		if len(n.far) != len(n.edges) {
			t.Fatalf("actor %s: %d far ends for %d edges", id, len(n.far), len(n.edges))
		}
	}
}

// compareWalks asks the store and traverse rounds random questions.
func compareWalks(t *testing.T, s *Store, rng *rand.Rand, rounds int) {
	t.Helper()
	ctx := context.Background()
	checkSlots(t, s.mem)
	ids := make([]string, 0, len(s.mem.actors))
	for _, n := range s.mem.slots {
		if n != nil {
			ids = append(ids, n.actor.ID)
		}
	}
	// Hubs are centres too: the countries, which most actors are in.
	for _, n := range s.mem.slots {
		if n != nil && n.actor.Kind == store.KindCountry {
			ids = append(ids, n.actor.ID, n.actor.ID)
		}
	}
	for range rounds {
		types, kinds, asOf := randomFilters(rng)
		id := ids[rng.IntN(len(ids))]
		hq := store.NeighborhoodQuery{Depth: rng.IntN(4), Limit: 1 + rng.IntN(80), Types: types, Kinds: kinds, AsOf: asOf}
		got, err := s.Neighborhood(ctx, id, hq)
		if err != nil {
			t.Fatal(err)
		}
		want := traverse.Neighborhood(s.mem, id, hq)
		if g := (traverse.Result{Actors: idsOfActors(got.Actors), Relations: idsOfRelations(got.Relations), Truncated: got.Truncated}); !sameResult(g, want) {
			t.Fatalf("Neighborhood(%s, %+v):\n got %v\nwant %v", id, hq, g, want)
		}

		from, to := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
		if rng.IntN(20) == 0 {
			to = from
		}
		pq := store.PathQuery{MaxLength: 1 + rng.IntN(6), Types: types, Kinds: kinds, AsOf: asOf}
		if rng.IntN(50) == 0 {
			pq.MaxLength = maxMarkedDist + 1 + rng.IntN(5) // traverse's own walk
		}
		path, err := s.ShortestPath(ctx, from, to, pq)
		if err != nil {
			t.Fatal(err)
		}
		r, ok := traverse.ShortestPath(s.mem, from, to, pq)
		switch {
		case ok != (path != nil):
			t.Fatalf("ShortestPath(%s, %s, %+v): found %v, traverse %v", from, to, pq, path != nil, ok)
		case ok:
			if g := (traverse.Result{Actors: idsOfActors(path.Actors), Relations: idsOfRelations(path.Relations)}); !sameResult(g, r) {
				t.Fatalf("ShortestPath(%s, %s, %+v):\n got %v\nwant %v", from, to, pq, g, r)
			}
		}
	}
}

func TestWalksAsTraverse(t *testing.T) {
	for _, c := range []struct {
		actors int
		seed   uint64
	}{{60, 1}, {300, 2}, {1500, 3}} {
		t.Run(fmt.Sprint(c.actors), func(t *testing.T) {
			s, rng := walkNetwork(t, c.actors, c.seed)
			compareWalks(t, s, rng, 400)
		})
	}
}

// TestWalksAsTraverseAfterWrites writes between the questions: relations
// created and deleted, actors renamed (their neighbours' lists re-sorted;
// names tie), created, given a founding date (their relations' spans
// change) and deleted (their slots taken by new actors).
func TestWalksAsTraverseAfterWrites(t *testing.T) {
	ctx := context.Background()
	s, rng := walkNetwork(t, 400, 4)
	pick := func() *node {
		for {
			if n := s.mem.slots[rng.IntN(len(s.mem.slots))]; n != nil {
				return n
			}
		}
	}
	created := 0
	for round := range 30 {
		for range 8 {
			switch rng.IntN(6) {
			case 0: // a new relation
				a, b := pick(), pick()
				if a == b {
					continue
				}
				_, err := s.CreateRelation(ctx, store.Relation{Type: store.PartnersWith, From: a.actor.ID, To: b.actor.ID, Since: store.Date{Year: 2001 + rng.IntN(20)}})
				if err != nil {
					t.Fatal(err)
				}
			case 1: // a relation deleted
				n := pick()
				if len(n.edges) > 0 {
					if err := s.DeleteRelation(ctx, n.edges[rng.IntN(len(n.edges))].RelationID); err != nil {
						t.Fatal(err)
					}
				}
			case 2: // a rename, often to a name others have
				name := fmt.Sprintf("Same %d", rng.IntN(4))
				if rng.IntN(3) == 0 {
					name = fmt.Sprintf("Renamed %d", rng.IntN(1000))
				}
				if _, err := s.UpdateActor(ctx, pick().actor.ID, store.ActorPatch{Name: &name}); err != nil {
					t.Fatal(err)
				}
			case 3: // a new actor, joined to another
				created++
				a, err := s.CreateActor(ctx, store.Actor{Kind: store.KindStartup, Name: fmt.Sprintf("Same %d", rng.IntN(4)), CountryID: "", Founded: store.Date{Year: 2010 + rng.IntN(10)}})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.CreateRelation(ctx, store.Relation{Type: store.InterestedIn, From: a.ID, To: pick().actor.ID}); err != nil {
					t.Fatal(err)
				}
			case 4: // a founding date, which moves its relations' spans
				n := pick()
				if n.actor.Kind == store.KindStartup {
					d := store.Date{Year: 2000 + rng.IntN(25)}
					if _, err := s.UpdateActor(ctx, n.actor.ID, store.ActorPatch{Founded: &d}); err != nil {
						t.Fatal(err)
					}
				}
			case 5: // an actor deleted (with its relations)
				if n := pick(); n.actor.Kind != store.KindCountry {
					if err := s.DeleteActor(ctx, n.actor.ID); err != nil {
						t.Logf("round %d: DeleteActor: %v", round, err)
					}
				}
			}
		}
		compareWalks(t, s, rng, 40)
	}
	if created == 0 {
		t.Fatal("no actor was created")
	}
}
