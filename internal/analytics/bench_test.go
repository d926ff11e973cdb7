package analytics

// Benchmarks on synth's network of 100,000 actors and 500,000 relations
// (Seed 1), each measure worked out afresh on one View of all of it;
// MB-kept is the heap the result keeps, B/op what it allocates on the way.
//
//	go test ./internal/analytics/ -run '^$' -bench . -benchtime 3x -timeout 60m
//
// On the 2-core AMD EPYC machine it was written on (Go 1.26, load from
// other work about 1):
//
//	BenchmarkView/all      79 ms   4.7 MB kept  10.9 MB/op   (network 70 MB)
//	BenchmarkView/asOf     68 ms   3.6 MB kept   8.3 MB/op   (2022-06-01: 86,625 actors)
//	BenchmarkDegree       0.6 ms   0.8 MB kept   0.8 MB/op
//	BenchmarkBetweenness  2.9 s    0.8 MB kept  25 MB/op     (estimated from 256 pivots)
//	BenchmarkPageRank      95 ms   0.8 MB kept  12 MB/op, 21 allocations (2026-12-03, load about 4)
//	BenchmarkCommunities  0.8 s    1.0 MB kept  42 MB/op     (louvain)
//	BenchmarkBrokers       62 ms   0 MB kept     3.5 MB/op   (41 brokers)
//	BenchmarkStats        105 ms   0.1 MB kept   0.1 MB/op
//	BenchmarkTimeline      44 µs a call (events from 2023 to 2023-06)
//
// PageRank was gonum's until issue 12 (commit 6065387): 0.8 s on a quiet
// machine, 228 ms against our 95 ms in one session, 69 MB/op and 1.2
// million allocations; gonum's cannot stop at a deadline.
//
// And at the limits where the methods change (5 relations an actor):
//
//	betweenness/gonum      500 actors, exact by gonum       0.41 s
//	betweenness/exact    4,000 actors, exact by brandes     0.86 s
//	communities/gonum    2,000 actors, gonum's Louvain      0.44 s

import (
	"context"
	"runtime"
	"sync"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// benchNetwork is the network the benchmarks share, made once, and the
// heap it keeps.
var benchNetwork = sync.OnceValues(func() (*store.Network, uint64) {
	before := heapInUse()
	n := synthNetwork(synth.Config{Actors: 100_000, Relations: 500_000, Seed: 1})
	return n, heapInUse() - before
})

// heapInUse is the heap in use after a collection, in bytes.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// benchMeasure runs compute on a view of the whole bench network and
// reports the heap that its result keeps, besides the time and allocations.
func benchMeasure[T any](b *testing.B, compute func(*View, context.Context) (T, error)) {
	n, _ := benchNetwork()
	v := NewNetwork(n).View(nil)
	b.ReportAllocs()
	var kept T
	for b.Loop() {
		var err error
		if kept, err = compute(v, b.Context()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	with := heapInUse()
	runtime.KeepAlive(kept)
	kept = *new(T)
	without := heapInUse()
	b.ReportMetric(float64(int64(with)-int64(without))/(1<<20), "MB-kept")
}

func BenchmarkView(b *testing.B) {
	n, size := benchNetwork()
	june := store.MustDate("2022-06-01").FirstDay()
	for _, tc := range []struct {
		name string
		asOf *store.Day
	}{{"all", nil}, {"asOf", &june}} {
		b.Run(tc.name, func(b *testing.B) {
			before := heapInUse()
			b.ReportAllocs()
			var v *View
			for b.Loop() {
				v = NewNetwork(n).View(tc.asOf)
			}
			b.StopTimer()
			b.ReportMetric(float64(heapInUse()-before)/(1<<20), "MB-kept")
			b.ReportMetric(float64(len(v.present)), "actors")
			b.ReportMetric(float64(size)/(1<<20), "MB-network")
			runtime.KeepAlive(v)
		})
	}
}

func BenchmarkDegree(b *testing.B) {
	benchMeasure(b, (*View).computeDegree)
}

func BenchmarkBetweenness(b *testing.B) {
	benchMeasure(b, (*View).computeBetweenness)
}

func BenchmarkPageRank(b *testing.B) {
	benchMeasure(b, (*View).computePageRank)
}

func BenchmarkCommunities(b *testing.B) {
	benchMeasure(b, (*View).computeCommunities)
}

func BenchmarkBrokers(b *testing.B) {
	benchMeasure(b, (*View).computeBrokers)
}

func BenchmarkStats(b *testing.B) {
	benchMeasure(b, (*View).computeStats)
}

func BenchmarkTimeline(b *testing.B) {
	net, _ := benchNetwork()
	n := NewNetwork(net)
	from, to := store.MustDate("2023"), store.MustDate("2023-06")
	n.Timeline(nil, nil, -1) // sorts the events once, as the first call does
	b.ReportAllocs()
	for b.Loop() {
		n.Timeline(&from, &to, -1)
	}
}

// BenchmarkLimits times the measures at the sizes where they change
// method: gonum's exact betweenness and Louvain at their largest, and
// betweenness from every actor at ExactBetweennessLimit.
func BenchmarkLimits(b *testing.B) {
	for _, tc := range []struct {
		name    string
		actors  int
		compute func(*View) any
	}{
		{"betweenness/gonum", gonumBetweennessLimit, func(v *View) any { return must(v.computeBetweenness(context.Background())) }},
		{"betweenness/exact", ExactBetweennessLimit, func(v *View) any { return must(v.computeBetweenness(context.Background())) }},
		{"communities/gonum", gonumCommunitiesLimit, func(v *View) any { return must(v.computeCommunities(context.Background())) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			v := NewNetwork(synthNetwork(synth.Config{Actors: tc.actors, Relations: 5 * tc.actors, Seed: 1})).View(nil)
			b.ReportAllocs()
			for b.Loop() {
				tc.compute(v)
			}
		})
	}
}

// must is v, or a panic on err: the measures fail only when their context ends.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
