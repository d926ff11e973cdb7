package analytics

import (
	"context"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/graph/network"
)

// Betweenness is exact on views of up to ExactBetweennessLimit actors and
// estimated from BetweennessPivots source actors on larger ones: counting
// the shortest paths from every actor takes time that grows with the
// square of the view, from a sample only linearly.
//
// On the 2-core machine the limits were measured on, exact betweenness of
// a synthetic network of 4,000 actors (20,000 relations) takes 0.9 s; an
// estimate for 100,000 actors (500,000 relations) 3.1 s. See
// bench_test.go.
const (
	ExactBetweennessLimit = 4000
	BetweennessPivots     = 256
)

// gonumBetweennessLimit is the largest view whose exact betweenness gonum
// works out; larger ones up to ExactBetweennessLimit count from every
// actor with brandes, which gives the same scores (to rounding) over ten
// times as fast. gonum's Brandes keeps its state in maps and clears them
// in full for every source: 0.35 s for 500 actors, 1.8 s for 1,000, 8 s
// for 2,000, against brandes's 0.6 s for 2,000 on two cores.
const gonumBetweennessLimit = 500

// Sample says what a view's betweenness was worked out from.
type Sample struct {
	// Sampled is true when the scores are estimates: the shortest paths
	// counted are only those from Pivots source actors, scaled up.
	Sampled bool
	// Pivots is the number of source actors whose shortest paths were
	// counted; every actor of the view when the scores are exact.
	Pivots int
}

// betweenness is the outcome of working out Betweenness.
type betweenness struct {
	scores []float64
	sample Sample
}

// BetweennessSample says whether the view's Betweenness is exact or an
// estimate, and from how many source actors.
func (v *View) BetweennessSample() Sample { return v.betweenness.must().sample }

// computeBetweenness works out Betweenness, normalised by the
// (n-1)(n-2)/2 pairs of other actors a path could join.
func (v *View) computeBetweenness(ctx context.Context) (betweenness, error) {
	n := len(v.present)
	scores := make([]float64, len(v.in))
	if n < 3 {
		return betweenness{scores: scores, sample: Sample{Pivots: n}}, nil
	}
	// Both gonum and brandes sum over ordered pairs, each unordered pair
	// twice, so the pair count is (n-1)(n-2), not half of it.
	pairs := float64(n-1) * float64(n-2)
	if n <= gonumBetweennessLimit {
		// gonum's takes a moment at this size: 0.35 s for 500 actors.
		for id, b := range network.Betweenness(undirected{viewNodes{v}}) {
			scores[id] = b / pairs
		}
		// Finished, so complete: keep it, whatever the context says now.
		return betweenness{scores: scores, sample: Sample{Pivots: n}}, nil
	}
	k := n
	if n > ExactBetweennessLimit {
		k = BetweennessPivots
	}
	return v.sampledBetweenness(ctx, k)
}

// sampledBetweenness works out Betweenness with brandes from k actors of
// the view, all of them when k is at least its size, scaled up to the
// whole view.
func (v *View) sampledBetweenness(ctx context.Context, k int) (betweenness, error) {
	n := len(v.present)
	pivots := v.pivots(k)
	g, renum := v.graph.bfsOrder()
	for i, p := range pivots {
		pivots[i] = renum[p]
	}
	sums, err := brandes(ctx, &g, pivots)
	if err != nil {
		return betweenness{}, err
	}
	scale := float64(n) / float64(len(pivots)) / (float64(n-1) * float64(n-2))
	scores := make([]float64, len(v.in))
	for _, i := range v.present {
		// An estimate can overshoot: a star's centre scores n/(n-1) when
		// it is not itself a pivot. Past 1 is certainly wrong, so cap it.
		scores[i] = min(sums[renum[i]]*scale, 1)
	}
	return betweenness{scores: scores, sample: Sample{Sampled: len(pivots) < n, Pivots: len(pivots)}}, nil
}

// pivots draws k present actors (all of them when there are no more) with
// a fixed seed, so that the same view always gets the same estimate.
func (v *View) pivots(k int) []int32 {
	rng := rand.New(rand.NewPCG(0x6563, 0x6f677261)) // any fixed seed will do
	pool := append([]int32(nil), v.present...)
	k = min(k, len(pool))
	for i := range k {
		j := i + rng.IntN(len(pool)-i)
		pool[i], pool[j] = pool[j], pool[i]
	}
	return pool[:k:k]
}

// brandesChunks is how many parts the sources are split into. The parts
// are summed in a fixed order whatever the number of cores, so the last
// digits of the sums do not depend on which worker finished first.
const brandesChunks = 16

// brandes returns, for every actor of g, the sum over sources s of the
// dependency of s on it (Brandes 2001): with every actor as a source,
// twice its unnormalised betweenness. It runs the sources on GOMAXPROCS
// workers, each with its own buffers. It stops when ctx ends, looking at
// it before each source (a search of the whole view: milliseconds), and
// returns ctx's error.
func brandes(ctx context.Context, g *csr, sources []int32) ([]float64, error) {
	n := len(g.off) - 1
	chunks := min(len(sources), brandesChunks)
	if chunks == 0 {
		return make([]float64, n), nil
	}
	partial := make([][]float64, chunks)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), chunks) {
		wg.Go(func() {
			b := newBrandesRun(g)
			for {
				c := int(next.Add(1)) - 1
				if c >= chunks {
					return
				}
				sum := make([]float64, n)
				for _, s := range sources[c*len(sources)/chunks : (c+1)*len(sources)/chunks] {
					if ctx.Err() != nil {
						return
					}
					b.from(s, sum)
				}
				partial[c] = sum
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	total := partial[0]
	for _, p := range partial[1:] {
		for i, x := range p {
			total[i] += x
		}
	}
	return total, nil
}

// yieldEvery is how many actors a brandes worker reaches between two
// turns it gives other goroutines: a tenth of a millisecond's work.
const yieldEvery = 1024

// brandesRun is one worker's buffers, sized for the whole network once
// and reset after each source only where that source's search reached.
// They are separate arrays, not one of structs: the check most made, of a
// neighbour's distance, then reads the smallest of them, which mostly
// stays in cache.
type brandesRun struct {
	g     *csr
	dist  []int32   // hops from the source, -1 when not reached
	sigma []float64 // shortest paths from the source
	delta []float64 // dependency of the source
	order []int32   // actors reached, in order of distance
}

func newBrandesRun(g *csr) *brandesRun {
	n := len(g.off) - 1
	b := &brandesRun{
		g:     g,
		dist:  make([]int32, n),
		sigma: make([]float64, n),
		delta: make([]float64, n),
		order: make([]int32, 0, n),
	}
	for i := range b.dist {
		b.dist[i] = -1
	}
	return b
}

// from adds the dependency of source s on every other actor to sum.
// Predecessors are not stored: a neighbour one hop nearer the source is
// one, which saves the lists gonum keeps and their allocations.
func (b *brandesRun) from(s int32, sum []float64) {
	dist, sigma, delta, g := b.dist, b.sigma, b.delta, b.g
	order := append(b.order[:0], s)
	dist[s], sigma[s] = 0, 1
	for head := 0; head < len(order); head++ {
		if head%yieldEvery == yieldEvery-1 {
			// brandes keeps every core busy; requests that come in
			// meanwhile (an actor read) would wait for the scheduler to
			// preempt a worker, 10 to 20 ms.
			runtime.Gosched()
		}
		u := order[head]
		du := dist[u] + 1
		for _, w := range g.row(u) {
			if dist[w] < 0 {
				dist[w] = du
				order = append(order, w)
			}
			if dist[w] == du {
				sigma[w] += sigma[u]
			}
		}
	}
	for i := len(order) - 1; i > 0; i-- {
		w := order[i]
		dw := dist[w] - 1
		c := (1 + delta[w]) / sigma[w]
		for _, u := range g.row(w) {
			if dist[u] == dw {
				delta[u] += sigma[u] * c
			}
		}
		sum[w] += delta[w]
	}
	for _, u := range order {
		dist[u], sigma[u], delta[u] = -1, 0, 0
	}
	b.order = order
}
