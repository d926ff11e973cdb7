package embedded_test

// Writes, and reads while a writer waits for a long read, on the
// benchmarks' network of 100,000 actors and 500,000 relations:
//
//	go test ./internal/store/embedded -run '^$' -bench 'Write|Behind' -benchtime 200x

import (
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

// BenchmarkWrite: one write (a new actor, then a relation to it),
// committed and fsynced, and applied to memory.
func BenchmarkWrite(b *testing.B) {
	s, _ := loadAndReopen(b, storetest.BenchNetwork())
	storetest.BenchWrite(b, s, benchActorIDs(b, s)[0])
}

// BenchmarkActorBehindWaitingWriter: a plain actor read while a long read
// (a search at its deadline, held here) is inside and a write waits for
// it, as a request that reads one actor finds the store behind a slow one.
// With a sync.RWMutex the read waited for the long read to end.
func BenchmarkActorBehindWaitingWriter(b *testing.B) {
	s, _ := loadAndReopen(b, storetest.BenchNetwork())
	ctx := b.Context()
	ids := benchActorIDs(b, s)
	release, err := embedded.HoldLongReadForTest(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	written := make(chan error, 1)
	go func() {
		_, err := s.CreateActor(ctx, store.Actor{ID: "bench-queued", Kind: store.KindStartup, Name: "Bench Queued"})
		written <- err
	}()
	for !embedded.WriterWaitingForTest(s) {
		time.Sleep(time.Millisecond)
	}
	i := 0
	for b.Loop() {
		i++
		if _, err := s.Actor(ctx, ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	release()
	if err := <-written; err != nil {
		b.Fatal(err)
	}
}

// benchActorIDs returns the ids of the first actors in name order.
func benchActorIDs(b *testing.B, s *embedded.Store) []string {
	page, err := s.Actors(b.Context(), store.ActorFilter{}, store.Page{First: 100})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(page.Actors))
	for i, a := range page.Actors {
		ids[i] = a.ID
	}
	return ids
}
