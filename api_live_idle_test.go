package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
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

// residentKB is a process's resident memory, from Linux's /proc.
func residentKB(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatalf("VmRSS %q: %v", rest, err)
			}
			return kb
		}
	}
	t.Fatal("no VmRSS in /proc status")
	return 0
}

// TestProcessIdleSubscriptionsFootprint measures what 1,000 idle
// subscriptions cost the server alone: the built binary serves them, and
// its resident memory is read before and after (Linux). The figure is
// logged for docs/live.md; the bound is loose, as resident memory counts
// what the runtime has not given back.
func TestProcessIdleSubscriptionsFootprint(t *testing.T) {
	embeddedOnly(t)
	if runtime.GOOS != "linux" {
		t.Skip("reads the server's resident memory from /proc")
	}
	const n = 1000
	bin := buildBinary(t)
	addr := freeAddr(t)
	p := startProcess(t, bin, []string{"ECOGRAPH_API_KEYS=" + testKey}, "serve", "--addr", addr, "--data", filepath.Join(t.TempDir(), "ecograph.db"))
	p.waitReady(t, addr)
	url := "ws://" + addr + "/graphql"
	query := `subscription { changes { itemId } }`
	dial := func() *wsClient {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c, _, err := dialWS(ctx, t, url, nil)
		if err != nil {
			t.Fatalf("opening a websocket: %v", err)
		}
		t.Cleanup(func() { _ = c.conn.CloseNow() })
		c.subscribe("changes", query, nil)
		return c
	}
	// One first, so that what every server has anyway (the feed hub's
	// reader, the code paths) is in the baseline.
	dial()
	time.Sleep(time.Second)
	before := residentKB(t, p.cmd.Process.Pid)
	clients := make([]*wsClient, n)
	for i := range clients {
		clients[i] = dial()
	}
	time.Sleep(2 * time.Second)
	after := residentKB(t, p.cmd.Process.Pid)
	per := (after - before) * 1024 / n
	t.Logf("the server's resident memory grew by %d KiB for %d idle subscriptions: %d bytes each", after-before, n, per)
	if per > 200<<10 {
		t.Errorf("%d bytes of resident memory per idle subscription, want under 200 KiB", per)
	}
	p.post(t, `mutation { createActor(input: {id: "process-idle", kind: STARTUP, name: "Idle"}) { id } }`, nil, testKey)
	for i, c := range clients {
		if r := c.next(30 * time.Second).response(t); len(r.Errors) > 0 || !strings.Contains(string(r.Data), "process-idle") {
			t.Fatalf("subscription %d: %s %+v", i, r.Data, r.Errors)
		}
	}
}
