package neo4j_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

// TestCreateCallsShareATransaction: calls of Create and CreateActor that
// wait together go in one transaction, and each still gets its own answer: the valid ones
// written, the refused one its error (storetest's CreateConcurrent checks
// the feed and the races).
func TestCreateCallsShareATransaction(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := t.Context()
	if err := s.Load(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	release := s.HoldCreates()
	const calls = 16
	errs := make([]error, calls)
	var wg sync.WaitGroup
	for i := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := store.Actor{ID: fmt.Sprintf("shared-%d", i), Kind: store.KindStartup, Name: fmt.Sprintf("Shared %d", i)}
			if i == 7 {
				a.Name = "" // refused, alone
			}
			if i%2 == 0 {
				_, errs[i] = s.Create(ctx, store.Dataset{Actors: []store.Actor{a}})
			} else {
				_, errs[i] = s.CreateActor(ctx, a)
			}
		}()
	}
	for deadline := time.Now().Add(10 * time.Second); s.CreatesQueued() < calls; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d calls queued after 10s, want %d", s.CreatesQueued(), calls)
		}
	}
	release()
	wg.Wait()
	if n := s.CreateTransactions(); n != 1 {
		t.Errorf("%d calls waiting together took %d transactions, want 1", calls, n)
	}
	for i, err := range errs {
		_, getErr := s.Actor(ctx, fmt.Sprintf("shared-%d", i))
		switch {
		case i == 7 && (!errors.Is(err, store.ErrInvalid) || !errors.Is(getErr, store.ErrNotFound)):
			t.Errorf("the call without a name: %v, and then Actor: %v; want it refused and not written", err, getErr)
		case i != 7 && (err != nil || getErr != nil):
			t.Errorf("call %d: %v, and then Actor: %v", i, err, getErr)
		}
	}
}
