package store

import "context"

// watchEvery is how many steps Watch.Stop lets pass between looks at the
// context: a look takes a lock, a step of a walk or a search a few
// nanoseconds, and a thousand steps well under a millisecond.
const watchEvery = 1024

// Watch tells a long computation (a search, a walk, a measure over the
// whole network) when its request's context has ended, cheaply enough to
// ask at every step of its loops. It is not safe for concurrent use: each
// goroutine of a computation takes its own.
type Watch struct {
	ctx  context.Context
	step uint
	err  error
}

// NewWatch watches ctx.
func NewWatch(ctx context.Context) *Watch { return &Watch{ctx: ctx} }

// Stop reports whether the context has ended, looking at it once in
// watchEvery calls; once it says so it always does.
func (w *Watch) Stop() bool {
	if w.err != nil {
		return true
	}
	w.step++
	if w.step%watchEvery == 0 {
		w.err = w.ctx.Err()
	}
	return w.err != nil
}

// Err is the context's error once Stop has seen it end, or else nil: what
// the computation returns in place of its incomplete answer. A
// computation that finished without Stop saying so has a complete answer,
// whether or not the context ended since.
func (w *Watch) Err() error { return w.err }
