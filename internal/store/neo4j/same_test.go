package neo4j_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/synth"
)

// TestSameAnswersAsEmbedded loads one generated network into both stores
// and asks both the same few thousand questions: every page of actors and
// of each actor's relations (cursors included), searches, neighbourhoods
// and paths. The answers must be identical, to the byte of each cursor.
func TestSameAnswersAsEmbedded(t *testing.T) {
	ctx := t.Context()
	d := synth.Generate(synth.Config{Actors: 400, Relations: 2000, Seed: 7})
	n4, em := loadedBoth(t, d)
	stores := [2]store.Store{em, n4}
	same := func(what string, ask func(s store.Store) (any, error)) {
		t.Helper()
		var got [2]any
		for i, s := range stores {
			v, err := ask(s)
			if err != nil {
				v = "error: " + err.Error()
			}
			got[i] = v
		}
		if !reflect.DeepEqual(got[0], got[1]) {
			t.Errorf("%s:\nembedded: %s\nneo4j:    %s", what, show(got[0]), show(got[1]))
		}
	}
	rng := rand.New(rand.NewPCG(7, 7))
	pick := func() string { return d.Actors[rng.IntN(len(d.Actors))].ID }

	for _, f := range []store.ActorFilter{{}, {Kinds: []store.Kind{store.KindStartup, store.KindEvent}}, {Country: d.Actors[0].ID}} {
		same(fmt.Sprintf("every page of Actors(%+v)", f), func(s store.Store) (any, error) {
			var pages []*store.ActorPage
			after := ""
			for {
				p, err := s.Actors(ctx, f, store.Page{First: 37, After: after})
				if err != nil {
					return nil, err
				}
				pages = append(pages, p)
				if !p.HasNext {
					return pages, nil
				}
				after = p.Cursors[len(p.Cursors)-1]
			}
		})
	}
	for _, a := range d.Actors {
		for _, f := range []store.RelationFilter{{}, {Direction: store.In, Types: []store.RelationType{store.LocatedIn, store.Founded}}} {
			same(fmt.Sprintf("two pages of Relations(%s, %+v)", a.ID, f), func(s store.Store) (any, error) {
				p1, err := s.Relations(ctx, a.ID, f, store.Page{First: 7})
				if err != nil || !p1.HasNext {
					return edges(p1), err
				}
				p2, err := s.Relations(ctx, a.ID, f, store.Page{First: 7, After: p1.Edges[6].Cursor})
				return [2]any{edges(p1), edges(p2)}, err
			})
		}
	}
	// Searches of every tier: whole names, a word's beginning, a piece
	// from inside a word, a typo (one letter changed, dropped or doubled),
	// a localized name (Cyrillic, Hangul), and some of a few kinds only.
	searchText := func() string {
		a := d.Actors[rng.IntN(len(d.Actors))]
		name := a.Name
		if len(a.Names) > 0 && rng.IntN(2) == 0 {
			name = a.Names[rng.IntN(len(a.Names))].Value
		}
		r := []rune(strings.ToLower(name))
		switch rng.IntN(5) {
		case 0:
			return string(r)
		case 1:
			return string(r[:min(len(r), 1+rng.IntN(6))])
		case 2:
			from := rng.IntN(len(r))
			return string(r[from:min(len(r), from+1+rng.IntN(4))])
		}
		// A typo after the first two letters.
		r = r[:min(len(r), 4+rng.IntN(10))]
		if len(r) < 4 {
			return string(r)
		}
		i := 2 + rng.IntN(len(r)-2)
		switch rng.IntN(3) {
		case 0:
			r[i] = 'x'
		case 1:
			r = append(r[:i:i], r[i+1:]...)
		default:
			r = append(r[:i+1:i+1], r[i:]...)
		}
		return string(r)
	}
	for i := range 150 {
		text := searchText()
		var kinds []store.Kind
		if i%5 == 0 {
			kinds = []store.Kind{store.KindStartup, store.KindUniversity}
		}
		same(fmt.Sprintf("Search(%q, %v)", text, kinds), func(s store.Store) (any, error) {
			hits, err := s.Search(ctx, store.SearchQuery{Text: text, First: 10, Kinds: kinds})
			out := make([]string, len(hits))
			for i, h := range hits {
				out[i] = fmt.Sprintf("%s %.2f %s", h.Actor.ID, h.Score, h.Matched)
			}
			return out, err
		})
	}
	// Half the walks look at the network of a day between 2015 and 2026,
	// which the generated dates span; some pass only some kinds.
	asOf := func() *store.Day {
		if rng.IntN(2) == 0 {
			return nil
		}
		d := store.Date{Year: 2015 + rng.IntN(12), Month: 1 + rng.IntN(12), Day: 1}.FirstDay()
		return &d
	}
	kinds := func() []store.Kind {
		if rng.IntN(3) > 0 {
			return nil
		}
		return []store.Kind{store.KindStartup, store.KindEvent, store.KindUniversity}
	}
	for range 40 {
		q := store.NeighborhoodQuery{Depth: 1 + rng.IntN(2), Limit: 60, AsOf: asOf(), Kinds: kinds()}
		if rng.IntN(2) == 0 {
			q.Types = []store.RelationType{store.Founded, store.ParticipatedIn, store.Organized}
		}
		id := pick()
		same(fmt.Sprintf("Neighborhood(%s, %+v)", id, q), func(s store.Store) (any, error) {
			g, err := s.Neighborhood(ctx, id, q)
			if err != nil {
				return nil, err
			}
			return [3]any{actorIDs(g.Actors), relationIDs(g.Relations), g.Truncated}, nil
		})
	}
	for range 80 {
		from, to := pick(), pick()
		q := store.PathQuery{MaxLength: 6, AsOf: asOf(), Kinds: kinds()}
		same(fmt.Sprintf("ShortestPath(%s, %s, %+v)", from, to, q), func(s store.Store) (any, error) {
			p, err := s.ShortestPath(ctx, from, to, q)
			if p == nil || err != nil {
				return nil, err
			}
			return [2]any{actorIDs(p.Actors), relationIDs(p.Relations)}, nil
		})
	}
	for range 20 {
		from, to := pick(), pick()
		q := store.PathQuery{MaxLength: 4, AsOf: asOf(), Kinds: kinds()}
		same(fmt.Sprintf("Paths(%s, %s, %+v)", from, to, q), func(s store.Store) (any, error) {
			ps, truncated, err := s.Paths(ctx, from, to, q, 5)
			out := []any{truncated}
			for _, p := range ps {
				out = append(out, [2]any{actorIDs(p.Actors), relationIDs(p.Relations)})
			}
			return out, err
		})
	}
	for range 40 {
		a, b := pick(), pick()
		q := store.NeighborsQuery{First: 20, AsOf: asOf(), Kinds: kinds()}
		same(fmt.Sprintf("CommonNeighbors(%s, %s, %+v)", a, b, q), func(s store.Store) (any, error) {
			got, more, err := s.CommonNeighbors(ctx, a, b, q)
			return [2]any{actorIDs(got), more}, err
		})
	}
	same("Network", func(s store.Store) (any, error) {
		n, err := s.Network(ctx)
		if err != nil {
			return nil, err
		}
		return fmt.Sprintf("%+v", *n), nil
	})
}

// edges is a page of relations as comparable text.
func edges(p *store.RelationPage) any {
	if p == nil {
		return nil
	}
	out := []string{fmt.Sprintf("total %d next %v", p.Total, p.HasNext)}
	for _, e := range p.Edges {
		out = append(out, fmt.Sprintf("%s %s %s %s %+v", e.Relation.ID, e.Direction, e.Other, e.Cursor, *e.Relation))
	}
	return out
}

func actorIDs(as []*store.Actor) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func relationIDs(rs []*store.Relation) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func show(v any) string {
	s := fmt.Sprintf("%+v", v)
	if len(s) > 600 {
		s = s[:600] + "..."
	}
	return s
}

// loadedBoth returns the test Neo4j store and a new embedded store, each
// holding d.
func loadedBoth(t *testing.T, d store.Dataset) (n4, em store.Store) {
	t.Helper()
	n4 = neo4jtest.Open(t)
	e, err := embedded.Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	for _, s := range []store.Store{n4, e} {
		if err := s.Load(t.Context(), d); err != nil {
			t.Fatalf("Load: %v", err)
		}
	}
	return n4, e
}

// hubsAndOthers picks actors of d to start walks from: its hubs most
// first (hubs of them), n neighbours of its three biggest and n actors at
// random, drawn with seed; and every actor's number of relations. The walks' tests mean something only if some
// actors are hubs at their limits: a hundred relations among 600 actors
// is one, and the test fails if d has none.
func hubsAndOthers(t *testing.T, d store.Dataset, seed uint64, hubs, n int) (picked []string, degree map[string]int) {
	t.Helper()
	degree = map[string]int{}
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
	if degree[ids[0]] < 100 {
		t.Fatalf("the network's biggest hub %s has %d relations; the test needs one of 100 or more", ids[0], degree[ids[0]])
	}
	rng := rand.New(rand.NewPCG(seed, seed))
	picked = slices.Clone(ids[:hubs])
	for range n {
		hub := ids[rng.IntN(3)]
		picked = append(picked, neighbours[hub][rng.IntN(len(neighbours[hub]))])
	}
	for range n {
		picked = append(picked, ids[rng.IntN(len(ids))])
	}
	return picked, degree
}
