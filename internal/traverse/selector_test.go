package traverse

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSelectorKeepsTheFirstByName checks the selector against the plain
// answer, sorting every candidate keep accepts: the same first n distinct
// actors and the same verdict on whether there were more, whatever the
// order the candidates come in, with duplicates, candidates keep refuses,
// and limits below, at and far above the number of candidates.
func TestSelectorKeepsTheFirstByName(t *testing.T) {
	cases := []struct {
		cands, distinct, n int
	}{
		{0, 1, 0}, {0, 1, 5}, {5, 5, 0}, {5, 5, 5}, {5, 3, 5}, {5, 5, 4},
		{100, 40, 10}, {100, 100, 99}, {100, 100, 100}, {3000, 1500, 199},
		{3000, 50, 199}, {3000, 3000, 1}, {5000, 5000, 600},
	}
	for _, c := range cases {
		for seed := range uint64(4) {
			t.Run(fmt.Sprintf("%d-of-%d-first-%d-seed-%d", c.cands, c.distinct, c.n, seed), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(seed, 7))
				cands := make([]named, c.cands)
				for i := range cands {
					k := rng.IntN(c.distinct)
					// Keys repeat across ids, so the id breaks ties.
					cands[i] = named{fmt.Sprintf("key%03d", k%(c.distinct/3+1)), fmt.Sprintf("id%05d", k)}
				}
				if seed%2 == 1 {
					// Descending order: every candidate displaces the last kept.
					slices.SortFunc(cands, func(a, b named) int { return compareNamed(b, a) })
				}
				refused := func(id string) bool { return id[len(id)-1] == '7' }
				keep := func(id string) bool { return !refused(id) }

				var want []named
				for _, x := range cands {
					if keep(x.id) {
						want = append(want, x)
					}
				}
				slices.SortFunc(want, compareNamed)
				want = slices.Compact(want)
				wantMore := len(want) > c.n
				want = want[:min(c.n, len(want))]

				s := selector{n: c.n, keep: keep}
				for _, x := range cands {
					s.offer(x)
				}
				got, more := s.first()
				if !slices.Equal(got, want) && (len(got) > 0 || len(want) > 0) {
					t.Errorf("first = %v, want %v", got, want)
				}
				if more != wantMore {
					t.Errorf("more = %v, want %v", more, wantMore)
				}
			})
		}
	}
}
