package traverse

import (
	"cmp"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// hood is a small network around c, drawn by hops from c:
//
//	hop 0: c "Center"
//	hop 1: a "Zeta" (r1 c→a), b "alpha" (r2 b→c), d "Beta" (r3 c→d), e "Alpha" (r4 e→c)
//	hop 2: f "Gamma" (r5 a→f), g "Delta" (r6 g→d)
//	hop 3: h "Eta" (r9 h→g)
//
// plus r7 a→b inside hop 1. Sorted by (SortKey, id), hop 1 is b, e (both
// "alpha"; b < e), d, a and hop 2 is g, f. r2 and r4 point at c, so a walk
// that followed relations one way only would miss b and e.
const hood = `
c STARTUP Center
a STARTUP Zeta
b UNIVERSITY alpha
d EVENT Beta
e STARTUP Alpha
f COUNTRY Gamma
g STARTUP Delta
h STARTUP Eta
--
r1 c a PARTNERS_WITH
r2 b c FOUNDED
r3 c d PARTICIPATED_IN
r4 e c INTERESTED_IN
r5 a f LOCATED_IN
r6 g d PARTICIPATED_IN
r7 a b PARTNERS_WITH
r9 h g NEGOTIATES_WITH
`

// twins are two actors joined by nine parallel relations.
const twins = `
p STARTUP P
q STARTUP Q
--
s1 p q PARTNERS_WITH
s2 q p PARTNERS_WITH
s3 p q PARTNERS_WITH
s4 q p PARTNERS_WITH
s5 p q PARTNERS_WITH
s6 q p PARTNERS_WITH
s7 p q PARTNERS_WITH
s8 q p PARTNERS_WITH
s9 p q PARTNERS_WITH
`

func TestNeighborhood(t *testing.T) {
	tests := []struct {
		name      string
		graph     string
		center    string
		depth     int
		types     string
		kinds     []store.Kind
		limit     int
		actors    string
		relations string
		truncated bool
	}{
		{name: "depth 0 is the center alone", graph: hood, center: "c", depth: 0, limit: 200,
			actors: "c"},
		{name: "depth 1 sorts by name then id, both directions", graph: hood, center: "c", depth: 1, limit: 200,
			actors: "c b e d a", relations: "r1 r2 r3 r4 r7"},
		{name: "depth 2 adds hop 2 after hop 1", graph: hood, center: "c", depth: 2, limit: 200,
			actors: "c b e d a g f", relations: "r1 r2 r3 r4 r5 r6 r7"},
		{name: "depth 3 reaches h", graph: hood, center: "c", depth: 3, limit: 200,
			actors: "c b e d a g f h", relations: "r1 r2 r3 r4 r5 r6 r7 r9"},
		{name: "depth beyond the component changes nothing", graph: hood, center: "c", depth: 5, limit: 200,
			actors: "c b e d a g f h", relations: "r1 r2 r3 r4 r5 r6 r7 r9"},
		// d is an EVENT, kept as the center; hop 1: c "center", g "delta";
		// hop 2: e "alpha", h "eta", a "zeta" (b, a UNIVERSITY, is left out).
		{name: "kinds keep the center whatever its kind", graph: hood, center: "d", depth: 2, limit: 200,
			kinds: []store.Kind{store.KindStartup}, actors: "d c g e h a", relations: "r1 r3 r4 r6 r9"},
		// d (EVENT) and b (UNIVERSITY) are left out, so g behind d is never
		// reached; f is reached through a.
		{name: "kinds stop the walk at left-out actors", graph: hood, center: "c", depth: 3, limit: 200,
			kinds: []store.Kind{store.KindStartup, store.KindCountry}, actors: "c e a f", relations: "r1 r4 r5"},
		{name: "types filter", graph: hood, center: "c", depth: 3, limit: 200,
			types: "PARTICIPATED_IN LOCATED_IN", actors: "c d g", relations: "r3 r6"},
		{name: "limit cuts inside a hop", graph: hood, center: "c", depth: 2, limit: 4,
			actors: "c b e d", relations: "r2 r3 r4", truncated: true},
		{name: "limit met exactly at the last hop is not a cut", graph: hood, center: "c", depth: 1, limit: 5,
			actors: "c b e d a", relations: "r1 r2 r3 r4 r7"},
		{name: "limit met exactly before a further hop is a cut", graph: hood, center: "c", depth: 2, limit: 5,
			actors: "c b e d a", relations: "r1 r2 r3 r4 r7", truncated: true},
		{name: "limit 1", graph: hood, center: "c", depth: 1, limit: 1,
			actors: "c", truncated: true},
		{name: "limit 1 with nothing around", graph: hood, center: "c", depth: 1, limit: 1, types: "OFFERS",
			actors: "c"},
		// 4*limit = 8 of the 9 relations.
		{name: "relation cap", graph: twins, center: "p", depth: 1, limit: 2,
			actors: "p q", relations: "s1 s2 s3 s4 s5 s6 s7 s8", truncated: true},
		{name: "relations under the cap", graph: twins, center: "q", depth: 1, limit: 3,
			actors: "q p", relations: "s1 s2 s3 s4 s5 s6 s7 s8 s9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := parseGraph(tt.graph)
			q := store.NeighborhoodQuery{Depth: tt.depth, Types: types(tt.types), Kinds: tt.kinds, Limit: tt.limit}
			got := Neighborhood(g, tt.center, q)
			if !slices.Equal(got.Actors, ids(tt.actors)) {
				t.Errorf("actors = %v, want %v", got.Actors, ids(tt.actors))
			}
			if !slices.Equal(got.Relations, ids(tt.relations)) {
				t.Errorf("relations = %v, want %v", got.Relations, ids(tt.relations))
			}
			if got.Truncated != tt.truncated {
				t.Errorf("truncated = %v, want %v", got.Truncated, tt.truncated)
			}
		})
	}
}

// TestNeighborhoodRandom checks Neighborhood against a plain reference on
// random small graphs.
func TestNeighborhoodRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 3000 {
		n := 2 + rng.IntN(30)
		g, names := randomGraph(rng, n, rng.IntN(4*n))
		center := names[rng.IntN(n)]
		q := store.NeighborhoodQuery{Depth: rng.IntN(6), Types: randomFilter(rng), Kinds: randomKindFilter(rng), AsOf: randomAsOf(rng), Limit: 1 + rng.IntN(n+2)}
		got := Neighborhood(g, center, q)
		want := referenceNeighborhood(g, center, q)
		if !slices.Equal(got.Actors, want.Actors) || !slices.Equal(got.Relations, want.Relations) || got.Truncated != want.Truncated {
			t.Fatalf("case %d: Neighborhood(%s, %+v)\n got %v\nwant %v\nedges: %v", i, center, q, got, want, g.edges)
		}
	}
}

// referenceNeighborhood is the definition read plainly: every included
// actor with its hop, sorted by (hop, SortKey, id), cut at the limit; then
// every followed relation among them, by id, cut at 4*limit.
func referenceNeighborhood(g *testGraph, center string, q store.NeighborhoodQuery) Result {
	follows := plainFollows(g, q.Types, nil, q.AsOf)
	hop := map[string]int{center: 0}
	excluded := map[string]bool{}
	for h := 1; h <= q.Depth; h++ {
		for id, at := range maps.Clone(hop) {
			if at != h-1 {
				continue
			}
			for _, e := range g.Edges(id) {
				if _, ok := hop[e.Other]; ok || excluded[e.Other] || !follows(e) {
					continue
				}
				if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, g.kinds[e.Other]) {
					excluded[e.Other] = true
					continue
				}
				hop[e.Other] = h
			}
		}
	}
	all := slices.Collect(maps.Keys(hop))
	slices.SortFunc(all, func(a, b string) int {
		return cmp.Or(cmp.Compare(hop[a], hop[b]), cmp.Compare(g.SortKey(a), g.SortKey(b)), cmp.Compare(a, b))
	})
	var res Result
	res.Actors = all[:min(len(all), q.Limit)]
	res.Truncated = len(all) > q.Limit
	var rels []string
	for _, edges := range g.edges {
		for _, e := range edges {
			if _, ok := hop[e.Other]; e.Out && ok && follows(e) {
				rels = append(rels, e.RelationID)
			}
		}
	}
	rels = slices.DeleteFunc(rels, func(r string) bool { return !inResult(g, res.Actors, r) })
	slices.Sort(rels)
	if len(rels) > 4*q.Limit {
		rels, res.Truncated = rels[:4*q.Limit], true
	}
	res.Relations = rels
	return res
}

// inResult reports whether both ends of relation r are among actors.
func inResult(g *testGraph, actors []string, r string) bool {
	n := 0
	for _, id := range actors {
		for _, e := range g.edges[id] {
			if e.RelationID == r {
				n++
			}
		}
	}
	return n == 2
}
