package feed_test

// What idle subscribers cost, and how fast a change reaches them all:
//
//	go test ./internal/feed -run '^$' -bench Subscribers -benchtime 20x

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/feed"
	"github.com/ecograph/ecograph/internal/store"
)

// BenchmarkSubscribers: 1,000 subscribers wait on one hub; each loop
// writes one change and waits until every subscriber has it. It reports
// the memory the waiting subscribers hold (heap and goroutine stacks) per
// subscriber, and the store reads the hub made per change delivered.
func BenchmarkSubscribers(b *testing.B) {
	const subs = 1000
	s, err := openBench(b)
	if err != nil {
		b.Fatal(err)
	}
	f := &countingFeed{Feed: s}
	h := feed.New(f, feed.Options{Poll: time.Hour})
	defer h.Close()
	ctx, cancel := context.WithCancel(b.Context())
	defer cancel()
	before := memInUse()
	chans := make([]<-chan store.Change, subs)
	for i := range chans {
		if chans[i], err = h.Subscribe(ctx, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
	time.Sleep(200 * time.Millisecond) // every subscriber waits
	perSub := float64(memInUse()-before) / subs
	reads := f.reads.Load()
	i := 0
	for b.Loop() {
		writeSources(b, s, i, 1)
		i++
		for _, ch := range chans {
			if c := <-ch; c.Seq != uint64(i) {
				b.Fatalf("got change %d, want %d", c.Seq, i)
			}
		}
	}
	// After the loop: its start clears what was reported before.
	b.ReportMetric(perSub, "B/subscriber")
	b.ReportMetric(float64(f.reads.Load()-reads)/float64(i), "reads/change")
}

// memInUse is the heap and the goroutine stacks in use, after a GC.
func memInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc + ms.StackInuse
}
