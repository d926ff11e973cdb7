package storetest

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// The change feed as a log: paging, the bound, large and concurrent writes.

// testFeedPaging: first and after page through the feed; HasNext and
// Head say what follows; past the head is an empty page.
func testFeedPaging(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := t.Context()
	all := changesAfter(t, s, 0)
	n := uint64(len(all))
	for _, first := range []int{1, 7, int(n), int(n) + 5} {
		var seqs []uint64
		after := uint64(0)
		for {
			page, err := s.Changes(ctx, after, first)
			must(t, "Changes", err)
			if page.Head != n {
				t.Fatalf("Changes(%d, %d).Head = %d, want %d", after, first, page.Head, n)
			}
			if len(page.Changes) > first {
				t.Fatalf("Changes(%d, %d) gave %d", after, first, len(page.Changes))
			}
			for _, c := range page.Changes {
				seqs = append(seqs, c.Seq)
				after = c.Seq
			}
			if wantNext := after < n; page.HasNext != wantNext {
				t.Fatalf("Changes(.., %d) ending at %d: HasNext %v, want %v", first, after, page.HasNext, wantNext)
			}
			if !page.HasNext {
				break
			}
		}
		for i, seq := range seqs {
			if seq != uint64(i)+1 {
				t.Fatalf("first %d: Seqs %v, want 1..%d", first, seqs, n)
			}
		}
	}
	for _, after := range []uint64{n, n + 10} {
		page, err := s.Changes(ctx, after, 10)
		must(t, "Changes past the head", err)
		if len(page.Changes) != 0 || page.HasNext || page.Head != n {
			t.Errorf("Changes(%d, 10) = %d changes, HasNext %v, Head %d; want none, false, %d", after, len(page.Changes), page.HasNext, page.Head, n)
		}
	}
	_, err := s.Changes(ctx, 0, 0)
	wantInvalid(t, "Changes(0, 0)", err, "first")
}

// testFeedBounded: the feed keeps the newest changes up to its bound; an
// older after is an ExpiredError naming the oldest kept; a write with
// more changes than the bound keeps its newest.
func testFeedBounded(t *testing.T, open LimitOpener) {
	s := open(t, 10)
	ctx := t.Context()
	for i := range 25 {
		_, err := s.CreateSource(ctx, store.Source{ID: fmt.Sprintf("s%02d", i), Title: "S", Published: store.MustDate("2025")})
		must(t, "CreateSource", err)
	}
	wantExpired := func(after, oldest uint64) {
		t.Helper()
		_, err := s.Changes(ctx, after, 5)
		var e *store.ExpiredError
		if !errors.As(err, &e) || !errors.Is(err, store.ErrExpired) || e.After != after || e.Oldest != oldest {
			t.Errorf("Changes(%d) = %v, want an ExpiredError{After: %d, Oldest: %d}", after, err, after, oldest)
		}
	}
	wantExpired(0, 16)
	wantExpired(14, 16)
	got := changesAfter(t, s, 15)
	if len(got) != 10 || got[0].Seq != 16 || got[0].Source.ID != "s15" {
		t.Errorf("after 15: %d changes from %v, want 10 from s15", len(got), got[0].Seq)
	}

	d := store.Dataset{}
	for i := range 30 {
		d.Sources = append(d.Sources, store.Source{ID: fmt.Sprintf("l%02d", i), Title: "L", Published: store.MustDate("2025")})
	}
	must(t, "Load 30 sources", s.Load(ctx, d))
	if h := head(t, s); h != 55 {
		t.Fatalf("head after 25 + 30 changes = %d", h)
	}
	wantExpired(44, 46)
	got = changesAfter(t, s, 45)
	if len(got) != 10 || got[0].Source.ID != "l20" || got[9].Source.ID != "l29" {
		t.Errorf("after 45: %d changes, want l20 to l29", len(got))
	}

	// A larger bound may be passed by a sixty-fourth before the oldest go
	// in a batch, and no more.
	s = open(t, 128)
	for i := range 300 {
		_, err := s.CreateSource(ctx, store.Source{ID: fmt.Sprintf("b%03d", i), Title: "B", Published: store.MustDate("2025")})
		must(t, "CreateSource", err)
	}
	if got := changesAfter(t, s, 300-128); len(got) != 128 {
		t.Errorf("the newest 128 changes: %d", len(got))
	}
	_, err := s.Changes(ctx, 300-128-2-1, 1)
	if !errors.Is(err, store.ErrExpired) {
		t.Errorf("300 changes with a bound of 128: Changes(169) = %v, want expired", err)
	}
}

// testFeedConcurrent: writers at once get a feed without gaps whose order
// is the order they committed in: a write that returned before another
// began has the smaller Seq.
func testFeedConcurrent(t *testing.T, open Opener) {
	s := open(t)
	ctx := t.Context()
	const writers, each = 4, 15
	type stamp struct{ started, done int64 }
	var clock atomic.Int64
	stamps := make(map[string]stamp)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				id := fmt.Sprintf("w%d-%02d", w, i)
				started := clock.Load()
				if _, err := s.CreateSource(ctx, store.Source{ID: id, Title: "W", Published: store.MustDate("2025")}); err != nil {
					t.Errorf("CreateSource(%s): %v", id, err)
					return
				}
				done := clock.Add(1)
				mu.Lock()
				stamps[id] = stamp{started, done}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	got := changesAfter(t, s, 0)
	if len(got) != writers*each {
		t.Fatalf("%d changes, want %d", len(got), writers*each)
	}
	seq := map[string]uint64{}
	for _, c := range got {
		seq[c.ItemID()] = c.Seq
	}
	for a, sa := range stamps {
		for b, sb := range stamps {
			// a returned (done) before b began: a committed first.
			if sa.done <= sb.started && seq[a] >= seq[b] {
				t.Errorf("%s returned before %s began, but has Seq %d >= %d", a, b, seq[a], seq[b])
			}
		}
	}
}

// testFeedLoadLarge: a load of more items than a store writes in one
// statement records them all, in id order, without a gap.
func testFeedLoadLarge(t *testing.T, open LimitOpener) {
	s := open(t, 10_000)
	const n = 6000
	var d store.Dataset
	for i := range n {
		d.Sources = append(d.Sources, store.Source{ID: fmt.Sprintf("large-%04d", i), Title: "L", Published: store.MustDate("2025")})
	}
	must(t, "Load", s.Load(t.Context(), d))
	after, seen := uint64(0), 0
	for {
		page, err := s.Changes(t.Context(), after, 1000)
		must(t, "Changes", err)
		for _, c := range page.Changes {
			if c.Seq != after+1 || c.Source == nil || c.Source.ID != fmt.Sprintf("large-%04d", seen) {
				t.Fatalf("change %d after %d is %v, want large-%04d", c.Seq, after, c.ItemID(), seen)
			}
			after, seen = c.Seq, seen+1
		}
		if !page.HasNext {
			break
		}
	}
	if seen != n {
		t.Errorf("%d changes, want %d", seen, n)
	}
}
