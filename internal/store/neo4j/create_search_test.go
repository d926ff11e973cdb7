package neo4j_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/synth"
)

// TestCreatedActorsAreFoundAsEmbedded: actors made by creates that share
// one transaction (their names share words with each other and with the
// stored actors, so the batch both makes :Term nodes and links to those
// there are), and their relations, are found by search exactly as the
// embedded store finds the same actors created one call at a time: the
// same hits, names matched and scores, for whole names, typos and
// beginnings; and again after some of them are renamed and deleted.
func TestCreatedActorsAreFoundAsEmbedded(t *testing.T) {
	ctx := t.Context()
	d := synth.Generate(synth.Config{Actors: 700, Relations: 1400, Seed: 11})
	stored := store.Dataset{Sources: d.Sources}
	var fresh []store.Actor
	for _, a := range d.Actors {
		if a.Kind == store.KindCountry || len(stored.Actors) < 350 {
			stored.Actors = append(stored.Actors, a)
		} else if len(fresh) < 200 {
			fresh = append(fresh, a)
		}
	}
	em, n4 := bothStores(t, stored)
	// Twenty calls of ten actors, then one of the relations from them.
	var calls []store.Dataset
	for chunk := range slices.Chunk(fresh, 10) {
		calls = append(calls, store.Dataset{Actors: chunk})
	}
	made := map[string]bool{}
	for _, a := range fresh {
		made[a.ID] = true
	}
	var rels []store.Relation
	for _, r := range d.Relations {
		if made[r.From] && (made[r.To] || slices.ContainsFunc(stored.Actors, func(a store.Actor) bool { return a.ID == r.To })) && len(rels) < 60 {
			rels = append(rels, r)
		}
	}
	if len(rels) == 0 {
		t.Fatal("no relation from a created actor")
	}
	calls = append(calls, store.Dataset{Relations: rels})

	for _, c := range calls {
		if _, err := em.Create(ctx, c); err != nil {
			t.Fatalf("embedded Create: %v", err)
		}
	}
	n4s := n4.(interface {
		HoldCreates() func()
		CreatesQueued() int
		CreateTransactions() int64
	})
	before := n4s.CreateTransactions()
	release := n4s.HoldCreates()
	var wg sync.WaitGroup
	errs := make([]error, len(calls))
	for i, c := range calls[:len(calls)-1] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = n4.Create(ctx, c)
		}()
	}
	for deadline := time.Now().Add(10 * time.Second); n4s.CreatesQueued() < len(calls)-1; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d calls queued after 10s, want %d", n4s.CreatesQueued(), len(calls)-1)
		}
	}
	release()
	wg.Wait()
	if n := n4s.CreateTransactions() - before; n != 1 {
		t.Errorf("%d calls waiting together took %d transactions, want 1", len(calls)-1, n)
	}
	_, errs[len(calls)-1] = n4.Create(ctx, calls[len(calls)-1])
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Neo4j Create, call %d: %v", i, err)
		}
	}

	rng := rand.New(rand.NewPCG(11, 12))
	same := func(step string, actors []store.Actor) {
		t.Helper()
		for _, a := range actors {
			r := []rune(a.Name)
			texts := []string{a.Name, typo(rng, a.Name), string(r[:max(4, len(r)/2)])}
			for _, n := range a.Names {
				texts = append(texts, n.Value)
			}
			texts = append(texts, a.Aliases...)
			for _, text := range texts {
				q := store.SearchQuery{Text: text, First: 10}
				if want, got := searchHits(t, em, q), searchHits(t, n4, q); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: Search(%q):\nneo4j    %+v\nembedded %+v", step, text, got, want)
				}
			}
		}
	}
	same("created", fresh[:60])

	// A rename drops the old name's terms and links the new one's; a
	// delete leaves the terms to the others that have them.
	renamed := []store.Actor{}
	for i, a := range fresh[:20] {
		for _, s := range []store.Store{em, n4} {
			if i%2 == 0 {
				name := fresh[len(fresh)-1-i].Name + " Two"
				got, err := s.UpdateActor(ctx, a.ID, store.ActorPatch{Name: &name})
				if err != nil {
					t.Fatalf("UpdateActor: %v", err)
				}
				if s == n4 {
					renamed = append(renamed, *got)
				}
			} else if err := s.DeleteActor(ctx, a.ID); err != nil {
				t.Fatalf("DeleteActor: %v", err)
			}
		}
	}
	same("renamed", renamed)
	same("after deletes", fresh[:20])
}
