// Package feed streams a store's change feed to many subscribers at the
// cost of one reader: the Hub's tail goroutine reads each new change from
// the store once, keeps the newest in a ring, and wakes the subscribers,
// which copy what they have not sent yet from the ring. An idle
// subscriber costs a goroutine parked on a channel and nothing else; one
// that falls behind the ring reads the store itself, so a slow reader
// never holds up the others and never loses a change.
package feed

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"sync"
	"time"

	"github.com/ecograph/ecograph/internal/store"
)

// Options tunes a Hub; zero fields take the defaults.
type Options struct {
	// Poll is how often the tail looks at the store for changes it was
	// not told of: writes by other processes sharing a Neo4j database.
	// Default 2s.
	Poll time.Duration
	// Ring is how many of the newest changes the hub keeps in memory for
	// its subscribers. Default 4096.
	Ring int
	// Logger logs store failures; nil logs nothing.
	Logger *slog.Logger
}

// The defaults of Options.
const (
	DefaultPoll = 2 * time.Second
	DefaultRing = 4096
)

// batch is how many changes one store read or one copy from the ring
// takes: a subscriber sends a batch, then looks again.
const batch = 256

// ErrClosed is what Subscribe returns after Close.
var ErrClosed = errors.New("the change feed is closed")

// Hub fans a store.Feed out to subscribers. It is safe for concurrent use.
type Hub struct {
	f   store.Feed
	o   Options
	log *slog.Logger

	done chan struct{} // closed by Close
	wg   sync.WaitGroup

	mu     sync.Mutex
	closed bool
	subs   int
	stop   context.CancelFunc // the running tail's; nil when none runs
	// wake is closed, and replaced, when the ring has new changes or the
	// tail failed: every waiting subscriber looks again.
	wake chan struct{}
	// fails counts the tail's store failures: a subscriber that sees it
	// grow ends its stream, and its client reconnects with its cursor.
	fails uint64
	// The ring holds the changes with Seq in (pos-n, pos], oldest at
	// ring[first]; ready tells that the tail has read where it starts,
	// so that pos means something.
	ready bool
	pos   uint64
	ring  []store.Change
	first int
	n     int
}

// New makes a hub over f. It starts no goroutine until the first
// Subscribe and stops its tail goroutine when the last subscriber leaves.
func New(f store.Feed, o Options) *Hub {
	if o.Poll <= 0 {
		o.Poll = DefaultPoll
	}
	if o.Ring <= 0 {
		o.Ring = DefaultRing
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Hub{f: f, o: o, log: log, done: make(chan struct{}), wake: make(chan struct{})}
}

// Head returns the Seq of the newest change.
func (h *Hub) Head(ctx context.Context) (uint64, error) {
	page, err := h.f.Changes(ctx, math.MaxUint64, 1)
	if err != nil {
		return 0, err
	}
	return page.Head, nil
}

// Subscribe sends, in order and without gaps, the changes with Seq >
// *after that keep accepts (every change when keep is nil), until ctx
// ends; then it closes the channel. A nil after starts from the head at
// the time of the call. An after the store no longer holds returns a
// *store.ExpiredError at once. A store failure mid-stream is logged and
// closes the channel (the client reconnects with its last cursor).
//
// The changes sent share their items with other subscribers: treat them
// as read-only.
func (h *Hub) Subscribe(ctx context.Context, after *uint64, keep func(*store.Change) bool) (<-chan store.Change, error) {
	var pos uint64
	var first []store.Change
	if after == nil {
		head, err := h.Head(ctx)
		if err != nil {
			return nil, err
		}
		pos = head
	} else {
		// Read the first batch here, so that an expired cursor is
		// refused before the stream starts.
		page, err := h.f.Changes(ctx, *after, batch)
		if err != nil {
			return nil, err
		}
		pos, first = *after, page.Changes
	}
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil, ErrClosed
	}
	h.subs++
	if h.stop == nil {
		var tctx context.Context
		tctx, h.stop = context.WithCancel(context.Background())
		h.ready, h.n, h.first = false, 0, 0
		h.wg.Add(1)
		go h.tail(tctx)
	}
	fails := h.fails
	h.wg.Add(1)
	h.mu.Unlock()

	out := make(chan store.Change, 16)
	s := &subscriber{h: h, ctx: ctx, out: out, keep: keep, pos: pos, fails: fails}
	go s.run(first)
	return out, nil
}

// Close ends every subscription and the tail, and waits for their
// goroutines; Subscribe fails after it.
func (h *Hub) Close() {
	h.mu.Lock()
	if !h.closed {
		h.closed = true
		close(h.done)
		if h.stop != nil {
			h.stop()
			h.stop = nil
		}
	}
	h.mu.Unlock()
	h.wg.Wait()
}

// leave unregisters a subscriber, stopping the tail after the last.
func (h *Hub) leave() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.subs--
	if h.subs == 0 && h.stop != nil {
		h.stop()
		h.stop = nil
		h.ready, h.n, h.first = false, 0, 0
	}
}

// wakeAll wakes every waiting subscriber; h.mu is held.
func (h *Hub) wakeAll() {
	close(h.wake)
	h.wake = make(chan struct{})
}

// look tells a subscriber at pos what to do next, under h.mu: copy of the
// ring what follows pos (nothing when it is caught up), or, when the ring
// does not reach back to pos, read the store itself (fromStore). wake is
// the channel to wait on when there is nothing new, and fails the tail's
// failure count.
func (h *Hub) look(pos uint64) (next []store.Change, fromStore bool, wake <-chan struct{}, fails uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	wake, fails = h.wake, h.fails
	if !h.ready || pos+uint64(h.n) < h.pos {
		return nil, true, wake, fails
	}
	if pos >= h.pos {
		return nil, false, wake, fails
	}
	k := int(h.pos - pos) // changes after pos, all in the ring
	take := min(k, batch)
	next = make([]store.Change, take)
	start := h.first + h.n - k
	for i := range take {
		next[i] = h.ring[(start+i)%len(h.ring)]
	}
	return next, false, wake, fails
}

// push adds changes the tail read to the ring, unless ctx (the tail's)
// has ended: a stopped tail must not touch the ring a new one fills.
func (h *Hub) push(ctx context.Context, cs []store.Change) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ctx.Err() != nil {
		return
	}
	if h.ring == nil {
		h.ring = make([]store.Change, h.o.Ring)
	}
	for _, c := range cs {
		if c.Seq <= h.pos {
			continue
		}
		if h.n < len(h.ring) {
			h.ring[(h.first+h.n)%len(h.ring)] = c
			h.n++
		} else {
			h.ring[h.first] = c
			h.first = (h.first + 1) % len(h.ring)
		}
		h.pos = c.Seq
	}
	h.wakeAll()
}

// start records where the tail starts: the store's head, with an empty
// ring.
func (h *Hub) start(ctx context.Context, head uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ctx.Err() != nil {
		return
	}
	h.ready, h.pos, h.n, h.first = true, head, 0, 0
	h.wakeAll()
}

// fail counts a store failure of the tail and wakes the subscribers, who
// end their streams.
func (h *Hub) fail(ctx context.Context, err error) {
	h.log.Error("reading the change feed", "err", err)
	h.mu.Lock()
	defer h.mu.Unlock()
	if ctx.Err() != nil {
		return
	}
	h.fails++
	h.wakeAll()
}

// tail reads new changes into the ring as long as ctx lasts: at once when
// the store signals a commit, else every Poll.
func (h *Hub) tail(ctx context.Context) {
	defer h.wg.Done()
	timer := time.NewTimer(h.o.Poll)
	defer timer.Stop()
	var pos uint64
	started := false
	for {
		// Take the commit signal before reading, so that a commit
		// between the read and the wait is not missed.
		committed := h.f.Committed()
		more := false
		var err error
		if !started {
			if pos, err = h.Head(ctx); err == nil {
				started = true
				h.start(ctx, pos)
			}
		} else {
			var page *store.ChangePage
			page, err = h.f.Changes(ctx, pos, batch)
			var expired *store.ExpiredError
			switch {
			case errors.As(err, &expired):
				// More changes came at once than the store keeps (a large
				// import): start again at the head; the subscribers still
				// behind find out from the store themselves.
				started, more, err = false, true, nil
			case err == nil && len(page.Changes) > 0:
				h.push(ctx, page.Changes)
				pos = page.Changes[len(page.Changes)-1].Seq
				more = page.HasNext
			}
		}
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			h.fail(ctx, err)
		}
		if more {
			continue
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(h.o.Poll)
		select {
		case <-ctx.Done():
			return
		case <-committed:
		case <-timer.C:
		}
	}
}

// subscriber is one Subscribe's stream.
type subscriber struct {
	h     *Hub
	ctx   context.Context
	out   chan<- store.Change
	keep  func(*store.Change) bool
	pos   uint64 // the Seq of the last change sent or passed over
	fails uint64
}

// run sends first, then what follows, until the stream ends.
func (s *subscriber) run(first []store.Change) {
	defer s.h.wg.Done()
	defer s.h.leave()
	defer close(s.out)
	if !s.send(first) {
		return
	}
	for {
		next, fromStore, wake, fails := s.h.look(s.pos)
		if fails != s.fails {
			return // the tail logged the failure
		}
		if fromStore {
			page, err := s.h.f.Changes(s.ctx, s.pos, batch)
			if err != nil {
				if s.ctx.Err() == nil {
					s.h.log.Error("reading the change feed for a subscriber", "after", s.pos, "err", err)
				}
				return
			}
			next = page.Changes
		}
		if len(next) == 0 {
			select {
			case <-wake:
				continue
			case <-s.ctx.Done():
				return
			case <-s.h.done:
				return
			}
		}
		if !s.send(next) {
			return
		}
	}
}

// send sends the changes after s.pos that keep accepts, and reports
// whether the stream goes on.
func (s *subscriber) send(cs []store.Change) bool {
	for i := range cs {
		c := &cs[i]
		if c.Seq <= s.pos {
			continue
		}
		s.pos = c.Seq
		if s.keep != nil && !s.keep(c) {
			continue
		}
		select {
		case s.out <- *c:
		case <-s.ctx.Done():
			return false
		case <-s.h.done:
			return false
		}
	}
	return s.ctx.Err() == nil
}
