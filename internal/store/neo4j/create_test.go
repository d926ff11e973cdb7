package neo4j_test

import (
	"context"
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

// TestCreateKeepsItsDeadlineInTheQueue: a call whose deadline passes while
// it waits for a transaction is answered at its deadline, leaves the
// queue and is not written; the call beside it is.
func TestCreateKeepsItsDeadlineInTheQueue(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := t.Context()
	release := s.HoldCreates()
	done := make(chan error, 1)
	go func() {
		_, err := s.CreateActor(ctx, store.Actor{ID: "patient", Kind: store.KindStartup, Name: "Patient"})
		done <- err
	}()
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := s.CreateActor(short, store.Actor{ID: "hasty", Kind: store.KindStartup, Name: "Hasty"})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Errorf("a call held in the queue past its 300ms deadline: %v after %v; want its deadline at once", err, time.Since(start))
	}
	if n := s.CreatesQueued(); n != 1 {
		t.Errorf("%d calls queued after one left at its deadline, want 1", n)
	}
	release()
	if err := <-done; err != nil {
		t.Fatalf("the patient call: %v", err)
	}
	if _, err := s.Actor(ctx, "hasty"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the call that left at its deadline was written (Actor: %v)", err)
	}
	if _, err := s.Actor(ctx, "patient"); err != nil {
		t.Errorf("the patient call's actor: %v", err)
	}
}
