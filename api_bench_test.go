package main

// The API benchmarks send GraphQL requests through the whole handler
// (HTTP routing, limits, gqlgen, resolvers, dataloaders, the embedded
// store) on a synthetic network of 100,000 actors and 500,000 relations,
// generated and loaded once per process:
//
//	go test . -run '^$' -bench API -benchtime 200x
//
// and on Neo4j (started by scripts/neo4j; the network stays loaded there):
//
//	ECOGRAPH_TEST_STORE=neo4j go test . -run '^$' -bench API -benchtime 200x
//
// ECOGRAPH_BENCH_RELATIONS sets the network's size (storetest.BenchSize),
// to measure how the answers' times grow:
//
//	ECOGRAPH_BENCH_RELATIONS=5000000 go test . -run '^$' -bench API -benchtime 200x -timeout 60m
//
// Each benchmark reports cpu-ns/op beside ns/op: the process's CPU time
// per request, the collector's included, which a machine's other load
// stretches much less than the wall clock.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/config"
	"github.com/ecograph/ecograph/internal/cputime"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

var benchAPI struct {
	once      sync.Once
	handler   http.Handler
	ids       []string
	names     []string
	countries []string
	floor     *floorGraph
	err       error
}

// benchHandler is serve's handler over the synthetic network
// (storetest.BenchSize). The dataset is not kept once loaded, as a server
// keeps none: only the ids and names the benchmarks pick from, and the
// network as int32 arrays for BenchmarkFloor.
func benchHandler(b *testing.B) http.Handler {
	b.Helper()
	benchAPI.once.Do(func() {
		// A low collector target while the network is made and loaded
		// keeps the process's peak low (at 1,000,000 actors the dataset
		// and the store do not both fit twice over beside other work);
		// the requests run with the default.
		defer debug.SetGCPercent(debug.SetGCPercent(50))
		start := time.Now()
		d := storetest.NewBenchNetwork()
		generated := time.Since(start)
		actors, relations := len(d.Actors), len(d.Relations)
		for _, a := range d.Actors {
			benchAPI.ids = append(benchAPI.ids, a.ID)
			benchAPI.names = append(benchAPI.names, a.Name)
			if a.Kind == store.KindCountry {
				benchAPI.countries = append(benchAPI.countries, a.ID)
			}
		}
		benchAPI.floor = newFloorGraph(d)
		start = time.Now()
		var s store.Store
		if testStore() == config.StoreNeo4j {
			s = neo4jtest.Holding(b, d)
		} else {
			dir, err := runTempDir("ecograph-apibench-")
			if err != nil {
				benchAPI.err = err
				return
			}
			// The store stays open for the process; TestMain removes
			// the file's directory when the run ends.
			em, err := embedded.Open(filepath.Join(dir, "ecograph.db"))
			if err != nil {
				benchAPI.err = err
				return
			}
			if benchAPI.err = loadReleasing(context.Background(), em, d); benchAPI.err != nil {
				return
			}
			s = em
		}
		d = store.Dataset{}
		fmt.Fprintf(os.Stderr, "API bench: %d actors, %d relations: generated in %v, loaded in %v\n",
			actors, relations, generated.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
		reportMemory(benchAPI.floor)
		benchAPI.handler = newHandler(testConfig(b, nil), s, slog.New(slog.NewTextHandler(io.Discard, nil)))
	})
	if benchAPI.err != nil {
		b.Fatal(benchAPI.err)
	}
	return benchAPI.handler
}

// cpuMeter starts counting the process's CPU time; the function it
// returns reports it per operation as cpu-ns/op. On a machine shared with
// other work the wall clock per operation stretches with their load, and
// this much less: it counts every goroutine of the process, the
// collector's included.
func cpuMeter(b *testing.B) func() {
	start := cputime.Process()
	return func() {
		b.ReportMetric(float64(cputime.Process()-start)/float64(b.N), "cpu-ns/op")
	}
}

// loadReleasing loads d into s 100,000 actors or 200,000 relations at a
// time, sources and actors first, and lets go of each chunk once stored
// (the store keeps copies of its own), so that the dataset and the store
// holding it are not both in memory at full size.
func loadReleasing(ctx context.Context, s store.Store, d store.Dataset) error {
	if err := s.Load(ctx, store.Dataset{Sources: d.Sources}); err != nil {
		return err
	}
	for chunk := range slices.Chunk(d.Actors, 100_000) {
		if err := s.Load(ctx, store.Dataset{Actors: chunk}); err != nil {
			return err
		}
		clear(chunk)
	}
	for chunk := range slices.Chunk(d.Relations, 200_000) {
		if err := s.Load(ctx, store.Dataset{Relations: chunk}); err != nil {
			return err
		}
		clear(chunk)
	}
	return nil
}

// reportMemory prints the heap after a collection and the process's
// resident memory, against the size of the network as int32 arrays.
func reportMemory(g *floorGraph) {
	runtime.GC()
	start := time.Now()
	runtime.GC() // the heap is the store's: timed, it is what a collection costs
	took := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rss := ""
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.Lines(string(status)) {
			if strings.HasPrefix(line, "VmRSS:") || strings.HasPrefix(line, "VmHWM:") {
				rss += " " + strings.Join(strings.Fields(line), " ")
			}
		}
	}
	fmt.Fprintf(os.Stderr, "API bench: heap %d MB (%d objects) after a collection of %v;%s; the adjacency as int32 arrays %d MB\n",
		ms.HeapAlloc>>20, ms.HeapObjects, took.Round(time.Millisecond), rss, g.bytes()>>20)
}

// benchRand is the random source of the API benchmark named name: the
// same every run, and the same for BenchmarkFloor, which walks from the
// same actors as the API benchmark of the same name.
func benchRand(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(h.Sum64(), 42))
}

// benchPost sends one GraphQL request and fails on any error in the answer.
func benchPost(b *testing.B, h http.Handler, query string, vars map[string]any) {
	if err := benchTry(h, query, vars); err != nil {
		b.Fatal(err)
	}
}

// benchTry sends one GraphQL request and returns any error in the answer.
// The answer is read as a client reading it from a socket would, a piece
// at a time, and only its beginning is kept (benchAnswer says why that is
// enough): an httptest.ResponseRecorder would grow a copy of the whole
// answer, garbage that is the benchmark's and not the server's.
func benchTry(h http.Handler, query string, vars map[string]any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	w := &benchWriter{header: http.Header{}, code: http.StatusOK}
	h.ServeHTTP(w, req)
	if w.code != http.StatusOK || !bytes.HasPrefix(w.head, []byte(`{"data":`)) {
		return fmt.Errorf("status %d: %s", w.code, w.head)
	}
	return nil
}

// benchWriter is an http.ResponseWriter that keeps the status and the
// first 2,000 bytes of the answer.
type benchWriter struct {
	header http.Header
	code   int
	wrote  bool
	head   []byte
}

func (w *benchWriter) Header() http.Header { return w.header }

func (w *benchWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
}

func (w *benchWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	if room := 2000 - len(w.head); room > 0 {
		w.head = append(w.head, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// benchWarm sends a request until it succeeds: on Neo4j the first
// analytics request may outlast the request timeout while the network is
// read, which goes on for the requests after it.
func benchWarm(b *testing.B, h http.Handler, query string, vars map[string]any) {
	var err error
	for range 10 {
		if err = benchTry(h, query, vars); err == nil {
			return
		}
	}
	b.Fatal(err)
}

func BenchmarkAPI(b *testing.B) {
	h := benchHandler(b)
	ids, names, countries := benchAPI.ids, benchAPI.names, benchAPI.countries
	cases := []struct {
		name  string
		query string
		vars  func(r *rand.Rand) map[string]any
		// warm: the analytics keep a measure once worked out until the
		// next write, so one request first leaves the work out of the
		// timing (docs/benchmarks.md has it from nothing).
		warm bool
	}{
		{"actor", `query($id: ID!) { actor(id: $id) { id name kind } }`,
			func(r *rand.Rand) map[string]any { return map[string]any{"id": ids[r.IntN(len(ids))]} }, false},
		{"actors-page", `query($kind: ActorKind!) { actors(kinds: [$kind], first: 50) { totalCount
				pageInfo { hasNextPage endCursor } edges { cursor node { id name kind } } } }`,
			func(r *rand.Rand) map[string]any {
				return map[string]any{"kind": store.Kinds[r.IntN(len(store.Kinds))]}
			}, false},
		{"actor+50relations", `query($id: ID!) { actor(id: $id) { id name kind
			relations(first: 50) { totalCount pageInfo { hasNextPage endCursor }
				edges { cursor direction node { type since } other { id name kind } } } } }`,
			func(r *rand.Rand) map[string]any { return map[string]any{"id": ids[r.IntN(len(ids))]} }, false},
		// The nested list of issue 14: 20 universities, each with its
		// first 10 FOUNDED relations and the startups at their far ends.
		{"actors20-founded10", `{ actors(kinds: [UNIVERSITY], first: 20) { totalCount edges { cursor node { id name kind
				relations(direction: OUT, types: [FOUNDED], first: 10) { totalCount pageInfo { hasNextPage endCursor }
					edges { cursor node { id type since } other { id name kind } } } } } } }`,
			func(*rand.Rand) map[string]any { return nil }, false},
		// The side-by-side bench's reads (bench/compare): a country and
		// its first 50 LOCATED_IN relations, and the startups' count.
		{"country+50located", `query($id: ID!) { actor(id: $id) { id name
			relations(direction: IN, types: [LOCATED_IN], first: 50) { edges { node { id } other { id name kind } } } } }`,
			func(r *rand.Rand) map[string]any { return map[string]any{"id": countries[r.IntN(len(countries))]} }, false},
		{"startups-count", `{ actors(kinds: [STARTUP], first: 0) { totalCount } }`,
			func(*rand.Rand) map[string]any { return nil }, false},
		{"actor+1relation", `query($id: ID!) { actor(id: $id) { id name kind
			relations(first: 1) { totalCount pageInfo { hasNextPage endCursor }
				edges { cursor node { id type } other { id name kind } } } } }`,
			func(r *rand.Rand) map[string]any { return map[string]any{"id": ids[r.IntN(len(ids))]} }, false},
		{"actor+relationCount", `query($id: ID!) { actor(id: $id) { id relations(first: 0) { totalCount } } }`,
			func(r *rand.Rand) map[string]any { return map[string]any{"id": ids[r.IntN(len(ids))]} }, false},
		{"neighborhood-depth2", benchHoodQuery,
			func(r *rand.Rand) map[string]any { return map[string]any{"id": ids[r.IntN(len(ids))]} }, false},
		{"shortestPath", benchPathQuery,
			func(r *rand.Rand) map[string]any {
				return map[string]any{"from": ids[r.IntN(len(ids))], "to": ids[r.IntN(len(ids))]}
			}, false},
		{"search-prefix", `query($text: String!) { search(text: $text) { score matched actor { id name kind } } }`,
			func(r *rand.Rand) map[string]any {
				name := []rune(strings.ToLower(names[r.IntN(len(names))]))
				return map[string]any{"text": string(name[:min(4, len(name))])}
			}, false},
		{"neighborhood-depth2-asOf", `query($id: ID!, $asOf: Date) { neighborhood(id: $id, depth: 2, limit: 200, asOf: $asOf) {
				truncated actors { id name kind } relations { id type from { id } to { id } } } }`,
			func(r *rand.Rand) map[string]any {
				return map[string]any{"id": ids[r.IntN(len(ids))], "asOf": fmt.Sprint(2016 + r.IntN(10))}
			}, false},
		{"centrality-betweenness", `{ centrality(measure: BETWEENNESS, kinds: [UNIVERSITY], first: 10) { score actor { id name } } }`,
			func(*rand.Rand) map[string]any { return nil }, true},
		{"stats-asOf", `{ stats(asOf: "2022-06-01") { actors relations byKind { kind count } crossBorder { from { id } to { id } relations } } }`,
			func(*rand.Rand) map[string]any { return nil }, true},
		// What the explorer asks on opening, by default and at its
		// largest limit.
		{"overview-1000", `{ overview(limit: 1000) { truncated actors { id kind name score community } relations { id type from to } } }`,
			func(*rand.Rand) map[string]any { return nil }, true},
		{"overview-10000", `{ overview(limit: 10000) { truncated actors { id kind name score community } relations { id type from to } } }`,
			func(*rand.Rand) map[string]any { return nil }, true},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			r := benchRand(c.name)
			if c.warm {
				benchWarm(b, h, c.query, c.vars(r))
			}
			b.ReportAllocs()
			before := neo4j.QueryCount()
			cpu := cpuMeter(b)
			for b.Loop() {
				benchPost(b, h, c.query, c.vars(r))
			}
			cpu()
			if testStore() == config.StoreNeo4j {
				// Round trips to Neo4j per request.
				b.ReportMetric(float64(neo4j.QueryCount()-before)/float64(b.N), "cypher/op")
			}
		})
	}
}
