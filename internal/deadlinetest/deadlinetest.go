// Package deadlinetest gives tests a context whose deadline passes while
// a computation runs, at a step the test chooses rather than at a time, so
// that a test of "stops at its deadline" is exact on a loaded machine.
package deadlinetest

import (
	"context"
	"sync"
)

// Expiring is a context whose Err answers nil the first After times it
// is asked, and context.DeadlineExceeded from then on; Done is closed then
// too.
type Expiring struct {
	context.Context
	mu    sync.Mutex
	after int
	asked int
	done  chan struct{}
}

// After returns a context that expires at the after+1th look at its Err.
func After(after int) *Expiring {
	return &Expiring{Context: context.Background(), after: after, done: make(chan struct{})}
}

// Err answers as a context whose deadline passes at the chosen step.
func (c *Expiring) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.asked++
	if c.asked <= c.after {
		return nil
	}
	select {
	case <-c.done:
	default:
		close(c.done)
	}
	return context.DeadlineExceeded
}

// Done is closed once Err has answered context.DeadlineExceeded.
func (c *Expiring) Done() <-chan struct{} { return c.done }

// Asked is how many times Err was asked.
func (c *Expiring) Asked() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.asked
}
