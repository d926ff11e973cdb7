package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// Each operation is timed on every system in turns, A, B, C, A, B, C…, so
// that load from elsewhere on the machine falls on all of them alike. A
// turn is a closed loop: conc workers each send a request, wait for its
// answer and send the next, for a fixed time (or a fixed count). Worker
// i of turn t draws its arguments from the same seed on every system.

// timing says how long to run.
type timing struct {
	warm  time.Duration // per system, before the turns
	turn  time.Duration // per system and turn
	count int           // requests per worker and turn, instead of turn when > 0
	min   int           // requests per worker and turn at least, however long they take
	turns int
}

// result is what one system did at one concurrency over all the turns.
type result struct {
	op, system string
	conc       int
	n          int
	elapsed    time.Duration
	lat        []time.Duration // sorted
	// cpu is the CPU time each process of the meter used over the turns
	// (cpu.go), machine the whole machine's.
	cpu     map[string]time.Duration
	machine time.Duration
	// failed is why the system stopped answering, when it did: only the
	// peer may fail without ending the run (it runs out of Neo4j's
	// transaction memory on some operations).
	failed string
}

func (r *result) rate() float64 {
	if r.elapsed == 0 {
		return 0
	}
	return float64(r.n) / r.elapsed.Seconds()
}

// quantile is the q-quantile of the latencies, nearest rank.
func (r *result) quantile(q float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	i := int(q*float64(len(r.lat))+0.5) - 1
	return r.lat[min(max(i, 0), len(r.lat)-1)]
}

// measure runs op on each of its systems at concurrency conc, reading
// the CPU the processes of m use in each turn.
func measure(ctx context.Context, m *cpuMeter, o *op, conc int, t timing) ([]*result, error) {
	results := make([]*result, len(o.systems))
	for i, s := range o.systems {
		results[i] = &result{op: o.name, system: s.name, conc: conc, cpu: map[string]time.Duration{}}
		if t.warm > 0 {
			if _, err := loop(ctx, o, s, conc, -1, timing{turn: t.warm}); err != nil {
				if s.name != sysPeer {
					return nil, err
				}
				results[i].failed = err.Error()
			}
		}
	}
	for turn := range t.turns {
		for i, s := range o.systems {
			if results[i].failed != "" {
				continue
			}
			before := m.sample()
			r, err := loop(ctx, o, s, conc, turn, t)
			results[i].machine += m.since(before, m.sample(), results[i].cpu)
			if err != nil {
				if s.name != sysPeer {
					return nil, err
				}
				results[i].failed = err.Error()
				continue
			}
			results[i].n += r.n
			results[i].elapsed += r.elapsed
			results[i].lat = append(results[i].lat, r.lat...)
		}
	}
	for _, r := range results {
		slices.Sort(r.lat)
	}
	return results, nil
}

// loop is one turn of one system: conc workers in a closed loop.
func loop(ctx context.Context, o *op, s system, conc, turn int, t timing) (*result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu   sync.Mutex
		all  []time.Duration
		fail error
		wg   sync.WaitGroup
	)
	start := time.Now()
	stopAt := start.Add(t.turn)
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(turn+1), uint64(w)))
			var lat []time.Duration
			for i := 0; ; i++ {
				if t.count > 0 && turn >= 0 {
					if i >= t.count {
						break
					}
				} else if time.Now().After(stopAt) && (turn < 0 || i >= t.min) {
					break
				}
				a := o.args(rng)
				t0 := time.Now()
				_, err := s.call(ctx, a)
				if err != nil {
					mu.Lock()
					if fail == nil {
						fail = fmt.Errorf("%s on %s: %w", o.name, s.name, err)
					}
					mu.Unlock()
					cancel()
					return
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if fail != nil {
		return nil, fail
	}
	return &result{n: len(all), elapsed: time.Since(start), lat: all}, nil
}
