package analytics

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/deadlinetest"
	"github.com/ecograph/ecograph/internal/synth"
)

// deadlineNetwork is a network on which every measure takes long enough
// to be stopped halfway: synth's at a fifth of the benchmarks' size.
var deadlineNetwork = sync.OnceValue(func() *Network {
	return NewNetwork(synthNetwork(synth.Config{Actors: 20_000, Relations: 100_000, Seed: 1}))
})

// TestMeasuresStopWhenTheDeadlinePasses: betweenness (brandes), PageRank,
// communities (louvain), brokers and stats look at their context as they
// go, and stop with its error once it has ended, rather than finish.
func TestMeasuresStopWhenTheDeadlinePasses(t *testing.T) {
	measures := []struct {
		name    string
		compute func(v *View, ctx context.Context) error
	}{
		{"Betweenness", func(v *View, ctx context.Context) error { return second(v.computeBetweenness(ctx)) }},
		{"PageRank", func(v *View, ctx context.Context) error { return second(v.computePageRank(ctx)) }},
		{"Communities", func(v *View, ctx context.Context) error { return second(v.computeCommunities(ctx)) }},
		{"Brokers", func(v *View, ctx context.Context) error { return second(v.computeBrokers(ctx)) }},
		{"Stats", func(v *View, ctx context.Context) error { return second(v.computeStats(ctx)) }},
	}
	v := newView(deadlineNetwork(), nil)
	for _, m := range measures {
		t.Run(m.name, func(t *testing.T) {
			if err := m.compute(v, deadlinetest.After(1<<30)); err != nil {
				t.Fatalf("with time enough: %v", err)
			}
			ctx := deadlinetest.After(1)
			if err := m.compute(v, ctx); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("deadline passed while it ran: %v, want context.DeadlineExceeded", err)
			}
			// Once as it began, once by each of brandes's workers (one a
			// core), and once to find it ended.
			if most := 2 + min(runtime.GOMAXPROCS(0), brandesChunks); ctx.Asked() > most {
				t.Errorf("asked the context %d times, want it to stop at the first look after the deadline", ctx.Asked())
			}
		})
	}
}

// TestMeasureAnswersByTheDeadline: a request that asks for a measure that
// takes longer than it has gets the context's error by its deadline; the
// next request gets the measure; and a request that waits for a run
// another gave up on gets it, worked out once.
func TestMeasureAnswersByTheDeadline(t *testing.T) {
	// Views of their own: the View with everything is shared, measures and all.
	net := deadlineNetwork()
	want := newView(net, nil).Top(Betweenness, 10, nil)

	v := newView(net, nil)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := v.TopContext(ctx, Betweenness, 10, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("TopContext with 20 ms: %v, want context.DeadlineExceeded", err)
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("TopContext with 20 ms answered after %v", took)
	}
	// Nobody waits: the run went on alone, and the next caller gets it.
	if got, err := v.TopContext(t.Context(), Betweenness, 10, nil); err != nil || !slices.Equal(got, want) {
		t.Errorf("TopContext after a caller gave up: %v, %v; want %v", got, err, want)
	}

	// Two callers of one run: the one that gives up does not stop it for
	// the other.
	v = newView(net, nil)
	patient := make(chan []Score, 1)
	go func() {
		got, err := v.TopContext(t.Context(), Betweenness, 10, nil)
		if err != nil {
			t.Errorf("the patient caller: %v", err)
		}
		patient <- got
	}()
	// The patient caller waits for the run before the hasty one comes.
	for waiting := 0; waiting == 0; time.Sleep(time.Millisecond) {
		v.betweenness.mu.Lock()
		if r := v.betweenness.run; r != nil {
			waiting = r.waiting
		}
		v.betweenness.mu.Unlock()
	}
	ctx, cancel = context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if _, err := v.TopContext(ctx, Betweenness, 10, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("the hasty caller: %v, want context.DeadlineExceeded", err)
	}
	if got := <-patient; !slices.Equal(got, want) {
		t.Errorf("the patient caller got %v, want %v", got, want)
	}
}

// TestAbandonedMeasuresAreBounded: of the runs nobody waits for any more,
// orphanRuns go on, so that the request tried again finds the measure,
// and the rest stop, so that asking about many days and giving up at
// once leaves no pile of work behind.
func TestAbandonedMeasuresAreBounded(t *testing.T) {
	net := deadlineNetwork()
	views := make([]*View, orphanRuns+2)
	for i := range views {
		views[i] = newView(net, nil)
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
		_, err := views[i].TopContext(ctx, Betweenness, 10, nil)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("view %d with 10 ms: %v, want context.DeadlineExceeded", i, err)
		}
	}
	if n := len(orphans); n != orphanRuns {
		t.Errorf("%d runs go on alone, want %d", n, orphanRuns)
	}
	for i, v := range views[orphanRuns:] {
		v.betweenness.mu.Lock()
		running, done := v.betweenness.run != nil, v.betweenness.done
		v.betweenness.mu.Unlock()
		if running || done {
			t.Errorf("abandoned run %d past the bound: running %v, done %v; want it stopped", orphanRuns+i, running, done)
		}
	}
	want := newView(net, nil).Top(Betweenness, 10, nil)
	for i, v := range views[:orphanRuns] {
		if got, err := v.TopContext(t.Context(), Betweenness, 10, nil); err != nil || !slices.Equal(got, want) {
			t.Errorf("view %d, tried again: %v, %v; want %v", i, got, err, want)
		}
	}
	if n := len(orphans); n != 0 {
		t.Errorf("%d runs still counted as alone once done", n)
	}
}

func second[T any](_ T, err error) error { return err }
