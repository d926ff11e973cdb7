package analytics_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ecograph/ecograph/internal/analytics"
	"github.com/ecograph/ecograph/internal/store"
)

// fakeSource is a store.Networker whose version the test moves on by hand
// and that counts how often its network is fetched.
type fakeSource struct {
	mu      sync.Mutex
	version int
	net     *store.Network
	err     error         // returned by NetworkVersion when set
	fail    error         // returned by Network when set
	gate    chan struct{} // when set, Network waits for it to close
	fetches atomic.Int32
}

func (f *fakeSource) NetworkVersion(context.Context) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strconv.Itoa(f.version), f.err
}

func (f *fakeSource) Network(context.Context) (*store.Network, error) {
	f.fetches.Add(1)
	f.mu.Lock()
	gate, net, fail := f.gate, f.net, f.fail
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	return net, fail
}

// change sets the network and moves the version on.
func (f *fakeSource) change(n *store.Network) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.net = n
	f.version++
}

func TestEngineKeepsViews(t *testing.T) {
	ctx := context.Background()
	src := &fakeSource{net: bridgeNetwork()}
	e := analytics.New(src)
	all, err := e.View(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	june, err := e.View(ctx, day("2024-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		again, _ := e.View(ctx, nil)
		juneAgain, _ := e.View(ctx, day("2024-06-01"))
		if again != all || juneAgain != june {
			t.Fatal("the same version gave a new view")
		}
	}
	if n, _ := e.Network(ctx); n != all.Network() || n.Network != src.net {
		t.Error("Network is not the views' network")
	}
	if got := src.fetches.Load(); got != 1 {
		t.Errorf("network fetched %d times, want 1", got)
	}

	// A new version drops everything kept: the views are of the new
	// network, which has the dated actors.
	src.change(datedNetwork())
	fresh, err := e.View(ctx, day("2024-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	if fresh == june || fresh.Network().Network != src.net {
		t.Error("a new version gave the old view")
	}
	if _, ok := fresh.Network().Index("seminar"); !ok {
		t.Error("the new network has no seminar")
	}
	if got := src.fetches.Load(); got != 2 {
		t.Errorf("network fetched %d times, want 2", got)
	}
}

func TestEngineEvictsViews(t *testing.T) {
	ctx := context.Background()
	e := analytics.New(&fakeSource{net: datedNetwork()}, analytics.WithViews(2))
	first, _ := e.View(ctx, day("2024-01-01"))
	second, _ := e.View(ctx, day("2024-02-01"))
	if _, err := e.View(ctx, day("2024-03-01")); err != nil {
		t.Fatal(err)
	}
	// Two are kept: the first, least recently used, went.
	if again, _ := e.View(ctx, day("2024-02-01")); again != second {
		t.Error("the second view was dropped")
	}
	if again, _ := e.View(ctx, day("2024-01-01")); again == first {
		t.Error("three views kept of two")
	}
}

// TestEngineFetchesOnce: callers that find a new version at the same time
// share one fetch.
func TestEngineFetchesOnce(t *testing.T) {
	gate := make(chan struct{})
	src := &fakeSource{net: bridgeNetwork(), gate: gate}
	e := analytics.New(src)
	var wg sync.WaitGroup
	views := make([]*analytics.View, 20)
	for i := range views {
		wg.Go(func() {
			v, err := e.View(context.Background(), day("2024-06-01"))
			if err != nil {
				t.Error(err)
			}
			views[i] = v
		})
	}
	close(gate)
	wg.Wait()
	if got := src.fetches.Load(); got != 1 {
		t.Errorf("network fetched %d times, want 1", got)
	}
	for _, v := range views {
		if v != views[0] {
			t.Fatal("callers got different views")
		}
	}
}

// TestEngineCancel: a caller that gives up does not stop the fetch for
// the others.
func TestEngineCancel(t *testing.T) {
	gate := make(chan struct{})
	src := &fakeSource{net: bridgeNetwork(), gate: gate}
	e := analytics.New(src)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := e.View(ctx, nil)
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller got %v", err)
	}
	close(gate)
	v, err := e.View(context.Background(), nil)
	if err != nil || v.Stats().Actors != 9 {
		t.Fatalf("View = %v, %v", v, err)
	}
	if got := src.fetches.Load(); got > 1 {
		t.Errorf("network fetched %d times, want 1", got)
	}
}

func TestEngineErrors(t *testing.T) {
	ctx := context.Background()
	down := errors.New("store is down")
	for _, src := range []*fakeSource{
		{net: bridgeNetwork(), err: down},
		{net: bridgeNetwork(), fail: down},
	} {
		e := analytics.New(src)
		if _, err := e.View(ctx, nil); !errors.Is(err, down) {
			t.Errorf("View error = %v, want %v", err, down)
		}
		if _, err := e.Network(ctx); !errors.Is(err, down) {
			t.Errorf("Network error = %v, want %v", err, down)
		}
	}
	// A failed fetch is not kept: once the store is back, so are views.
	src := &fakeSource{net: bridgeNetwork(), fail: down}
	e := analytics.New(src)
	if _, err := e.View(ctx, nil); err == nil {
		t.Fatal("no error from a failing store")
	}
	src.mu.Lock()
	src.fail = nil
	src.mu.Unlock()
	if _, err := e.View(ctx, nil); err != nil {
		t.Errorf("after recovery: %v", err)
	}
}
