package embedded

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
	"github.com/ecograph/ecograph/internal/traverse"
)

// TestSortTail: sorting the tail of a list whose head is in order and
// merging gives the list sorted whole, whatever the split.
func TestSortTail(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	entry := func() traverse.Edge {
		id := fmt.Sprintf("r%d", rng.IntN(1000))
		return traverse.Edge{RelationID: id, Type: store.RelationTypes[rng.IntN(3)], Other: fmt.Sprintf("a%d", rng.IntN(50)), OtherKey: fmt.Sprintf("k%d", rng.IntN(20))}
	}
	var buf []traverse.Edge
	for range 500 {
		list := make([]traverse.Edge, rng.IntN(60))
		for i := range list {
			list[i] = entry()
		}
		n := 0
		if len(list) > 0 {
			n = rng.IntN(len(list) + 1)
		}
		slices.SortFunc(list[:n], compareEdges)
		want := slices.Clone(list)
		slices.SortFunc(want, compareEdges)
		buf = sortTail(list, n, buf)
		for i := range list {
			if compareEdges(list[i], want[i]) != 0 {
				t.Fatalf("list of %d with %d in order: entry %d is %+v, want %+v", len(list), n, i, list[i], want[i])
			}
		}
	}
}

// TestAdjacency: after loads in chunks (appended and sorted once), small
// writes (inserted in place), renames in the same load as new relations,
// and deletes, each actor's edges are its relations from it and then
// those to it, each part in store.RelationKey order, with the far ends'
// current sort keys.
func TestAdjacency(t *testing.T) {
	ctx := t.Context()
	s, err := Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d := synth.Generate(synth.Config{Actors: 2000, Relations: 8000, Seed: 3})
	check := func(stage string) {
		t.Helper()
		m := s.mem
		want := map[*node][2][]traverse.Edge{}
		for _, r := range m.relations {
			from, to := m.actors[r.From], m.actors[r.To]
			out, in := edgesOf(r, from, to)
			w := want[from]
			w[0] = append(w[0], out)
			want[from] = w
			w = want[to]
			w[1] = append(w[1], in)
			want[to] = w
		}
		for id, n := range m.actors {
			w := want[n]
			for part, got := range [][]traverse.Edge{n.out(), n.in()} {
				slices.SortFunc(w[part], compareEdges)
				if len(got) != len(w[part]) || !slices.EqualFunc(got, w[part], func(a, b traverse.Edge) bool { return a == b }) {
					t.Fatalf("%s: actor %s, part %d: %d edges, want %d", stage, id, part, len(got), len(w[part]))
				}
			}
		}
	}
	if err := s.Load(ctx, store.Dataset{Sources: d.Sources, Actors: d.Actors}); err != nil {
		t.Fatal(err)
	}
	rels := d.Relations
	for _, chunk := range [][]store.Relation{rels[:3000], rels[3000:3050], rels[3050:6000]} {
		if err := s.Load(ctx, store.Dataset{Relations: chunk}); err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("after %d relations", len(s.mem.relations)))
	}
	// Rename the busiest actors in the same load as the last relations.
	var renamed []store.Actor
	for _, a := range d.Actors[:60] {
		a.Name = "Renamed " + a.Name
		renamed = append(renamed, a)
	}
	if err := s.Load(ctx, store.Dataset{Actors: renamed, Relations: rels[6000:]}); err != nil {
		t.Fatal(err)
	}
	check("after renames and relations")
	for _, a := range renamed[:10] {
		a.Name = "Zz " + a.Name
		if err := s.Load(ctx, store.Dataset{Actors: []store.Actor{a}}); err != nil {
			t.Fatal(err)
		}
	}
	check("after single renames")
	for _, r := range rels[:100] {
		if err := s.DeleteRelation(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range d.Actors[100:110] {
		if err := s.DeleteActor(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	check("after deletes")
}
