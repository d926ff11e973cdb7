package embedded

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// TestSortTail: sorting the tail of a list whose head is in order and
// merging gives the list sorted whole, whatever the split.
func TestSortTail(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	entry := func() adj {
		id := fmt.Sprintf("r%d", rng.IntN(1000))
		return adj{rel: &store.Relation{ID: id, Type: store.RelationTypes[rng.IntN(3)]}, other: fmt.Sprintf("a%d", rng.IntN(50)), otherKey: fmt.Sprintf("k%d", rng.IntN(20))}
	}
	var buf []adj
	for range 500 {
		list := make([]adj, rng.IntN(60))
		for i := range list {
			list[i] = entry()
		}
		n := 0
		if len(list) > 0 {
			n = rng.IntN(len(list) + 1)
		}
		slices.SortFunc(list[:n], compareAdj)
		want := slices.Clone(list)
		slices.SortFunc(want, compareAdj)
		buf = sortTail(list, n, buf)
		for i := range list {
			if compareAdj(list[i], want[i]) != 0 {
				t.Fatalf("list of %d with %d in order: entry %d is %+v, want %+v", len(list), n, i, list[i], want[i])
			}
		}
	}
}
