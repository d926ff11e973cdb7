// Package neo4jtest gives tests a real Neo4j store: the server that
// NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD name (scripts/neo4j start
// prints them), emptied for each test.
//
// Neo4j Community has one database, so tests that use it take turns:
// Open holds a lock, shared by every test process on the machine, until
// the test ends. In CI (CI=true) a missing NEO4J_URI fails the test; on a
// developer's machine it skips it, saying how to start a server.
package neo4jtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
	ecoNeo4j "github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

// Config is the server's configuration from the environment; it skips or
// fails t when there is none.
func Config(t testing.TB) ecoNeo4j.Config {
	t.Helper()
	c := ecoNeo4j.Config{
		URI:      os.Getenv("NEO4J_URI"),
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	if c.URI == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_URI is not set: in CI the Neo4j tests must run (scripts/test starts Neo4j)")
		}
		t.Skip(`NEO4J_URI is not set: run eval "$(scripts/neo4j start)" first, or scripts/test, which does`)
	}
	return c
}

// Emptied returns the test server's configuration with its database
// emptied of every node. The test holds the server to itself.
func Emptied(t testing.TB) ecoNeo4j.Config {
	t.Helper()
	c := Config(t)
	Lock(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := Wipe(ctx, c); err != nil {
		t.Fatalf("emptying the test database: %v", err)
	}
	return c
}

// Open returns a store on the test server, emptied of every node, and
// closes it when the test ends. The test holds the server to itself.
func Open(t testing.TB) *ecoNeo4j.Store {
	t.Helper()
	c := Emptied(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := ecoNeo4j.Open(ctx, c)
	if err != nil {
		t.Fatalf("neo4j.Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// OpenAsIs returns a store on the test server as it is, not emptied, for
// benchmarks that keep their network from one run to the next.
func OpenAsIs(t testing.TB) *ecoNeo4j.Store {
	t.Helper()
	c := Config(t)
	Lock(t)
	s, err := ecoNeo4j.Open(context.Background(), c)
	if err != nil {
		t.Fatalf("neo4j.Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Holding returns a store on the test server holding d, as benchmarks
// want it: loaded by an earlier run and kept (as many actors, and d's last
// relation), or else loaded now, in chunks, into the emptied database.
func Holding(b testing.TB, d store.Dataset) *ecoNeo4j.Store {
	b.Helper()
	ctx := context.Background()
	s := OpenAsIs(b)
	page, err := s.Actors(ctx, store.ActorFilter{}, store.Page{First: 1})
	if err == nil && page.Total == len(d.Actors) && len(d.Relations) > 0 {
		if _, err := s.Relation(ctx, d.Relations[len(d.Relations)-1].ID); err == nil {
			return s
		}
	}
	if err := Wipe(ctx, Config(b)); err != nil {
		b.Fatal(err)
	}
	took, err := storetest.LoadInChunks(ctx, s, d)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "neo4j: loaded %d actors and %d relations in %v\n", len(d.Actors), len(d.Relations), took.Round(time.Second))
	return s
}

// Wipe deletes every node and relationship of the database.
func Wipe(ctx context.Context, c ecoNeo4j.Config) error {
	driver, err := neo4j.NewDriverWithContext(c.URI, neo4j.BasicAuth(c.Username, c.Password, ""))
	if err != nil {
		return err
	}
	defer driver.Close(context.Background())
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: c.Database})
	defer session.Close(context.Background())
	// Relationships first, then nodes, each in bounded transactions: a
	// country of the benchmark network alone has tens of thousands of
	// relationships, more than one transaction may hold.
	for _, q := range []string{
		"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		res, err := session.Run(ctx, q, nil)
		if err != nil {
			return err
		}
		if _, err := res.Consume(ctx); err != nil {
			return err
		}
	}
	return nil
}

var held struct {
	sync.Mutex
	n int
	f *os.File
}

// Lock holds the machine-wide test lock on the server until t ends.
// Tests of one process share it; tests of other processes on the same
// server wait (those on another server, another port, do not).
func Lock(t testing.TB) {
	t.Helper()
	held.Lock()
	defer held.Unlock()
	if held.n == 0 {
		f, err := os.OpenFile(lockPath(os.Getenv("NEO4J_URI")), os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			_ = f.Close()
			t.Fatal(err)
		}
		held.f = f
	}
	held.n++
	t.Cleanup(func() {
		held.Lock()
		defer held.Unlock()
		if held.n--; held.n == 0 {
			_ = held.f.Close() // closing releases the lock
			held.f = nil
		}
	})
}

// lockPath is the lock file of the server at uri: one per host and port.
func lockPath(uri string) string {
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' {
			return r
		}
		return '-'
	}, uri)
	return filepath.Join(os.TempDir(), "ecograph-neo4j-test-"+name+".lock")
}
