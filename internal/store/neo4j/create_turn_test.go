package neo4j_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

// TestCreateIsTwoStatements: the harness's write (10 organisations and a
// relation from each) is two statements and the commit: the version's
// lock with the look-up of its ids, then its records with its changes,
// which the feed then holds, in order.
func TestCreateIsTwoStatements(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := t.Context()
	if err := s.Load(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	head, err := s.Changes(ctx, 1<<62, 1)
	if err != nil {
		t.Fatal(err)
	}
	before := neo4j.QueryCount()
	if _, err := s.Create(ctx, storetest.CreateBatch("turn", 1, "it-park")); err != nil {
		t.Fatal(err)
	}
	if n := neo4j.QueryCount() - before; n != 2 {
		t.Errorf("a Create of 10 actors and 10 relations ran %d statements, want 2", n)
	}
	page, err := s.Changes(ctx, head.Head, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Changes) != 20 || page.Changes[0].ItemID() != "turn-1-0" || page.Changes[19].ItemID() != "turn-1-9-r" {
		t.Errorf("the feed after the Create holds %d changes (%v), want its 10 actors then its 10 relations", len(page.Changes), page.Changes)
	}
}

// TestFeedKeepsItsBoundAtEachWrite: a write that takes the feed past its
// bound deletes the oldest changes beyond it in its own transaction, not
// a batch of them some writes later (whose time was the harness's p99).
func TestFeedKeepsItsBoundAtEachWrite(t *testing.T) {
	const limit = 1280
	s := openWithFeedLimit(t, limit)
	ctx := t.Context()
	var d store.Dataset
	for i := range limit {
		d.Actors = append(d.Actors, store.Actor{ID: fmt.Sprintf("bound-%d", i), Kind: store.KindStartup, Name: fmt.Sprintf("Bound %d", i)})
	}
	if err := s.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	// Until the fifth pass of issue 14 these wrote past the bound and
	// deleted nothing: the oldest went 20 at a time (a sixty-fourth of it).
	for i := range 3 {
		if _, err := s.CreateActor(ctx, store.Actor{ID: fmt.Sprintf("past-%d", i), Kind: store.KindStartup, Name: "Past"}); err != nil {
			t.Fatal(err)
		}
		head := uint64(limit + i + 1)
		oldest := head - limit + 1
		page, err := s.Changes(ctx, oldest-1, 1)
		if err != nil || len(page.Changes) != 1 || page.Changes[0].Seq != oldest || page.Head != head {
			t.Fatalf("write %d: Changes(%d, 1) = %+v, %v; want change %d of head %d", i, oldest-1, page, err, oldest, head)
		}
		var expired *store.ExpiredError
		if _, err := s.Changes(ctx, oldest-2, 1); !errors.As(err, &expired) || expired.Oldest != oldest {
			t.Errorf("write %d: Changes(%d, 1) = %v, want expired, the oldest kept %d", i, oldest-2, err, oldest)
		}
	}
}
