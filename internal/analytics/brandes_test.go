package analytics

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph/network"

	"github.com/ecograph/ecograph/internal/store"
)

// randomNetwork is a network of n organisations and about m random
// partnerships among them, some repeated or from an actor to itself, as
// real data has; a few actors begin only in 2030, for views without them.
func randomNetwork(n, m int, seed uint64) *store.Network {
	rng := rand.New(rand.NewPCG(seed, 1))
	actors := make([]*store.Actor, n)
	for i := range actors {
		actors[i] = &store.Actor{ID: fmt.Sprintf("a%04d", i), Kind: store.KindOrganization}
		if rng.IntN(10) == 0 {
			actors[i].Kind, actors[i].Founded = store.KindStartup, store.MustDate("2030")
		}
	}
	relations := make([]*store.Relation, m)
	for i := range relations {
		relations[i] = &store.Relation{
			ID: fmt.Sprintf("r%05d", i), Type: store.PartnersWith,
			From: actors[rng.IntN(n)].ID, To: actors[rng.IntN(n)].ID,
		}
	}
	return store.BuildNetwork(actors, relations)
}

// TestBrandesExact: our Brandes from every actor is gonum's exact
// betweenness (both count each pair both ways), on graphs sparse and
// dense, whole and in pieces, with and without absent actors.
func TestBrandesExact(t *testing.T) {
	today := store.Day(0)
	for _, tc := range []struct {
		n, m int
		asOf *store.Day
	}{
		{50, 40, nil}, {50, 40, &today}, {120, 300, nil}, {200, 2000, &today}, {300, 320, nil},
	} {
		for seed := range uint64(3) {
			t.Run(fmt.Sprintf("n=%d,m=%d,asOf=%v,seed=%d", tc.n, tc.m, tc.asOf != nil, seed), func(t *testing.T) {
				v := NewNetwork(randomNetwork(tc.n, tc.m, seed)).View(tc.asOf)
				want := network.Betweenness(undirected{viewNodes{v}})
				for i, b := range must(brandes(context.Background(), &v.graph, v.present)) {
					if math.Abs(b-want[int64(i)]) > 1e-9 {
						t.Errorf("actor %d: %v, gonum %v", i, b, want[int64(i)])
					}
				}
				// The same through the path large views take, renumbered
				// and normalised.
				n := float64(len(v.present))
				got := must(v.sampledBetweenness(context.Background(), len(v.present)))
				if got.sample.Sampled {
					t.Errorf("from every actor, sample = %+v", got.sample)
				}
				for i, b := range got.scores {
					if w := want[int64(i)] / ((n - 1) * (n - 2)); math.Abs(b-w) > 1e-9 {
						t.Errorf("actor %d: %v, gonum %v", i, b, w)
					}
				}
			})
		}
	}
}

// TestBrandesSampled: the estimate from pivots is the same every time and
// within [0, 1]; over all actors it adds up to about what the exact
// scores do (each source's dependencies are a fair draw), and on two
// clusters joined by one relation it finds the relation's ends on top, as
// the exact scores have them.
func TestBrandesSampled(t *testing.T) {
	v := NewNetwork(twoClusters(1500, 4000)).View(nil)
	got := must(v.sampledBetweenness(context.Background(), BetweennessPivots))
	if !got.sample.Sampled || got.sample.Pivots != BetweennessPivots {
		t.Fatalf("sample = %+v, want %d pivots", got.sample, BetweennessPivots)
	}
	for range 3 {
		again := must(NewNetwork(twoClusters(1500, 4000)).View(nil).sampledBetweenness(context.Background(), BetweennessPivots))
		if !slices.Equal(got.scores, again.scores) {
			t.Fatal("two estimates of the same network differ")
		}
	}
	n := float64(len(v.present))
	exact := must(brandes(context.Background(), &v.graph, v.present))
	var sumGot, sumExact float64
	for i, b := range got.scores {
		if b < 0 || b > 1 {
			t.Errorf("actor %d scores %v", i, b)
		}
		sumGot += b
		sumExact += exact[i] / ((n - 1) * (n - 2))
	}
	if math.Abs(sumGot/sumExact-1) > 0.02 {
		t.Errorf("estimates add up to %v, exact scores to %v", sumGot, sumExact)
	}
	var top []string
	for i, b := range got.scores {
		if b > 0.4 {
			top = append(top, v.net.Actors[i].ID)
		}
	}
	// Exactly, each end is between its own cluster and the other: about
	// half of all pairs.
	if !slices.Equal(top, []string{"a0000", "b0000"}) {
		t.Errorf("actors above 0.4: %v", top)
	}
}

// twoClusters is two random networks of n actors and m relations each
// (a… and b…), joined by one relation between a0000 and b0000.
func twoClusters(n, m int) *store.Network {
	var actors []*store.Actor
	var relations []*store.Relation
	for c, prefix := range []string{"a", "b"} {
		part := randomNetwork(n, m, uint64(c))
		for _, a := range part.Actors {
			actors = append(actors, &store.Actor{ID: prefix + a.ID[1:], Kind: store.KindOrganization})
		}
		for _, r := range part.Relations {
			relations = append(relations, &store.Relation{
				ID: prefix + r.ID, Type: r.Type,
				From: prefix + part.Actors[r.From].ID[1:], To: prefix + part.Actors[r.To].ID[1:],
			})
		}
	}
	relations = append(relations, &store.Relation{ID: "bridge", Type: store.PartnersWith, From: "a0000", To: "b0000"})
	return store.BuildNetwork(actors, relations)
}

// TestBetweennessMethod: which way betweenness is worked out goes by the
// size of the view, and BetweennessSample says so.
func TestBetweennessMethod(t *testing.T) {
	for _, tc := range []struct {
		actors int
		want   Sample
	}{
		{gonumBetweennessLimit, Sample{Pivots: gonumBetweennessLimit}},
		{1000, Sample{Pivots: 1000}},
		{ExactBetweennessLimit + 1, Sample{Sampled: true, Pivots: BetweennessPivots}},
	} {
		v := NewNetwork(randomNetwork(tc.actors, 2*tc.actors, 1)).View(nil)
		if got := v.BetweennessSample(); got != tc.want {
			t.Errorf("%d actors: %+v, want %+v", tc.actors, got, tc.want)
		}
	}
}
