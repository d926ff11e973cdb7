package traverse

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// testGraph is a Graph over lists of actors and relations, as a store's
// adjacency would give it.
type testGraph struct {
	kinds map[string]store.Kind
	keys  map[string]string
	edges map[string][]Edge
}

func newTestGraph(actors []store.Actor, rels []store.Relation) *testGraph {
	g := &testGraph{
		kinds: make(map[string]store.Kind, len(actors)),
		keys:  make(map[string]string, len(actors)),
		edges: make(map[string][]Edge, len(actors)),
	}
	begins := map[string]store.Day{}
	for _, a := range actors {
		g.kinds[a.ID] = a.Kind
		g.keys[a.ID] = store.SortKey(a.Name)
		begins[a.ID] = store.Begins(&a)
	}
	for _, r := range rels {
		span := store.RelationSpan(r.Since, r.Until, begins[r.From], begins[r.To])
		g.edges[r.From] = append(g.edges[r.From], Edge{RelationID: r.ID, Type: r.Type, Other: r.To, OtherKey: g.keys[r.To], Out: true, Span: span})
		g.edges[r.To] = append(g.edges[r.To], Edge{RelationID: r.ID, Type: r.Type, Other: r.From, OtherKey: g.keys[r.From], Span: span})
	}
	return g
}

func (g *testGraph) Edges(id string) []Edge { return g.edges[id] }

func (g *testGraph) Kind(id string) (store.Kind, bool) {
	k, ok := g.kinds[id]
	return k, ok
}

func (g *testGraph) SortKey(id string) string { return g.keys[id] }

// parseGraph builds a testGraph from a compact text: one actor a line as
// "id KIND name words", a line "--", then one relation a line as
// "id from to TYPE [SINCE]". Blank lines are skipped.
func parseGraph(text string) *testGraph {
	var actors []store.Actor
	var rels []store.Relation
	inRels := false
	for line := range strings.Lines(text) {
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case f[0] == "--":
			inRels = true
		case !inRels && len(f) >= 3:
			actors = append(actors, store.Actor{ID: f[0], Kind: store.Kind(f[1]), Name: strings.Join(f[2:], " ")})
		case inRels && (len(f) == 4 || len(f) == 5):
			r := store.Relation{ID: f[0], From: f[1], To: f[2], Type: store.RelationType(f[3])}
			if len(f) == 5 {
				r.Since = store.MustDate(f[4])
			}
			rels = append(rels, r)
		default:
			panic(fmt.Sprintf("parseGraph: bad line %q", line))
		}
	}
	return newTestGraph(actors, rels)
}

// ids splits a space-separated list; "" is none.
func ids(s string) []string { return strings.Fields(s) }

// types splits a space-separated list of relation types.
func types(s string) []store.RelationType {
	var ts []store.RelationType
	for _, f := range strings.Fields(s) {
		ts = append(ts, store.RelationType(f))
	}
	return ts
}

// randomGraph returns a graph of n actors "n0".."n{n-1}" of random kinds
// among three and names among a few, and m relations "r00".. between
// random distinct actors, of random types among three. Names tie, parallel
// relations are likely, and actors may be isolated. Events start, and
// relations begin and end, in random years of 2020-2024, or have no date.
func randomGraph(rng *rand.Rand, n, m int) (*testGraph, []string) {
	actors := make([]store.Actor, n)
	names := make([]string, n)
	for i := range actors {
		names[i] = fmt.Sprintf("n%d", i)
		actors[i] = store.Actor{
			ID:   names[i],
			Kind: randomKinds[rng.IntN(len(randomKinds))],
			Name: []string{"Alpha", "alpha", "Beta", "beta", "Gamma", names[i]}[rng.IntN(6)],
		}
		if actors[i].Kind == store.KindEvent {
			actors[i].StartDate = randomYear(rng)
		}
	}
	rels := make([]store.Relation, 0, m)
	for i := range m {
		from := rng.IntN(n)
		to := rng.IntN(n - 1)
		if to >= from {
			to++
		}
		rels = append(rels, store.Relation{
			ID:    fmt.Sprintf("r%02d", i),
			From:  names[from],
			To:    names[to],
			Type:  randomTypes[rng.IntN(len(randomTypes))],
			Since: randomYear(rng),
			Until: randomYear(rng),
		})
	}
	return newTestGraph(actors, rels), names
}

var randomKinds = []store.Kind{store.KindStartup, store.KindUniversity, store.KindEvent}

var randomTypes = []store.RelationType{store.PartnersWith, store.InterestedIn, store.NegotiatesWith}

// randomFilter returns no type (every type) or a random non-empty subset.
func randomFilter(rng *rand.Rand) []store.RelationType {
	var ts []store.RelationType
	if rng.IntN(2) == 0 {
		return nil
	}
	for _, t := range randomTypes {
		if rng.IntN(2) == 0 {
			ts = append(ts, t)
		}
	}
	if ts == nil {
		ts = randomTypes[:1]
	}
	return ts
}

// randomYear is a year of 2020-2024, or no date one time in two.
func randomYear(rng *rand.Rand) store.Date {
	if rng.IntN(2) == 0 {
		return store.Date{}
	}
	return store.Date{Year: 2020 + rng.IntN(5)}
}

// randomAsOf is no day one time in two, else the first of July of a year
// of 2019-2025.
func randomAsOf(rng *rand.Rand) *store.Day {
	if rng.IntN(2) == 0 {
		return nil
	}
	d := store.Date{Year: 2019 + rng.IntN(7), Month: 7, Day: 1}.FirstDay()
	return &d
}

// randomKindFilter is no kind (every kind) or a random subset.
func randomKindFilter(rng *rand.Rand) []store.Kind {
	var kinds []store.Kind
	for _, k := range randomKinds {
		if rng.IntN(3) == 0 {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// plainFollows is the package comment's rule for which relations a walk
// follows, written out for the references the walks are checked against.
func plainFollows(g *testGraph, types []store.RelationType, kinds []store.Kind, asOf *store.Day, ends ...string) func(Edge) bool {
	return func(e Edge) bool {
		typeOK := len(types) == 0 || slices.Contains(types, e.Type)
		dayOK := asOf == nil || e.Span.Start <= *asOf && *asOf <= e.Span.End
		kindOK := len(kinds) == 0 || slices.Contains(ends, e.Other) || slices.Contains(kinds, g.kinds[e.Other])
		return typeOK && dayOK && kindOK
	}
}
