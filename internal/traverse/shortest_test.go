package traverse

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// diamond has two shortest paths of 2 from s to t, through a and through b,
// and one of 3 through c and x:
//
//	s =e0,e1= a -e4- t     e0, e1 parallel; e1 and e4 point back
//	s -e2- b -e3- t
//	s -e5- c -e6- x -e7- t
//
// and z alone. By actor ids (s,a,t) < (s,b,t); between e0 and e1 e0 wins.
const diamond = `
s STARTUP S
a STARTUP A
b STARTUP B
c STARTUP C
x STARTUP X
t STARTUP T
z STARTUP Z
--
e0 s a PARTNERS_WITH
e1 a s PARTNERS_WITH
e4 t a INTERESTED_IN
e2 s b NEGOTIATES_WITH
e3 b t NEGOTIATES_WITH
e5 s c INTERESTED_IN
e6 x c INTERESTED_IN
e7 x t INTERESTED_IN
`

// trap has three shortest paths of 3 from s to t: (s,b,k,t), (s,b,m,t) and
// (s,c,d,t); a, the smallest neighbour of s, leads only to a dead end z, so
// a walk that chose the smallest neighbour without looking ahead would fail.
const trap = `
s STARTUP S
a STARTUP A
z STARTUP Z
b STARTUP B
k STARTUP K
m STARTUP M
c STARTUP C
d STARTUP D
t STARTUP T
--
f1 s a PARTNERS_WITH
f2 a z PARTNERS_WITH
f4 s b PARTNERS_WITH
f5 b m PARTNERS_WITH
f6 m t PARTNERS_WITH
f7 k b PARTNERS_WITH
f8 t k PARTNERS_WITH
f3 s c PARTNERS_WITH
f9 c d PARTNERS_WITH
f10 d t PARTNERS_WITH
`

func TestShortestPath(t *testing.T) {
	tests := []struct {
		name      string
		graph     string
		from, to  string
		types     string
		maxLength int
		actors    string // "" when there is no path
		relations string
	}{
		{name: "lexicographic actors, then smallest parallel relation", graph: diamond, from: "s", to: "t", maxLength: 6,
			actors: "s a t", relations: "e0 e4"},
		{name: "the other way round", graph: diamond, from: "t", to: "s", maxLength: 6,
			actors: "t a s", relations: "e4 e0"},
		{name: "types pick the other shortest path", graph: diamond, from: "s", to: "t", types: "NEGOTIATES_WITH", maxLength: 6,
			actors: "s b t", relations: "e2 e3"},
		{name: "types force the longer path", graph: diamond, from: "s", to: "t", types: "INTERESTED_IN", maxLength: 3,
			actors: "s c x t", relations: "e5 e6 e7"},
		{name: "maxLength cuts the only path", graph: diamond, from: "s", to: "t", types: "INTERESTED_IN", maxLength: 2},
		{name: "maxLength below the distance", graph: diamond, from: "s", to: "t", maxLength: 1},
		{name: "neighbours", graph: diamond, from: "x", to: "c", maxLength: 1,
			actors: "x c", relations: "e6"},
		{name: "no path to an isolated actor", graph: diamond, from: "s", to: "z", maxLength: 10},
		{name: "to itself", graph: diamond, from: "z", to: "z", maxLength: 1,
			actors: "z"},
		{name: "smallest neighbour is a dead end", graph: trap, from: "s", to: "t", maxLength: 6,
			actors: "s b k t", relations: "f4 f7 f8"},
		{name: "dead end from the other side", graph: trap, from: "t", to: "s", maxLength: 3,
			actors: "t d c s", relations: "f10 f9 f3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := parseGraph(tt.graph)
			got, ok := ShortestPath(g, tt.from, tt.to, store.PathQuery{Types: types(tt.types), MaxLength: tt.maxLength})
			if want := tt.actors != ""; ok != want {
				t.Fatalf("ok = %v, want %v (got %v)", ok, want, got)
			}
			if !slices.Equal(got.Actors, ids(tt.actors)) || !slices.Equal(got.Relations, ids(tt.relations)) {
				t.Errorf("got %v %v, want %v %v", got.Actors, got.Relations, ids(tt.actors), ids(tt.relations))
			}
		})
	}
}

// TestShortestPathRandom checks ShortestPath against a plain reference on
// random small graphs.
func TestShortestPathRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		n := 2 + rng.IntN(14)
		g, names := randomGraph(rng, n, rng.IntN(3*n))
		from, to := names[rng.IntN(n)], names[rng.IntN(n)]
		q := store.PathQuery{Types: randomFilter(rng), Kinds: randomKindFilter(rng), AsOf: randomAsOf(rng), MaxLength: 1 + rng.IntN(6)}
		got, ok := ShortestPath(g, from, to, q)
		want, wantOK := referencePath(g, from, to, q)
		if ok != wantOK || !slices.Equal(got.Actors, want.Actors) || !slices.Equal(got.Relations, want.Relations) {
			t.Fatalf("case %d: ShortestPath(%s, %s, %+v) = %v %v, want %v %v\nedges: %v",
				i, from, to, q, got, ok, want, wantOK, g.edges)
		}
	}
}

// referencePath is the shortest path by the book: breadth-first distances
// from to over the whole graph, then from from a greedy walk, each step to
// the smallest (actor id, relation id) one closer to to.
func referencePath(g *testGraph, from, to string, q store.PathQuery) (Result, bool) {
	follows := plainFollows(g, q.Types, q.Kinds, q.AsOf, from, to)
	dist := map[string]int{to: 0}
	for layer := []string{to}; len(layer) > 0; {
		var next []string
		for _, id := range layer {
			for _, e := range g.Edges(id) {
				if _, seen := dist[e.Other]; !seen && follows(e) {
					dist[e.Other] = dist[id] + 1
					next = append(next, e.Other)
				}
			}
		}
		layer = next
	}
	d, ok := dist[from]
	if !ok || d > q.MaxLength {
		return Result{}, false
	}
	res := Result{Actors: []string{from}}
	for at := from; at != to; {
		var next, rel string
		for _, e := range g.Edges(at) {
			// Every followed neighbour of a reached actor is reached.
			if follows(e) && dist[e.Other] == dist[at]-1 {
				if next == "" || e.Other < next || e.Other == next && e.RelationID < rel {
					next, rel = e.Other, e.RelationID
				}
			}
		}
		res.Actors = append(res.Actors, next)
		res.Relations = append(res.Relations, rel)
		at = next
	}
	return res, true
}
