package neo4j_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/synth"
)

// pathAnswer is a ShortestPath answer as comparable ids: the actors and
// relations, nil for no path, or the error.
func pathAnswer(ctx context.Context, s store.Store, from, to string, q store.PathQuery) any {
	p, err := s.ShortestPath(ctx, from, to, q)
	switch {
	case err != nil:
		return "error: " + err.Error()
	case p == nil:
		return nil
	}
	return [2][]string{actorIDs(p.Actors), relationIDs(p.Relations)}
}

// shortestFromBoth asks both stores for a shortest path and fails when
// their answers differ; it returns the answer and how many statements the
// Neo4j store sent for it.
func shortestFromBoth(t *testing.T, n4, em store.Store, from, to string, q store.PathQuery) (any, int64) {
	t.Helper()
	want := pathAnswer(t.Context(), em, from, to, q)
	before := neo4j.QueryCount()
	got := pathAnswer(t.Context(), n4, from, to, q)
	statements := neo4j.QueryCount() - before
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ShortestPath(%s, %s, %+v):\nembedded: %s\nneo4j:    %s", from, to, q, show(want), show(got))
	}
	return got, statements
}

// TestShortestPathThroughHubsSameAsEmbedded asks both stores for the
// shortest paths between hubs, their neighbours and random actors, with
// every filter, and wants the same path: the same of many equally short
// ones (through hubs, most pairs have dozens), and the same of parallel
// relations, some relations having a twin whose id comes before theirs
// and one whose id comes after. The Neo4j store answers each in one
// statement (shortest.go), which this checks too: a pair it left to the
// walk would test the walk instead.
func TestShortestPathThroughHubsSameAsEmbedded(t *testing.T) {
	d := synth.Generate(synth.Config{Actors: 600, Relations: 3000, Seed: 13})
	for i := range len(d.Relations) / 10 {
		r := d.Relations[10*i]
		for _, id := range []string{"a-twin-%d", "zz-twin-%d"} {
			twin := r
			twin.ID = fmt.Sprintf(id, i)
			d.Relations = append(d.Relations, twin)
		}
	}
	n4, em := loadedBoth(t, d)

	ends, _ := hubsAndOthers(t, d, 13, 6, 8)
	rng := rand.New(rand.NewPCG(14, 14))

	noLocatedIn := slices.DeleteFunc(slices.Clone(store.RelationTypes), func(t store.RelationType) bool { return t == store.LocatedIn })
	day := func(y, m int) *store.Day {
		d := store.Date{Year: y, Month: m, Day: 1}.FirstDay()
		return &d
	}
	queries := []store.PathQuery{
		{MaxLength: 6},
		{MaxLength: 2},
		{MaxLength: 6, Types: noLocatedIn},
		{MaxLength: 6, Kinds: []store.Kind{store.KindStartup, store.KindEvent, store.KindUniversity}},
		{MaxLength: 6, AsOf: day(2019, 6)},
		{MaxLength: 4, Types: noLocatedIn, Kinds: []store.Kind{store.KindStartup, store.KindOrganization}, AsOf: day(2023, 1)},
	}
	paths, ties := 0, 0
	for i, from := range ends {
		for j, to := range ends {
			if i != j && (i >= 6 || j >= 6) && rng.IntN(3) > 0 {
				continue // every pair of hubs, a third of the others
			}
			for _, q := range queries {
				got, statements := shortestFromBoth(t, n4, em, from, to, q)
				if statements != 1 {
					t.Errorf("ShortestPath(%s, %s, %+v) sent %d statements, want 1", from, to, q, statements)
				}
				if p, ok := got.([2][]string); ok {
					paths++
					for _, r := range p[1] {
						if r[0] == 'a' && r[1] == '-' {
							ties++
						}
					}
				}
			}
		}
	}
	// The test means something only if it met paths, and twins on them.
	if paths < 100 || ties == 0 {
		t.Errorf("%d paths found, %d twin relations taken on them; the test needs more", paths, ties)
	}
}

// TestShortestPathThroughThousandsOfPathsSameAsEmbedded: two actors with
// k × k shortest paths, more than the statement lists, get their answer
// from the walk, the same as the embedded store's; and with a filter that
// leaves fewer, from the statement, the same again.
func TestShortestPathThroughThousandsOfPathsSameAsEmbedded(t *testing.T) {
	const k = 70 // 4,900 paths start - x - y - end
	var d store.Dataset
	actor := func(id string, kind store.Kind) {
		d.Actors = append(d.Actors, store.Actor{ID: id, Kind: kind, Name: "Actor " + id})
	}
	relation := func(id string, t store.RelationType, from, to string) {
		d.Relations = append(d.Relations, store.Relation{ID: id, Type: t, From: from, To: to})
	}
	actor("start", store.KindStartup)
	actor("end", store.KindStartup)
	for i := range k {
		actor(fmt.Sprintf("x-%02d", i), store.KindStartup)
		actor(fmt.Sprintf("y-%02d", i), store.KindOrganization)
	}
	for i := range k {
		x, y := fmt.Sprintf("x-%02d", i), fmt.Sprintf("y-%02d", i)
		relation("start-"+x, store.PartnersWith, "start", x)
		relation("end-"+y, store.PartnersWith, y, "end")
		for j := range k {
			// Half the middle relations are of another type, which the
			// filtered question leaves out.
			t := store.PartnersWith
			if j%2 == 1 {
				t = store.InterestedIn
			}
			relation(fmt.Sprintf("mid-%s-y-%02d", x, j), t, x, fmt.Sprintf("y-%02d", j))
		}
	}
	// A twin on the first step and on the middle one, with ids before.
	relation("a-start-x-00", store.NegotiatesWith, "x-00", "start")
	relation("a-mid-x-00-y-00", store.InterestedIn, "y-00", "x-00")
	n4, em := loadedBoth(t, d)

	for _, c := range []struct {
		name string
		q    store.PathQuery
		walk bool // the statement lists too many paths
		want [2][]string
	}{
		{
			name: "every type", q: store.PathQuery{MaxLength: 6}, walk: true,
			want: [2][]string{{"start", "x-00", "y-00", "end"}, {"a-start-x-00", "a-mid-x-00-y-00", "end-y-00"}},
		},
		{
			name: "against the direction", q: store.PathQuery{MaxLength: 6}, walk: true,
			want: [2][]string{{"end", "y-00", "x-00", "start"}, {"end-y-00", "a-mid-x-00-y-00", "a-start-x-00"}},
		},
		{
			name: "partners only", walk: false,
			q:    store.PathQuery{MaxLength: 6, Types: []store.RelationType{store.PartnersWith}},
			want: [2][]string{{"start", "x-00", "y-00", "end"}, {"start-x-00", "mid-x-00-y-00", "end-y-00"}},
		},
	} {
		from, to := "start", "end"
		if c.name == "against the direction" {
			from, to = to, from
		}
		got, statements := shortestFromBoth(t, n4, em, from, to, c.q)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: ShortestPath(%s, %s) = %s, want %s", c.name, from, to, show(got), show(c.want))
		}
		if walked := statements > 1; walked != c.walk {
			t.Errorf("%s: %d statements sent; want the walk %v", c.name, statements, c.walk)
		}
	}
}
