package analytics

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
)

// lazy is a value worked out on first use and kept: a measure of a View.
//
// The work is shared: callers that ask while it runs wait for the same
// run, each only until its own context ends, so a request answers by its
// deadline however long the measure takes. When the last caller gives up,
// the run goes on alone if fewer than orphanRuns others do, so that a
// measure that takes longer than a request may (betweenness at 100,000
// actors: 2 to 4 s) is there when the request is tried again; otherwise
// it is stopped (its context cancelled; the work looks at it as it goes),
// so that work nobody waits for does not pile up, one run for each day
// asked about. A stopped run keeps nothing, and the next caller starts
// again.
type lazy[T any] struct {
	work func(ctx context.Context) (T, error)

	mu   sync.Mutex
	done bool // val is worked out
	val  T
	run  *lazyRun[T] // the run under way, if any
}

// lazyRun is one run of a lazy's work.
type lazyRun[T any] struct {
	finished chan struct{} // closed when val and err are set
	val      T
	err      error
	waiting  int  // callers waiting for it
	orphan   bool // it holds a place in orphans
	cancel   context.CancelFunc
}

// orphanRuns is how many runs may go on with nobody waiting for them, in
// the whole process: each takes the cores a request would.
const orphanRuns = 1

// orphans holds a place for each run going on with nobody waiting.
var orphans = make(chan struct{}, orphanRuns)

func newLazy[T any](work func(ctx context.Context) (T, error)) *lazy[T] {
	return &lazy[T]{work: work}
}

// get returns the value, working it out (or waiting for the run under
// way) until ctx ends, and then ctx's error.
func (l *lazy[T]) get(ctx context.Context) (T, error) {
	l.mu.Lock()
	if l.done {
		defer l.mu.Unlock()
		return l.val, nil
	}
	if err := ctx.Err(); err != nil {
		l.mu.Unlock()
		var zero T
		return zero, err
	}
	r := l.run
	if r == nil {
		// The run is the callers', not the first one's: it must not end
		// with the first caller's request.
		runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		r = &lazyRun[T]{finished: make(chan struct{}), cancel: cancel}
		l.run = r
		go l.start(runCtx, r)
	}
	r.waiting++
	l.mu.Unlock()
	select {
	case <-r.finished:
		return r.val, r.err
	case <-ctx.Done():
		l.mu.Lock()
		// l.run == r while the run is under way: one that has just
		// finished must not take an orphan's place it would never give
		// back.
		if r.waiting--; r.waiting == 0 && !r.orphan && l.run == r {
			select {
			case orphans <- struct{}{}:
				r.orphan = true // it goes on, for the next caller
			default:
				r.cancel()
				l.run = nil
			}
		}
		l.mu.Unlock()
		var zero T
		return zero, ctx.Err()
	}
}

// must is get for callers without a deadline: it returns the value, and
// panics only where the work did.
func (l *lazy[T]) must() T {
	v, err := l.get(context.Background())
	if err != nil {
		panic(err)
	}
	return v
}

// start runs the work and hands its outcome to the callers waiting.
func (l *lazy[T]) start(ctx context.Context, r *lazyRun[T]) {
	defer r.cancel()
	v, err := l.safeWork(ctx)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err == nil && !l.done {
		l.done, l.val = true, v
	}
	if l.run == r {
		l.run = nil
	}
	if r.orphan {
		<-orphans
	}
	r.val, r.err = v, err
	close(r.finished)
}

// safeWork runs the work, turning a panic into an error: it runs on its
// own goroutine, where a panic would end the server.
func (l *lazy[T]) safeWork(ctx context.Context) (v T, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("analytics: %v\n%s", p, debug.Stack())
		}
	}()
	return l.work(ctx)
}
