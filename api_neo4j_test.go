package main

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/config"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
)

// neo4jScript runs scripts/neo4j with one argument, as a developer would.
func neo4jScript(t *testing.T, arg string) {
	t.Helper()
	root, _ := os.Getwd()
	cmd := exec.Command(filepath.Join(root, "scripts", "neo4j"), arg)
	cmd.Stderr = os.Stderr
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("scripts/neo4j %s: %v\n%s", arg, err, out)
	}
}

// TestNeo4jDownAndBack stops the Neo4j server under a running API: while
// it is down /readyz is 503 and queries fail fast with UNAVAILABLE; once it
// is back the same process answers again, without a restart, and every
// write acknowledged before the stop is there.
func TestNeo4jDownAndBack(t *testing.T) {
	if testStore() != config.StoreNeo4j {
		t.Skip("about the Neo4j store; runs in the Neo4j pass (ECOGRAPH_TEST_STORE=neo4j)")
	}
	api := startAPI(t, nil)
	var ids []string
	for i := range 20 {
		var got struct{ CreateActor struct{ ID string } }
		in := startupInput("")
		in["input"].(map[string]any)["id"] = nil
		in["input"].(map[string]any)["name"] = "Acknowledged startup " + string(rune('A'+i))
		api.mutate(createStartup, in, &got)
		ids = append(ids, got.CreateActor.ID)
	}

	neo4jScript(t, "stop")
	stopped := true
	t.Cleanup(func() {
		if stopped {
			neo4jScript(t, "start")
		}
	})
	if got := api.status("/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("readyz with Neo4j down: %d, want 503", got)
	}
	start := time.Now()
	r := api.post(`{ actor(id: "soonchunhyang-university") { name } }`, nil, "")
	wantError(t, r, "UNAVAILABLE", "Neo4j")
	if took := time.Since(start); took > api.cfg.RequestTimeout+2*time.Second {
		t.Errorf("a query with Neo4j down took %v, more than the request deadline %v", took, api.cfg.RequestTimeout)
	}
	r = api.post(createStartup, startupInput("written-while-down"), testKey)
	wantError(t, r, "UNAVAILABLE")

	neo4jScript(t, "start")
	stopped = false
	deadline := time.Now().Add(60 * time.Second)
	for api.status("/readyz") != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("readyz is not 200 a minute after Neo4j came back")
		}
		time.Sleep(500 * time.Millisecond)
	}
	for _, id := range ids {
		if !api.actorExists(id) {
			t.Errorf("actor %s, acknowledged before Neo4j stopped, is gone", id)
		}
	}
	if api.actorExists("written-while-down") {
		t.Error("a write refused while Neo4j was down is there")
	}
}

// TestProcessServesFromNeo4j runs the binary as the README says, with
// --store neo4j and the variables scripts/neo4j prints: it loads the seed
// network into the empty database once, serves it, and shuts down cleanly.
func TestProcessServesFromNeo4j(t *testing.T) {
	if testStore() != config.StoreNeo4j {
		t.Skip("about the Neo4j store; runs in the Neo4j pass (ECOGRAPH_TEST_STORE=neo4j)")
	}
	neo4jtest.Open(t) // an empty database, to ourselves
	bin := buildBinary(t)
	for round, wantSeedLine := range []bool{true, false} {
		addr := freeAddr(t)
		p := startProcess(t, bin, nil, "serve", "--store", "neo4j", "--addr", addr)
		p.waitReady(t, addr)
		got := p.query(t, `{ search(text: "SCH") { actor { id } } }`)
		data, _ := got["data"].(map[string]any)
		hits, _ := data["search"].([]any)
		if len(hits) == 0 || hits[0].(map[string]any)["actor"].(map[string]any)["id"] != schID {
			t.Fatalf("round %d: search SCH = %v\n%s", round, got, p.out)
		}
		if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := p.cmd.Wait(); err != nil {
			t.Fatalf("round %d: exit after SIGTERM: %v\n%s", round, err, p.out)
		}
		if seeded := strings.Contains(p.out.String(), "loaded the seed network"); seeded != wantSeedLine {
			t.Errorf("round %d: seeded = %v, want %v (the seed loads only into a database without ecograph data)\n%s", round, seeded, wantSeedLine, p.out)
		}
	}
}
