package neo4j

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// TestSortHitsOrdersAsCompare: the hits a search returns come in
// search.Compare's order (score, then name without case, then id), which
// the embedded store also uses, whether names differ only in case, scores
// tie or ids break the tie.
func TestSortHitsOrdersAsCompare(t *testing.T) {
	names := []string{"Alpha", "alpha", "ALPHA Labs", "Beta", "beta", "Ǆemal", "ǆemal", "Zeta", "Ärzte", "arzte"}
	scores := []float64{1, 0.9, 0.6, 0.4, 0.25, 0.1234}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 7, 40, 300} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			hits := make([]store.SearchHit, n)
			for i := range hits {
				hits[i] = store.SearchHit{
					Actor: &store.Actor{ID: fmt.Sprintf("a-%02d", rng.IntN(20)), Name: names[rng.IntN(len(names))]},
					Score: scores[rng.IntN(len(scores))],
				}
			}
			want := slices.Clone(hits)
			slices.SortStableFunc(want, search.Compare)
			got := slices.Clone(hits)
			sortHits(got)
			for i := range got {
				if search.Compare(got[i], want[i]) != 0 {
					t.Fatalf("hit %d: got %+v %v, want %+v %v", i, *got[i].Actor, got[i].Score, *want[i].Actor, want[i].Score)
				}
			}
			if first := firstHits(slices.Clone(hits), 5); len(first) != min(5, n) {
				t.Errorf("firstHits(%d hits, 5) kept %d", n, len(first))
			}
		})
	}
}
