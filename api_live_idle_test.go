package main

import (
	"encoding/json"
	"runtime"
	"testing"
	"time"
)

// liveFootprint is what the process holds, measured after a collection.
type liveFootprint struct {
	heap, stack uint64
	goroutines  int
}

func measureFootprint() liveFootprint {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return liveFootprint{heap: m.HeapInuse, stack: m.StackInuse, goroutines: runtime.NumGoroutine()}
}

// TestLiveThousandIdleSubscriptions opens 1,000 websockets, each with one
// subscription to the change feed, lets them idle, and checks that they
// all stay open and all receive the event of one write; that the heap
// grows by less than 100 KiB per subscription (the Go clients' side
// included, in this process); and that closing them gives back their
// goroutines. The figures are logged (go test -v -run
// TestLiveThousandIdleSubscriptions .) for docs/live.md.
func TestLiveThousandIdleSubscriptions(t *testing.T) {
	const n = 1000
	api := startAPI(t, nil)
	head := api.changesHead()
	before := measureFootprint()

	clients := make([]*wsClient, n)
	start := time.Now()
	for i := range clients {
		clients[i] = mustDialWS(t, api)
		clients[i].subscribe("changes", `subscription($after: String) { changes(after: $after) { cursor itemId } }`, map[string]any{"after": head})
	}
	opened := time.Since(start)
	// Idle, with every subscription waiting on the feed.
	time.Sleep(2 * time.Second)
	idle := measureFootprint()
	heapPer := (int64(idle.heap) - int64(before.heap)) / n
	stackPer := (int64(idle.stack) - int64(before.stack)) / n
	goroutinesPer := float64(idle.goroutines-before.goroutines) / n
	t.Logf("%d idle subscriptions (one websocket each), opened in %s: heap %+d B, stacks %+d B, %.1f goroutines per subscription, the Go client's side included",
		n, opened.Round(time.Millisecond), heapPer, stackPer, goroutinesPer)
	if heapPer > 100<<10 {
		t.Errorf("the heap grew by %d bytes per idle subscription, want under 100 KiB", heapPer)
	}

	id := "live-idle-startup"
	api.mutate(`mutation($id: ID!) { createActor(input: {id: $id, kind: STARTUP, name: "Idle Startup"}) { id } }`, map[string]any{"id": id}, nil)
	start = time.Now()
	for i, c := range clients {
		r := c.next(30 * time.Second).response(t)
		var got struct {
			Changes struct {
				ItemID string `json:"itemId"`
			} `json:"changes"`
		}
		if len(r.Errors) > 0 || json.Unmarshal(r.Data, &got) != nil || got.Changes.ItemID != id {
			t.Fatalf("subscription %d got %s %+v, want the change to %s", i, r.Data, r.Errors, id)
		}
	}
	t.Logf("all %d received the write's event within %s", n, time.Since(start).Round(time.Millisecond))

	for _, c := range clients {
		_ = c.conn.CloseNow()
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		now := measureFootprint()
		if now.goroutines <= before.goroutines+10 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("closed subscriptions left goroutines: %d before, %d after", before.goroutines, now.goroutines)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
