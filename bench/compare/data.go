package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	ecoNeo4j "github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/storetest"
	"github.com/ecograph/ecograph/internal/synth"
)

// world is one size's network and what the operations pick their
// arguments from.
type world struct {
	d synth.Config
	// byKind holds each kind's actor ids; countries with universities,
	// the ones the nested list and interface reads look in.
	byKind       map[store.Kind][]string
	uniCountries []string
	// busyEvents are the events with at least 50 PARTICIPATED_IN
	// relations (the 20 with the most, when fewer have 50).
	busyEvents []string
	names      []string // every actor's name, in d's order
	ids        []string
	// startups in the (sortKey, id) order of the actors list.
	startups []*store.Actor
	// adj is the floor's graph: actors as integers, each with its
	// neighbours (relations both ways, one entry per relation).
	index map[string]int32
	adj   [][]int32
	floor *floorNet // what the floor's answers are made of (floor.go)
}

func newWorld(cfg synth.Config, d store.Dataset) *world {
	w := &world{d: cfg, byKind: map[store.Kind][]string{}, index: make(map[string]int32, len(d.Actors))}
	hasUni := map[string]bool{}
	for i := range d.Actors {
		a := &d.Actors[i]
		w.byKind[a.Kind] = append(w.byKind[a.Kind], a.ID)
		w.ids = append(w.ids, a.ID)
		w.names = append(w.names, a.Name)
		if a.Kind == store.KindStartup {
			w.startups = append(w.startups, a)
		}
		w.index[a.ID] = int32(i)
		if a.Kind == store.KindUniversity && a.CountryID != "" {
			hasUni[a.CountryID] = true
		}
	}
	for _, c := range w.byKind[store.KindCountry] {
		if hasUni[c] {
			w.uniCountries = append(w.uniCountries, c)
		}
	}
	slices.SortFunc(w.startups, func(a, b *store.Actor) int {
		if c := strings.Compare(store.SortKey(a.Name), store.SortKey(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	participants := map[string]int{}
	for _, r := range d.Relations {
		if r.Type == store.ParticipatedIn {
			participants[r.To]++
		}
	}
	events := slices.Clone(w.byKind[store.KindEvent])
	slices.SortFunc(events, func(a, b string) int { return participants[b] - participants[a] })
	for i, id := range events {
		if participants[id] < 50 && i >= 20 {
			break
		}
		w.busyEvents = append(w.busyEvents, id)
	}
	w.adj = make([][]int32, len(d.Actors))
	for _, r := range d.Relations {
		f, t := w.index[r.From], w.index[r.To]
		w.adj[f] = append(w.adj[f], t)
		w.adj[t] = append(w.adj[t], f)
	}
	w.newFloorNet(d)
	return w
}

// neo4jConfig is the Neo4j that NEO4J_URI and the rest name.
func neo4jConfig() (ecoNeo4j.Config, error) {
	c := ecoNeo4j.Config{URI: os.Getenv("NEO4J_URI"), Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
	if c.URI == "" {
		return c, fmt.Errorf(`NEO4J_URI is not set: run scripts/bench-compare, or eval "$(scripts/neo4j start)" first`)
	}
	return c, nil
}

// benchPrefix starts the ids of every actor and relation the write
// operation makes, so that they can be deleted again.
const benchPrefix = "bench-w-"

// loadNeo4j makes the database hold d, through ecograph's own store: it
// deletes what an earlier run's writes left, and keeps the network when
// it is d already (as many actors, d's first and last relation and a
// middle actor of the same name), so that a rerun does not load again.
func loadNeo4j(ctx context.Context, c ecoNeo4j.Config, driver neo4j.DriverWithContext, d store.Dataset) error {
	if err := cleanWrites(ctx, driver, c.Database); err != nil {
		return err
	}
	s, err := ecoNeo4j.Open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	if holds(ctx, s, d) {
		fmt.Fprintf(os.Stderr, "compare: Neo4j holds the %d-actor network already\n", len(d.Actors))
		return nil
	}
	fmt.Fprintf(os.Stderr, "compare: loading %d actors and %d relations into Neo4j…\n", len(d.Actors), len(d.Relations))
	if err := wipe(ctx, driver, c.Database); err != nil {
		return err
	}
	took, err := storetest.LoadInChunks(ctx, s, d)
	if err != nil {
		return fmt.Errorf("loading Neo4j: %w", err)
	}
	fmt.Fprintf(os.Stderr, "compare: loaded Neo4j in %v\n", took.Round(time.Second))
	return nil
}

func holds(ctx context.Context, s *ecoNeo4j.Store, d store.Dataset) bool {
	page, err := s.Actors(ctx, store.ActorFilter{}, store.Page{First: 1})
	if err != nil || page.Total != len(d.Actors) || len(d.Relations) == 0 {
		return false
	}
	for _, r := range []store.Relation{d.Relations[0], d.Relations[len(d.Relations)-1]} {
		got, err := s.Relation(ctx, r.ID)
		if err != nil || got.From != r.From || got.To != r.To {
			return false
		}
	}
	mid := d.Actors[len(d.Actors)/2]
	a, err := s.Actor(ctx, mid.ID)
	return err == nil && a.Name == mid.Name
}

// wipe deletes every node and relationship, in bounded transactions.
func wipe(ctx context.Context, driver neo4j.DriverWithContext, db string) error {
	for _, q := range []string{
		"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		if err := autocommit(ctx, driver, db, q, nil); err != nil {
			return fmt.Errorf("emptying Neo4j: %w", err)
		}
	}
	return nil
}

// cleanWrites deletes the actors (with their names and relations) that
// the write operation made.
func cleanWrites(ctx context.Context, driver neo4j.DriverWithContext, db string) error {
	err := autocommit(ctx, driver, db, "MATCH (a:Actor) WHERE a.id STARTS WITH $p "+
		"CALL (a) { OPTIONAL MATCH (a)-[:NAMED]->(n:Name) DETACH DELETE n WITH DISTINCT a DETACH DELETE a } IN TRANSACTIONS OF 1000 ROWS",
		map[string]any{"p": benchPrefix})
	if err != nil {
		return fmt.Errorf("deleting the bench's writes: %w", err)
	}
	return nil
}

func autocommit(ctx context.Context, driver neo4j.DriverWithContext, db, q string, params map[string]any) error {
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer session.Close(context.Background())
	res, err := session.Run(ctx, q, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// loadEmbedded writes d into a new embedded store under dir and closes
// it, for an ecograph server to open; it returns the file's path.
func loadEmbedded(ctx context.Context, dir string, d store.Dataset) (string, error) {
	path := filepath.Join(dir, "ecograph.db")
	s, err := embedded.Open(path)
	if err != nil {
		return "", err
	}
	start := time.Now()
	if err := s.Load(ctx, d); err != nil {
		_ = s.Close()
		return "", fmt.Errorf("loading the embedded store: %w", err)
	}
	fmt.Fprintf(os.Stderr, "compare: loaded the embedded store in %v\n", time.Since(start).Round(100*time.Millisecond))
	return path, s.Close()
}
