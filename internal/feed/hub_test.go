package feed_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/feed"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
)

// open returns an embedded store that keeps limit changes (0: the
// default), closed when the test ends.
func open(t *testing.T, limit int) *embedded.Store {
	t.Helper()
	var opts []embedded.Option
	if limit > 0 {
		opts = append(opts, embedded.WithChangeLimit(limit))
	}
	s, err := embedded.Open(filepath.Join(t.TempDir(), "ecograph.db"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// openBench is open for a benchmark, with the default bound.
func openBench(b *testing.B) (*embedded.Store, error) {
	s, err := embedded.Open(filepath.Join(b.TempDir(), "ecograph.db"))
	if err == nil {
		b.Cleanup(func() { _ = s.Close() })
	}
	return s, err
}

// writeSources writes n sources, one write each: n changes.
func writeSources(t testing.TB, s store.Store, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		if _, err := s.CreateSource(context.Background(), store.Source{ID: fmt.Sprintf("src-%05d", i), Title: "S", Published: store.MustDate("2025")}); err != nil {
			t.Error(err)
			return
		}
	}
}

// receive reads n changes from ch, failing t when they are not the
// sources after `after`, in order, or when they take longer than 20s.
func receive(t *testing.T, ch <-chan store.Change, after uint64, n int) {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for i := range n {
		select {
		case c, ok := <-ch:
			if !ok {
				t.Fatalf("the channel closed after %d of %d changes", i, n)
			}
			if want := after + uint64(i) + 1; c.Seq != want {
				t.Fatalf("change %d has Seq %d, want %d", i, c.Seq, want)
			}
			if c.Op != store.Created || c.Source == nil || c.Source.ID != fmt.Sprintf("src-%05d", c.Seq-1) {
				t.Fatalf("change %d = %+v, want source src-%05d created", c.Seq, c, c.Seq-1)
			}
		case <-timeout:
			t.Fatalf("got %d of %d changes in 20s", i, n)
		}
	}
}

// settled waits until the goroutines are back to at most n, failing t
// after 10s: what a leak looks like.
func settled(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > n {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines, want at most %d:\n%s", runtime.NumGoroutine(), n, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func ptr(v uint64) *uint64 { return &v }

// TestSubscribersGetEveryChangeInOrder: many subscribers, some from the
// head and some from the start, get every change of writes made while
// they listen, without gaps, including more than the ring holds.
func TestSubscribersGetEveryChangeInOrder(t *testing.T) {
	s := open(t, 0)
	writeSources(t, s, 0, 10)
	h := feed.New(s, feed.Options{Ring: 64, Poll: time.Hour})
	defer h.Close()
	const subs, writes = 50, 200
	chans := make([]<-chan store.Change, subs)
	afters := make([]uint64, subs)
	for i := range chans {
		var after *uint64
		if i%2 == 1 {
			afters[i] = uint64(i % 10)
			after = ptr(afters[i])
		} else {
			afters[i] = 10
		}
		ch, err := h.Subscribe(t.Context(), after, nil)
		if err != nil {
			t.Fatal(err)
		}
		chans[i] = ch
	}
	go writeSources(t, s, 10, writes)
	var wg sync.WaitGroup
	for i, ch := range chans {
		wg.Go(func() { receive(t, ch, afters[i], 10+writes-int(afters[i])) })
	}
	wg.Wait()
}

// TestSlowSubscriber: a subscriber that reads nothing while many changes
// come, more than the ring holds, holds up no other, and then gets them
// all, in order.
func TestSlowSubscriber(t *testing.T) {
	s := open(t, 0)
	h := feed.New(s, feed.Options{Ring: 16, Poll: time.Hour})
	defer h.Close()
	slow, err := h.Subscribe(t.Context(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	fast, err := h.Subscribe(t.Context(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		receive(t, fast, 0, 100)
	}()
	writeSources(t, s, 0, 100)
	<-done
	receive(t, slow, 0, 100)
}

// TestKeep: a subscriber gets only what keep accepts, in order.
func TestKeep(t *testing.T) {
	s := open(t, 0)
	h := feed.New(s, feed.Options{Poll: time.Hour})
	defer h.Close()
	ch, err := h.Subscribe(t.Context(), ptr(0), func(c *store.Change) bool { return c.Seq%3 == 0 })
	if err != nil {
		t.Fatal(err)
	}
	writeSources(t, s, 0, 30)
	for want := uint64(3); want <= 30; want += 3 {
		select {
		case c := <-ch:
			if c.Seq != want {
				t.Fatalf("got change %d, want %d", c.Seq, want)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("no change %d in 20s", want)
		}
	}
}

// TestExpiredCursor: a cursor older than what the store keeps is refused
// at once with a *store.ExpiredError.
func TestExpiredCursor(t *testing.T) {
	s := open(t, 10)
	writeSources(t, s, 0, 25)
	h := feed.New(s, feed.Options{})
	defer h.Close()
	_, err := h.Subscribe(t.Context(), ptr(3), nil)
	var expired *store.ExpiredError
	if !errors.As(err, &expired) || expired.Oldest != 16 {
		t.Fatalf("Subscribe(after 3) with changes 16..25 kept = %v, want an ExpiredError with Oldest 16", err)
	}
	ch, err := h.Subscribe(t.Context(), ptr(15), nil)
	if err != nil {
		t.Fatalf("Subscribe(after 15) = %v", err)
	}
	receive(t, ch, 15, 10)
}

// TestCancelFreesTheSubscription: ending the context closes the channel,
// and once every subscriber has left the hub runs no goroutine.
func TestCancelFreesTheSubscription(t *testing.T) {
	s := open(t, 0)
	before := runtime.NumGoroutine()
	h := feed.New(s, feed.Options{Poll: 10 * time.Millisecond})
	ctx, cancel := context.WithCancel(t.Context())
	var chans []<-chan store.Change
	for range 20 {
		ch, err := h.Subscribe(ctx, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		chans = append(chans, ch)
	}
	writeSources(t, s, 0, 3)
	for _, ch := range chans {
		receive(t, ch, 0, 3)
	}
	cancel()
	for _, ch := range chans {
		select {
		case _, ok := <-ch:
			if ok {
				t.Fatal("a change came after the context ended")
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the channel is still open 10s after its context ended")
		}
	}
	settled(t, before)
	h.Close()
	if _, err := h.Subscribe(t.Context(), nil, nil); !errors.Is(err, feed.ErrClosed) {
		t.Errorf("Subscribe after Close = %v, want ErrClosed", err)
	}
}

// countingFeed counts the store reads the hub makes, and fails them all
// while fail is set.
type countingFeed struct {
	store.Feed
	reads atomic.Int64
	fail  atomic.Bool
	// quiet hides the store's commit signal, as writes by another process
	// sharing a Neo4j database go unsignalled.
	quiet bool
}

func (f *countingFeed) Changes(ctx context.Context, after uint64, first int) (*store.ChangePage, error) {
	f.reads.Add(1)
	if f.fail.Load() {
		return nil, &store.UnavailableError{Message: "the store is down"}
	}
	return f.Feed.Changes(ctx, after, first)
}

func (f *countingFeed) Committed() <-chan struct{} {
	if f.quiet {
		return nil // never closes
	}
	return f.Feed.Committed()
}

// TestIdleSubscribersCostNoReads: a thousand subscribers waiting make no
// store reads of their own (the tail's reads only), and one write reaches
// them all.
func TestIdleSubscribersCostNoReads(t *testing.T) {
	s := open(t, 0)
	f := &countingFeed{Feed: s}
	h := feed.New(f, feed.Options{Poll: 50 * time.Millisecond})
	defer h.Close()
	const subs = 1000
	chans := make([]<-chan store.Change, subs)
	for i := range chans {
		ch, err := h.Subscribe(t.Context(), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		chans[i] = ch
	}
	time.Sleep(100 * time.Millisecond) // let every subscriber settle
	before := f.reads.Load()
	time.Sleep(500 * time.Millisecond)
	// About 10 polls in 500ms; a read per subscriber would be thousands.
	if n := f.reads.Load() - before; n > 30 {
		t.Errorf("%d idle subscribers made %d store reads in 500ms", subs, n)
	}
	writeSources(t, s, 0, 1)
	for _, ch := range chans {
		receive(t, ch, 0, 1)
	}
}

// TestPollFindsUnsignalledWrites: a write the store does not signal (made
// by another process) reaches the subscribers at the next poll.
func TestPollFindsUnsignalledWrites(t *testing.T) {
	s := open(t, 0)
	h := feed.New(&countingFeed{Feed: s, quiet: true}, feed.Options{Poll: 50 * time.Millisecond})
	defer h.Close()
	ch, err := h.Subscribe(t.Context(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the tail has started, and waits
	writeSources(t, s, 0, 3)
	receive(t, ch, 0, 3)
}

// TestStoreFailureEndsTheStream: when the store fails, a subscription
// fails at once, and a running stream closes, so that its client
// reconnects with its last cursor; nothing is sent past the failure.
func TestStoreFailureEndsTheStream(t *testing.T) {
	s := open(t, 0)
	f := &countingFeed{Feed: s}
	h := feed.New(f, feed.Options{Poll: 50 * time.Millisecond})
	defer h.Close()
	ch, err := h.Subscribe(t.Context(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	writeSources(t, s, 0, 2)
	receive(t, ch, 0, 2)
	f.fail.Store(true)
	if _, err := h.Subscribe(t.Context(), ptr(0), nil); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Subscribe while the store fails = %v, want its error", err)
	}
	writeSources(t, s, 2, 1)
	select {
	case c, ok := <-ch:
		if ok {
			t.Errorf("got change %d from a failing store", c.Seq)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the stream is still open 10s after the store failed")
	}
	// Back again: a new subscription from the last cursor gets the rest.
	f.fail.Store(false)
	ch, err = h.Subscribe(t.Context(), ptr(2), nil)
	if err != nil {
		t.Fatal(err)
	}
	receive(t, ch, 2, 1)
}
