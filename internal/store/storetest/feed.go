package storetest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
)

// LimitOpener returns a new, empty store whose change feed keeps the
// newest limit changes, as Opener does.
type LimitOpener func(t *testing.T, limit int) store.Store

// RunFeed runs the change feed's part of the contract: every write kind
// records its changes, in order, with the item as stored and the author;
// a refused or idle write records none; paging; the bound; concurrent
// writers. Run it under -race.
func RunFeed(t *testing.T, open LimitOpener) {
	big := func(t *testing.T) store.Store { return open(t, 1000) }
	t.Run("Writes", func(t *testing.T) { testFeedWrites(t, big) })
	t.Run("DeleteActor", func(t *testing.T) { testFeedDeleteActor(t, big) })
	t.Run("Load", func(t *testing.T) { testFeedLoad(t, big) })
	t.Run("LoadLarge", func(t *testing.T) { testFeedLoadLarge(t, open) })
	t.Run("Refused", func(t *testing.T) { testFeedRefused(t, big) })
	t.Run("Paging", func(t *testing.T) { testFeedPaging(t, big) })
	t.Run("Bounded", func(t *testing.T) { testFeedBounded(t, open) })
	t.Run("Concurrent", func(t *testing.T) { testFeedConcurrent(t, big) })
}

// want is an expected change: what, the item's type and id.
type want struct {
	op  store.Operation
	typ string
	id  string
}

func (w want) String() string { return fmt.Sprintf("%s %s %s", w.op, w.typ, w.id) }

func wantOf(c *store.Change) want {
	typ := "?"
	switch {
	case c.Actor != nil:
		typ = "actor"
	case c.Relation != nil:
		typ = "relation"
	case c.Source != nil:
		typ = "source"
	}
	return want{c.Op, typ, c.ItemID()}
}

// changesAfter reads every change after after, a page of 3 at a time,
// checking that the Seqs run on from after without a gap.
func changesAfter(t *testing.T, s store.Store, after uint64) []store.Change {
	t.Helper()
	var out []store.Change
	for {
		page, err := s.Changes(t.Context(), after, 3)
		must(t, fmt.Sprintf("Changes(%d, 3)", after), err)
		for _, c := range page.Changes {
			if c.Seq != after+1 {
				t.Fatalf("Changes: Seq %d follows %d", c.Seq, after)
			}
			after = c.Seq
		}
		out = append(out, page.Changes...)
		if !page.HasNext {
			if page.Head != after {
				t.Errorf("the last page's Head = %d, want %d", page.Head, after)
			}
			return out
		}
		if len(page.Changes) != 3 {
			t.Fatalf("a page with HasNext holds %d changes, want 3", len(page.Changes))
		}
	}
}

// head is the Seq of the newest change.
func head(t *testing.T, s store.Store) uint64 {
	t.Helper()
	page, err := s.Changes(t.Context(), 1<<62, 1)
	must(t, "Changes(head)", err)
	return page.Head
}

// recorded checks that the changes after after are ws, in order, all at
// one time between from and to and by author, and returns them.
func recorded(t *testing.T, s store.Store, what string, after uint64, from, to time.Time, author store.Author, ws ...want) []store.Change {
	t.Helper()
	got := changesAfter(t, s, after)
	gotW := make([]want, len(got))
	for i := range got {
		gotW[i] = wantOf(&got[i])
	}
	if !slices.Equal(gotW, ws) {
		t.Fatalf("%s recorded\n %v\nwant\n %v", what, gotW, ws)
	}
	for _, c := range got {
		if c.Author != author {
			t.Errorf("%s: change %d's author is %+v, want %+v", what, c.Seq, c.Author, author)
		}
		if !c.At.Equal(got[0].At) {
			t.Errorf("%s: change %d at %v, the first at %v: one write, one time", what, c.Seq, c.At, got[0].At)
		}
		// The store's clock may be another machine's (Neo4j): a second's
		// leeway either side.
		if c.At.Before(from.Add(-time.Second)) || c.At.After(to.Add(time.Second)) || c.At.Location() != time.UTC || c.At.Nanosecond()%int(time.Millisecond) != 0 {
			t.Errorf("%s: change %d at %v, want a UTC time to the millisecond between %v and %v", what, c.Seq, c.At, from, to)
		}
	}
	return got
}

var editor = store.Author{Role: "editor", Subject: "jwt:alice"}

func testFeedWrites(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := store.WithAuthor(t.Context(), editor)
	// step runs one write and checks what it recorded.
	step := func(what string, write func() error, ws ...want) []store.Change {
		t.Helper()
		after := head(t, s)
		from := time.Now()
		must(t, what, write())
		return recorded(t, s, what, after, from, time.Now(), editor, ws...)
	}

	got := step("CreateSource", func() error {
		_, err := s.CreateSource(ctx, store.Source{ID: "src-feed", Title: "Feed", Published: store.MustDate("2025-03"), Lang: "en"})
		return err
	}, want{store.Created, "source", "src-feed"})
	stored, err := s.Source(ctx, "src-feed")
	must(t, "Source", err)
	if !reflect.DeepEqual(got[0].Source, stored) {
		t.Errorf("the change's source %+v, stored %+v", got[0].Source, stored)
	}

	var created *store.Actor
	got = step("CreateActor", func() (err error) {
		created, err = s.CreateActor(ctx, store.Actor{ID: "feed-startup", Kind: store.KindStartup, Name: "Feed Startup", CountryID: "uz",
			Aliases: []string{"FS"}, Citations: []store.Citation{{SourceID: "src-feed", Excerpt: "x"}}})
		return err
	}, want{store.Created, "actor", "feed-startup"})
	sameActor(t, "the change of CreateActor", got[0].Actor, *created)

	got = step("UpdateActor", func() error {
		_, err := s.UpdateActor(ctx, created.ID, store.ActorPatch{Name: ptr("Feed Startup Renamed")})
		return err
	}, want{store.Updated, "actor", created.ID})
	a, err := s.Actor(ctx, created.ID)
	must(t, "Actor", err)
	sameActor(t, "the change of UpdateActor", got[0].Actor, *a)

	// An edit worked out from what is stored, as the names mutations make.
	got = step("UpdateActor with Edit", func() error {
		_, err := s.UpdateActor(ctx, created.ID, store.ActorPatch{Edit: func(a *store.Actor) error {
			a.Names = append(slices.Clip(a.Names), store.LocalizedName{Value: "Фид", Lang: "ru"})
			return nil
		}})
		return err
	}, want{store.Updated, "actor", created.ID})
	if n := got[0].Actor.Names; len(n) != 1 || n[0].Value != "Фид" {
		t.Errorf("the change of the edit has names %+v", n)
	}

	step("UpdateActor that changes nothing", func() error {
		_, err := s.UpdateActor(ctx, created.ID, store.ActorPatch{Name: ptr("Feed Startup Renamed")})
		return err
	})

	var rel *store.Relation
	got = step("CreateRelation", func() (err error) {
		rel, err = s.CreateRelation(ctx, store.Relation{ID: "feed-startup-in-uz", Type: store.LocatedIn, From: created.ID, To: "uz", Since: store.MustDate("2024"), Note: "n"})
		return err
	}, want{store.Created, "relation", "feed-startup-in-uz"})
	sameRelation(t, "the change of CreateRelation", got[0].Relation, *rel)

	got = step("DeleteRelation", func() error { return s.DeleteRelation(ctx, rel.ID) },
		want{store.Deleted, "relation", rel.ID})
	sameRelation(t, "the change of DeleteRelation", got[0].Relation, *rel)

	// Without an author in the context: a zero author.
	after := head(t, s)
	from := time.Now()
	_, err = s.CreateSource(t.Context(), store.Source{ID: "src-anon", Title: "Anon", Published: store.MustDate("2025")})
	must(t, "CreateSource without an author", err)
	recorded(t, s, "CreateSource without an author", after, from, time.Now(), store.Author{}, want{store.Created, "source", "src-anon"})
}

// testFeedDeleteActor: deleting a country records its relations deleted,
// the actors located in it updated (no country), then itself deleted,
// each as it was or became.
func testFeedDeleteActor(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := store.WithAuthor(t.Context(), store.Author{Role: "admin", Subject: "api-key:0123abcd"})
	kr, err := s.Actor(ctx, "kr")
	must(t, "Actor(kr)", err)
	var ws []want
	rels := map[string]*store.Relation{}
	page, err := s.Relations(ctx, "kr", store.RelationFilter{}, store.Page{First: 100})
	must(t, "Relations(kr)", err)
	for _, e := range page.Edges {
		rels[e.Relation.ID] = e.Relation
	}
	for _, id := range slices.Sorted(mapsKeys(rels)) {
		ws = append(ws, want{store.Deleted, "relation", id})
	}
	located := map[string]store.Actor{}
	in, err := s.Actors(ctx, store.ActorFilter{Country: "kr"}, store.Page{First: 100})
	must(t, "Actors(country kr)", err)
	for _, a := range in.Actors {
		b := *a
		b.CountryID = ""
		located[a.ID] = b
	}
	for _, id := range slices.Sorted(mapsKeys(located)) {
		ws = append(ws, want{store.Updated, "actor", id})
	}
	ws = append(ws, want{store.Deleted, "actor", "kr"})
	if len(rels) == 0 || len(located) == 0 {
		t.Fatal("the fixture's kr has no relations or no actors in it")
	}

	after := head(t, s)
	from := time.Now()
	must(t, "DeleteActor(kr)", s.DeleteActor(ctx, "kr"))
	got := recorded(t, s, "DeleteActor(kr)", after, from, time.Now(), store.Author{Role: "admin", Subject: "api-key:0123abcd"}, ws...)
	for _, c := range got {
		switch {
		case c.Relation != nil:
			sameRelation(t, "a deleted relation", c.Relation, *rels[c.Relation.ID])
		case c.Actor != nil && c.Op == store.Updated:
			sameActor(t, "an actor located in kr", c.Actor, located[c.Actor.ID])
		case c.Actor != nil:
			sameActor(t, "the deleted actor", c.Actor, *kr)
		}
	}
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// testFeedLoad: a load records its sources, actors and relations, each
// in id order, CREATED or UPDATED; loaded again it records nothing; a
// load that changes one actor records that one.
func testFeedLoad(t *testing.T, open Opener) {
	s := open(t)
	d := Fixture()
	var ws []want
	for _, src := range sortedBy(d.Sources, func(s store.Source) string { return s.ID }) {
		ws = append(ws, want{store.Created, "source", src.ID})
	}
	for _, a := range sortedBy(d.Actors, func(a store.Actor) string { return a.ID }) {
		ws = append(ws, want{store.Created, "actor", a.ID})
	}
	for _, r := range sortedBy(d.Relations, func(r store.Relation) string { return r.ID }) {
		ws = append(ws, want{store.Created, "relation", r.ID})
	}
	if h := head(t, s); h != 0 {
		t.Fatalf("an empty store's feed has head %d, want 0", h)
	}
	from := time.Now()
	must(t, "Load", s.Load(t.Context(), d))
	got := recorded(t, s, "Load", 0, from, time.Now(), store.Author{}, ws...)
	if got[0].Seq != 1 {
		t.Errorf("the first change has Seq %d, want 1", got[0].Seq)
	}
	for _, c := range got {
		if c.Actor != nil {
			stored, err := s.Actor(t.Context(), c.Actor.ID)
			must(t, "Actor", err)
			sameActor(t, "a loaded actor's change", c.Actor, *stored)
		}
	}

	h := head(t, s)
	must(t, "Load again", s.Load(t.Context(), Fixture()))
	if after := head(t, s); after != h {
		t.Errorf("loading the fixture again recorded changes %d to %d", h+1, after)
	}

	d = Fixture()
	for i := range d.Actors {
		if d.Actors[i].ID == "uzum" {
			d.Actors[i].Description = "Changed."
		}
	}
	d.Sources[0].Title = "Retitled"
	from = time.Now()
	must(t, "Load with changes", s.Load(t.Context(), d))
	recorded(t, s, "Load with changes", h, from, time.Now(), store.Author{},
		want{store.Updated, "source", d.Sources[0].ID}, want{store.Updated, "actor", "uzum"})
}

func sortedBy[T any](items []T, key func(T) string) []T {
	return slices.SortedFunc(slices.Values(items), func(a, b T) int { return cmp.Compare(key(a), key(b)) })
}

// testFeedRefused: writes refused or failed record nothing and wake no
// one; a write that commits wakes whoever waits on Committed.
func testFeedRefused(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := t.Context()
	h := head(t, s)
	committed := s.Committed()
	refused := map[string]error{
		"CreateActor with a taken id": second(s.CreateActor(ctx, store.Actor{ID: "uz", Kind: store.KindCountry, Name: "Again"})),
		"CreateActor invalid":         second(s.CreateActor(ctx, store.Actor{ID: "x", Kind: "NOPE", Name: "X"})),
		"UpdateActor of nothing":      second(s.UpdateActor(ctx, "nobody", store.ActorPatch{Name: ptr("N")})),
		"UpdateActor whose Edit fails": second(s.UpdateActor(ctx, "uzum", store.ActorPatch{Name: ptr("N"), Edit: func(*store.Actor) error {
			return store.Invalid("names", "refused")
		}})),
		"DeleteActor of nothing":         s.DeleteActor(ctx, "nobody"),
		"CreateRelation to nothing":      second(s.CreateRelation(ctx, store.Relation{Type: store.LocatedIn, From: "uzum", To: "nowhere"})),
		"DeleteRelation of nothing":      s.DeleteRelation(ctx, "nothing"),
		"CreateSource with a taken id":   second(s.CreateSource(ctx, store.Source{ID: "uzum", Title: "T", Published: store.MustDate("2025")})),
		"Load with one bad record":       s.Load(ctx, store.Dataset{Actors: []store.Actor{{ID: "ok-1", Kind: store.KindStartup, Name: "OK"}, {ID: "bad", Kind: store.KindStartup}}}),
		"CreateActor after its deadline": second(s.CreateActor(expired(ctx), store.Actor{ID: "late", Kind: store.KindStartup, Name: "Late"})),
	}
	for what, err := range refused {
		if err == nil {
			t.Errorf("%s was not refused", what)
		}
	}
	if after := head(t, s); after != h {
		t.Errorf("refused writes recorded changes %d to %d", h+1, after)
	}
	select {
	case <-committed:
		t.Error("refused writes closed Committed's channel")
	default:
	}
	_, err := s.CreateSource(ctx, store.Source{ID: "src-wake", Title: "Wake", Published: store.MustDate("2025")})
	must(t, "CreateSource", err)
	select {
	case <-committed:
	case <-time.After(5 * time.Second):
		t.Error("a write committed and Committed's channel is still open 5s later")
	}
}

func expired(ctx context.Context) context.Context {
	ctx, cancel := context.WithDeadline(ctx, time.Now().Add(-time.Second))
	cancel()
	return ctx
}

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
