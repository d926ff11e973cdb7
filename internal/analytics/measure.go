package analytics

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/ecograph/ecograph/internal/store"
)

// Measure is a score that every actor of a View gets.
type Measure int

// The measures a View can rank actors by.
const (
	// Degree is the share of the other actors an actor is linked to.
	Degree Measure = iota
	// Betweenness is, over all pairs of other actors, the average share
	// of the shortest paths between them that pass through an actor: in
	// [0, 1], 1 for the centre of a star. Estimated on large views (see
	// View.BetweennessSample).
	Betweenness
	// PageRank is the chance of being at an actor on a random walk along
	// relations as they point (both ways for NEGOTIATES_WITH and
	// PARTNERS_WITH), with damping 0.85; scores sum to 1 and are rounded
	// to 1e-9, so that actors whose scores differ by less tie.
	PageRank

	measures = iota // how many there are
)

// String names the measure as the API does.
func (m Measure) String() string {
	switch m {
	case Degree:
		return "DEGREE"
	case Betweenness:
		return "BETWEENNESS"
	case PageRank:
		return "PAGERANK"
	}
	return fmt.Sprintf("Measure(%d)", int(m))
}

// Score is an actor's score by some measure.
type Score struct {
	Actor int32
	Value float64
}

// Scores returns every actor's score by m, indexed like Network.Actors;
// absent actors score 0. It panics on an unknown measure.
func (v *View) Scores(m Measure) []float64 {
	scores, err := v.ScoresContext(context.Background(), m)
	if err != nil {
		panic(err)
	}
	return scores
}

// ScoresContext is Scores, worked out (or waited for) until ctx ends,
// and then ctx's error; an unknown measure is an error.
func (v *View) ScoresContext(ctx context.Context, m Measure) ([]float64, error) {
	switch m {
	case Degree:
		return v.degree.get(ctx)
	case Betweenness:
		b, err := v.betweenness.get(ctx)
		return b.scores, err
	case PageRank:
		return v.pagerank.get(ctx)
	}
	return nil, fmt.Errorf("analytics: unknown measure %d", int(m))
}

// Top returns the first actors of the view by m, highest score first and
// then by id; all of them when first <= 0. When kinds is not empty only
// actors of those kinds are listed, but the scores are still those over
// the whole view: a university's betweenness counts paths through startups.
func (v *View) Top(m Measure, first int, kinds []store.Kind) []Score {
	top, err := v.TopContext(context.Background(), m, first, kinds)
	if err != nil {
		panic(err)
	}
	return top
}

// TopContext is Top, worked out (or waited for) until ctx ends, and then
// ctx's error.
func (v *View) TopContext(ctx context.Context, m Measure, first int, kinds []store.Kind) ([]Score, error) {
	scores, err := v.ScoresContext(ctx, m)
	if err != nil {
		return nil, err
	}
	ranking, err := v.ranking[m].get(ctx)
	if err != nil {
		return nil, err
	}
	var out []Score
	for _, i := range ranking {
		if first > 0 && len(out) == first {
			break
		}
		if len(kinds) == 0 || slices.Contains(kinds, v.net.Actors[i].Kind) {
			out = append(out, Score{Actor: i, Value: scores[i]})
		}
	}
	return out, nil
}

// rank orders the present actors by m once, so that each Top is a walk
// down the list rather than a sort of the whole view.
func (v *View) rank(ctx context.Context, m Measure) ([]int32, error) {
	scores, err := v.ScoresContext(ctx, m)
	if err != nil {
		return nil, err
	}
	order := slices.Clone(v.present)
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmp.Compare(scores[b], scores[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return order, nil
}

// computeDegree works out Degree: distinct neighbours over the n-1 actors
// one could have.
func (v *View) computeDegree(context.Context) ([]float64, error) {
	scores := make([]float64, len(v.in))
	n := len(v.present)
	if n < 2 {
		return scores, nil
	}
	for _, i := range v.present {
		scores[i] = float64(len(v.graph.row(i))) / float64(n-1)
	}
	return scores, nil
}
