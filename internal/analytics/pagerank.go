package analytics

import (
	"context"
	"math"

	"github.com/ecograph/ecograph/internal/store"
)

// PageRank parameters: the usual damping, and a tolerance (on the 2-norm
// of the change between iterations) a tenth of the rounding below.
const (
	pagerankDamping   = 0.85
	pagerankTolerance = 1e-10
)

// pagerankGrain is what PageRank scores are rounded to, so that actors
// whose scores differ only by the power iteration's last digits tie and
// are ordered by id. (gonum's PageRankSparse, used before, started from a
// random vector, and its scores differed from run to run by up to about
// 5e-11; rounding made them repeatable.)
const pagerankGrain = 1e-9

// symmetric reports whether a relation of type t holds both ways, so that
// a walk may follow it either way.
func symmetric(t store.RelationType) bool {
	return t == store.NegotiatesWith || t == store.PartnersWith
}

// computePageRank works out PageRank over the view's relations as they
// point, each pair of actors linked once per direction, by power
// iteration as gonum's PageRankSparse does it (an actor without links out
// spreads its rank over every actor), from the uniform vector. It looks
// at ctx after each iteration (a pass over the links: milliseconds) and
// stops with ctx's error when it ends.
func (v *View) computePageRank(ctx context.Context) ([]float64, error) {
	scores := make([]float64, len(v.in))
	n := len(v.present)
	if n == 0 {
		return scores, nil
	}
	// The directed links are built here rather than with the view: only
	// PageRank reads them, and a view that is never asked for it is
	// spared their memory. Each actor pulls rank along its links in.
	out := newCSR(len(v.in), func(yield func(int32, int32) bool) {
		for r := range v.relations() {
			if !yield(r.From, r.To) || symmetric(r.Type) && !yield(r.To, r.From) {
				return
			}
		}
	})
	in := out.reverse()
	share := make([]float64, len(v.in)) // damping over each actor's links out; 0 for a dangling one
	for _, i := range v.present {
		if d := len(out.row(i)); d > 0 {
			share[i] = pagerankDamping / float64(d)
		}
	}
	last, next := make([]float64, len(v.in)), make([]float64, len(v.in))
	for _, i := range v.present {
		last[i] = 1 / float64(n)
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// The dangling actors' rank and the teleport go to everyone alike.
		var dangling, total float64
		for _, i := range v.present {
			if share[i] == 0 {
				dangling += last[i]
			}
			total += last[i]
		}
		base := pagerankDamping*dangling/float64(n) + (1-pagerankDamping)*total/float64(n)
		var diff float64
		for _, i := range v.present {
			x := base
			for _, u := range in.row(i) {
				x += last[u] * share[u]
			}
			next[i] = x
			diff += (x - last[i]) * (x - last[i])
		}
		last, next = next, last
		if math.Sqrt(diff) < pagerankTolerance {
			break
		}
	}
	for _, i := range v.present {
		scores[i] = math.Round(last[i]/pagerankGrain) * pagerankGrain
	}
	return scores, nil
}
