package embedded_test

import (
	"context"
	"errors"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/deadlinetest"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/storetest"
	"github.com/ecograph/ecograph/internal/synth"
)

// hubs returns the n actors of d with the most relations, most first.
func hubs(d store.Dataset, n int) []string {
	degree := map[string]int{}
	for _, r := range d.Relations {
		degree[r.From]++
		degree[r.To]++
	}
	ids := make([]string, 0, len(degree))
	for id := range degree {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if degree[ids[i]] != degree[ids[j]] {
			return degree[ids[i]] > degree[ids[j]]
		}
		return ids[i] < ids[j]
	})
	return ids[:n]
}

// TestLongReadsStopWhenTheDeadlinePasses: a search, each walk and the copy
// of the network for analytics look at their context as they go, and when
// its deadline passes while they run they return context.DeadlineExceeded
// (UNAVAILABLE in the API) at their next look, rather than finish the
// work: the context is asked once when the call begins, once more finds
// it ended, and never again.
func TestLongReadsStopWhenTheDeadlinePasses(t *testing.T) {
	d := synth.Generate(synth.Config{Actors: 20_000, Relations: 100_000, Seed: 1})
	s := openAt(t, filepath.Join(t.TempDir(), "ecograph.db"))
	if err := s.Load(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	h := hubs(d, 2)
	calls := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"Search", func(ctx context.Context) error {
			// Every name with a word in s, none of them a country's: the
			// prefix tier reads thousands of postings.
			_, err := s.Search(ctx, store.SearchQuery{Text: "s", First: 100, Kinds: []store.Kind{store.KindCountry}})
			return err
		}},
		{"Neighborhood", func(ctx context.Context) error {
			_, err := s.Neighborhood(ctx, h[0], store.NeighborhoodQuery{Depth: 3, Limit: 500})
			return err
		}},
		{"ShortestPath", func(ctx context.Context) error {
			_, err := s.ShortestPath(ctx, h[0], h[1], store.PathQuery{MaxLength: 10, Kinds: []store.Kind{store.KindStartup}})
			return err
		}},
		{"Paths", func(ctx context.Context) error {
			_, _, err := s.Paths(ctx, h[0], h[1], store.PathQuery{MaxLength: 6}, 100)
			return err
		}},
		{"CommonNeighbors", func(ctx context.Context) error {
			_, _, err := s.CommonNeighbors(ctx, h[0], h[1], store.NeighborsQuery{First: 100})
			return err
		}},
		{"Network", func(ctx context.Context) error {
			_, err := s.Network(ctx)
			return err
		}},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			if err := c.call(deadlinetest.After(1 << 30)); err != nil {
				t.Fatalf("with time enough: %v", err)
			}
			ctx := deadlinetest.After(1)
			if err := c.call(ctx); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("deadline passed while it ran: %v, want context.DeadlineExceeded", err)
			}
			if ctx.Asked() > 2 {
				t.Errorf("asked the context %d times, want 2: once as it began, once to find it ended", ctx.Asked())
			}
		})
	}
}

// TestShortReadsGoOnWhileAWriterWaits: with a long read running (as a
// search that runs to its request's deadline) and a write waiting for it,
// a plain actor read answers at once; a long read that begins meanwhile
// waits for the write, so the writer is not starved; and the write, once
// applied, is there after a restart.
func TestShortReadsGoOnWhileAWriterWaits(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "ecograph.db")
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Load(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	release, err := embedded.HoldLongReadForTest(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	written := make(chan error, 1)
	go func() {
		_, err := s.CreateActor(ctx, store.Actor{ID: "queued-labs", Kind: store.KindStartup, Name: "Queued Labs"})
		written <- err
	}()
	for start := time.Now(); !embedded.WriterWaitingForTest(s); time.Sleep(time.Millisecond) {
		if time.Since(start) > 10*time.Second {
			release()
			t.Fatal("the write never came to wait for the long read")
		}
	}

	start := time.Now()
	a, err := s.Actor(ctx, "uz")
	if took := time.Since(start); err != nil || a.ID != "uz" || took > 500*time.Millisecond {
		t.Errorf("Actor(uz) behind a waiting writer: %v, %v after %v; want it at once", a, err, took)
	}
	if _, err := s.Actor(ctx, "queued-labs"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Actor(queued-labs) before the write was applied: %v, want not found", err)
	}

	searched := make(chan []store.SearchHit, 1)
	go func() {
		hits, err := s.Search(ctx, store.SearchQuery{Text: "Queued Labs", First: 10})
		if err != nil {
			t.Errorf("Search after the write: %v", err)
		}
		searched <- hits
	}()
	select {
	case <-searched:
		t.Error("a long read began while the writer waited went ahead of it")
	case err := <-written:
		t.Errorf("the write was applied while a long read was inside: %v", err)
	case <-time.After(200 * time.Millisecond):
	}

	release()
	if err := <-written; err != nil {
		t.Fatalf("the write, once the long read was done: %v", err)
	}
	if hits := <-searched; len(hits) != 1 || hits[0].Actor.ID != "queued-labs" {
		t.Errorf("the search that waited for the write found %v, want queued-labs", hits)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path)
	if _, err := s.Actor(ctx, "queued-labs"); err != nil {
		t.Errorf("after a restart: %v", err)
	}
}
