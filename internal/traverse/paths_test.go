package traverse

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// fork has two parallel relations from A to B, then two ways on to T:
// through C and through D. Ordered by actors first, the paths of 3 are
// (A,B,C,T) by r1 then by r2, and only then (A,B,D,T) by r1 and by r2.
// Between B and T directly there are q1 and q2, so the paths of 2 are the
// four choices (r1,q1), (r1,q2), (r2,q1), (r2,q2).
const fork = `
A STARTUP A
B STARTUP B
C STARTUP C
D STARTUP D
T STARTUP T
--
r2 A B PARTNERS_WITH
r1 B A PARTNERS_WITH
c1 B C PARTNERS_WITH
c2 C T PARTNERS_WITH
d1 B D PARTNERS_WITH
d2 T D PARTNERS_WITH
q2 B T INTERESTED_IN
q1 T B INTERESTED_IN
`

func TestPaths(t *testing.T) {
	tests := []struct {
		name      string
		graph     string
		from, to  string
		types     string
		maxLength int
		first     int
		want      []string // each "actors / relations"
	}{
		// In diamond the paths of 2 are (s,a,t) by e0 or e1, and (s,b,t);
		// the one of 3 is (s,c,x,t).
		{name: "by length, then actors, then relations", graph: diamond, from: "s", to: "t", maxLength: 4, first: 10,
			want: []string{"s a t / e0 e4", "s a t / e1 e4", "s b t / e2 e3", "s c x t / e5 e6 e7"}},
		{name: "first", graph: diamond, from: "s", to: "t", maxLength: 4, first: 2,
			want: []string{"s a t / e0 e4", "s a t / e1 e4"}},
		{name: "the other way round", graph: diamond, from: "t", to: "s", maxLength: 4, first: 10,
			want: []string{"t a s / e4 e0", "t a s / e4 e1", "t b s / e3 e2", "t x c s / e7 e6 e5"}},
		{name: "maxLength", graph: diamond, from: "s", to: "t", maxLength: 2, first: 10,
			want: []string{"s a t / e0 e4", "s a t / e1 e4", "s b t / e2 e3"}},
		{name: "maxLength below the distance", graph: diamond, from: "s", to: "t", maxLength: 1, first: 10},
		{name: "types", graph: diamond, from: "s", to: "t", types: "INTERESTED_IN", maxLength: 4, first: 10,
			want: []string{"s c x t / e5 e6 e7"}},
		{name: "no path", graph: diamond, from: "s", to: "z", maxLength: 10, first: 10},
		{name: "to itself", graph: diamond, from: "s", to: "s", maxLength: 10, first: 10},
		{name: "actors before relations", graph: fork, from: "A", to: "T", types: "PARTNERS_WITH", maxLength: 3, first: 10,
			want: []string{"A B C T / r1 c1 c2", "A B C T / r2 c1 c2", "A B D T / r1 d1 d2", "A B D T / r2 d1 d2"}},
		{name: "parallel relations at every step", graph: fork, from: "A", to: "T", maxLength: 2, first: 10,
			want: []string{"A B T / r1 q1", "A B T / r1 q2", "A B T / r2 q1", "A B T / r2 q2"}},
		{name: "first cuts the parallel relations", graph: fork, from: "A", to: "T", maxLength: 2, first: 3,
			want: []string{"A B T / r1 q1", "A B T / r1 q2", "A B T / r2 q1"}},
		// From C: (C,T) by c2; then (C,B,T) by c1 and q1 or q2; then
		// (C,B,D,T), (C,T,...) is not simple past T.
		{name: "no actor twice and to only at the end", graph: fork, from: "C", to: "T", maxLength: 5, first: 10,
			want: []string{"C T / c2", "C B T / c1 q1", "C B T / c1 q2", "C B D T / c1 d1 d2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := parseGraph(tt.graph)
			got, _ := Paths(g, tt.from, tt.to, store.PathQuery{Types: types(tt.types), MaxLength: tt.maxLength}, tt.first)
			if !slices.Equal(show(got), tt.want) {
				t.Errorf("got %q\nwant %q", show(got), tt.want)
			}
		})
	}
}

// TestPathsBudget: a complete graph holds thousands of simple paths; with
// a small budget Paths returns fewer, and they are the first ones.
func TestPathsBudget(t *testing.T) {
	var b strings.Builder
	for i := range 8 {
		fmt.Fprintf(&b, "v%d STARTUP V%d\n", i, i)
	}
	b.WriteString("--\n")
	for i := range 8 {
		for j := i + 1; j < 8; j++ {
			fmt.Fprintf(&b, "r%d%d v%d v%d PARTNERS_WITH\n", i, j, i, j)
		}
	}
	g := parseGraph(b.String())
	q := store.PathQuery{MaxLength: 7}
	all, gaveUp := paths(g, "v0", "v7", q, 100, pathSteps)
	if len(all) != 100 || gaveUp {
		t.Fatalf("unbounded: %d paths, gave up %v; want 100, false", len(all), gaveUp)
	}
	cut, cutShort := paths(g, "v0", "v7", q, 100, 200)
	if len(cut) == 0 || len(cut) >= 100 || !cutShort {
		t.Fatalf("budget 200: %d paths, gave up %v; want some but fewer than 100, true", len(cut), cutShort)
	}
	if !slices.Equal(show(cut), show(all[:len(cut)])) {
		t.Errorf("budget 200 gave %q, not the first of %q", show(cut), show(all))
	}
}

// TestPathsRandom checks Paths against brute-force enumeration on random
// small graphs.
func TestPathsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 2000 {
		n := 2 + rng.IntN(8)
		g, names := randomGraph(rng, n, rng.IntN(3*n))
		from, to := names[rng.IntN(n)], names[rng.IntN(n)]
		q := store.PathQuery{Types: randomFilter(rng), Kinds: randomKindFilter(rng), AsOf: randomAsOf(rng), MaxLength: 1 + rng.IntN(6)}
		first := 1 + rng.IntN(30)
		found, truncated := Paths(g, from, to, q, first)
		got := show(found)
		want := show(allPaths(g, from, to, q))
		wantTruncated := len(want) > first
		want = want[:min(first, len(want))]
		if !slices.Equal(got, want) || truncated != wantTruncated {
			t.Fatalf("case %d: Paths(%s, %s, %+v, %d)\n got %q %v\nwant %q %v\nedges: %v", i, from, to, q, first, got, truncated, want, wantTruncated, g.edges)
		}
	}
}

// allPaths enumerates every simple path from from to to of 1..MaxLength
// relations in no particular order, then sorts them.
func allPaths(g *testGraph, from, to string, q store.PathQuery) []Result {
	if from == to {
		return nil
	}
	follows := plainFollows(g, q.Types, q.Kinds, q.AsOf, from, to)
	var out []Result
	var walk func(actors, rels []string)
	walk = func(actors, rels []string) {
		at := actors[len(actors)-1]
		if at == to {
			out = append(out, Result{Actors: slices.Clone(actors), Relations: slices.Clone(rels)})
			return
		}
		if len(rels) == q.MaxLength {
			return
		}
		for _, e := range g.Edges(at) {
			if follows(e) && !slices.Contains(actors, e.Other) {
				walk(append(actors, e.Other), append(rels, e.RelationID))
			}
		}
	}
	walk([]string{from}, nil)
	slices.SortFunc(out, func(a, b Result) int {
		return cmp.Or(cmp.Compare(len(a.Relations), len(b.Relations)),
			slices.Compare(a.Actors, b.Actors), slices.Compare(a.Relations, b.Relations))
	})
	return out
}

// show writes paths as "actors / relations" for comparing and printing.
func show(ps []Result) []string {
	var out []string
	for _, p := range ps {
		out = append(out, strings.Join(p.Actors, " ")+" / "+strings.Join(p.Relations, " "))
	}
	return out
}
