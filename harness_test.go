package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/spf13/pflag"

	"github.com/ecograph/ecograph/internal/config"
	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/neo4j"
	"github.com/ecograph/ecograph/internal/store/neo4j/neo4jtest"
)

// testKey is the API key the test servers accept.
const testKey = "test-key-5b1f"

// apiServer is the real HTTP API over a real embedded store in a temp dir,
// loaded with the seed network, as `ecograph serve` builds it.
type apiServer struct {
	t     *testing.T
	cfg   *config.Config
	path  string
	store *countingStore
	http  *httptest.Server
	// opened is set once the store was first opened: a restart opens the
	// same data again.
	opened bool
	// data is what an empty store is loaded with: the seed network unless
	// a test gives its own.
	data *store.Dataset
}

// testConfig is serve's configuration from the given environment, as the
// command line fills it.
func testConfig(t testing.TB, env map[string]string) *config.Config {
	t.Helper()
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	cfg, err := config.BindServe(fs, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func startAPI(t *testing.T, env map[string]string) *apiServer {
	t.Helper()
	return startAPIWith(t, env, nil)
}

// startAPIWith starts the API over a store loaded with d, or with the
// seed network when d is nil.
func startAPIWith(t *testing.T, env map[string]string, d *store.Dataset) *apiServer {
	t.Helper()
	if env == nil {
		env = map[string]string{"ECOGRAPH_API_KEYS": "other-key," + testKey}
	}
	s := &apiServer{t: t, cfg: testConfig(t, env), path: filepath.Join(t.TempDir(), "ecograph.db"), data: d}
	s.open()
	t.Cleanup(s.close)
	return s
}

// testStore is the store the HTTP tests run on: embedded, or neo4j when
// ECOGRAPH_TEST_STORE=neo4j (scripts/test runs them on both).
func testStore() string {
	if os.Getenv("ECOGRAPH_TEST_STORE") == config.StoreNeo4j {
		return config.StoreNeo4j
	}
	return config.StoreEmbedded
}

// embeddedOnly skips a test about the embedded store's file or process
// when the HTTP tests run on Neo4j.
func embeddedOnly(t testing.TB) {
	t.Helper()
	if testStore() != config.StoreEmbedded {
		t.Skip("about the embedded store's file and process; runs in the embedded pass")
	}
}

func (s *apiServer) open() {
	s.t.Helper()
	var st store.Store
	var err error
	switch {
	case testStore() == config.StoreNeo4j && !s.opened:
		c := neo4jtest.Emptied(s.t) // an empty database
		c.ChangeLimit = s.cfg.ChangeLimit
		st, err = neo4j.Open(context.Background(), c)
	case testStore() == config.StoreNeo4j:
		c := neo4jtest.Config(s.t) // the same data again
		c.ChangeLimit = s.cfg.ChangeLimit
		st, err = neo4j.Open(context.Background(), c)
	default:
		st, err = embedded.Open(s.path, embedded.WithChangeLimit(s.cfg.ChangeLimit))
	}
	if err != nil {
		s.t.Fatal(err)
	}
	s.opened = true
	if s.data != nil {
		empty, err := st.Empty(context.Background())
		if err == nil && empty {
			err = st.Load(context.Background(), *s.data)
		}
		if err != nil {
			s.t.Fatal(err)
		}
	} else if _, err := seed.LoadIfEmpty(context.Background(), st); err != nil {
		s.t.Fatal(err)
	}
	s.store = &countingStore{Store: st}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{s.t}, nil))
	}
	// The JWKS (if the test's environment names one) is loaded as serve
	// loads it; a URL's refreshes stop when the test ends.
	tokens, err := loadTokens(s.t.Context(), s.cfg)
	if err != nil {
		s.t.Fatal(err)
	}
	s.http = httptest.NewServer(newHandlerWith(s.cfg, s.store, log, tokens))
}

func (s *apiServer) close() {
	if s.http != nil {
		s.http.Close()
		s.http = nil
	}
	if s.store != nil {
		_ = s.store.Close()
		s.store = nil
	}
}

// restart closes the server and its store and opens them again on the
// same file, as a process restart would.
func (s *apiServer) restart() {
	s.close()
	s.open()
}

// status sends GET path and returns the response's status code.
func (s *apiServer) status(path string) int {
	s.t.Helper()
	resp, err := http.Get(s.http.URL + path)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

type gqlError struct {
	Message    string `json:"message"`
	Path       []any  `json:"path"`
	Extensions struct {
		Code string `json:"code"`
		// Problems are a bad dataset's, each at its place (importGraph).
		Problems []struct {
			Line, Column  int
			Record, Field string
			Message       string
		} `json:"problems"`
	} `json:"extensions"`
}

type gqlResponse struct {
	status      int
	contentType string
	Data        json.RawMessage `json:"data"`
	Errors      []gqlError      `json:"errors"`
}

// post sends a GraphQL request; key, when not empty, goes in the
// Authorization header.
func (s *apiServer) post(query string, vars map[string]any, key string) gqlResponse {
	s.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, s.http.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	return s.do(req)
}

func (s *apiServer) do(req *http.Request) gqlResponse {
	s.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := gqlResponse{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type")}
	if err := json.Unmarshal(raw, &out); err != nil {
		s.t.Fatalf("status %d, body is not JSON: %v\n%s", resp.StatusCode, err, raw)
	}
	return out
}

// query runs a query that must succeed and decodes its data into out.
func (s *apiServer) query(query string, vars map[string]any, out any) {
	s.t.Helper()
	s.decode(s.post(query, vars, ""), out)
}

// mutate runs a mutation with the test key that must succeed.
func (s *apiServer) mutate(query string, vars map[string]any, out any) {
	s.t.Helper()
	s.decode(s.post(query, vars, testKey), out)
}

func (s *apiServer) decode(r gqlResponse, out any) {
	s.t.Helper()
	if len(r.Errors) > 0 || r.status != http.StatusOK {
		s.t.Fatalf("status %d, errors: %+v", r.status, r.Errors)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			s.t.Fatalf("decoding %s: %v", r.Data, err)
		}
	}
}

// leaks are what no refusal may show a client: Go's words for its types
// and errors, the decoder's words, the request echoed back, the
// connection's addresses.
var leaks = []string{
	"Go struct", "Go value", "RawParams", "map[string]", "interface {}", "reflect", "*model.", "graphql.",
	"int64", "float64", "json.Number", "strconv", "json:", "body:", "runtime", "panic", "slice", "map",
	"127.0.0.1", "tcp", "i/o timeout", "http: ",
}

// wantError checks that a response failed with exactly one error of code
// whose message contains each of the given parts.
func wantError(t *testing.T, r gqlResponse, code string, parts ...string) gqlError {
	t.Helper()
	if len(r.Errors) == 0 {
		t.Fatalf("want a %s error, got none; data %s", code, r.Data)
	}
	e := r.Errors[0]
	if e.Extensions.Code != code {
		t.Fatalf("want code %s, got %s: %q", code, e.Extensions.Code, e.Message)
	}
	for _, p := range parts {
		if !bytes.Contains([]byte(e.Message), []byte(p)) {
			t.Errorf("error %q does not mention %q", e.Message, p)
		}
	}
	return e
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}

// countingStore counts the calls the API makes to the store, to check
// batching and that refused requests do no store work.
type countingStore struct {
	store.Store
	calls      atomic.Int64
	actorsByID atomic.Int64
	// relationPages counts Relations and RelationsOf calls.
	relationPages atomic.Int64
}

func (c *countingStore) total() int64 { return c.calls.Load() }

func (c *countingStore) Actor(ctx context.Context, id string) (*store.Actor, error) {
	c.calls.Add(1)
	return c.Store.Actor(ctx, id)
}

func (c *countingStore) ActorsByID(ctx context.Context, ids []string) ([]*store.Actor, error) {
	c.calls.Add(1)
	c.actorsByID.Add(1)
	return c.Store.ActorsByID(ctx, ids)
}

func (c *countingStore) Actors(ctx context.Context, f store.ActorFilter, p store.Page) (*store.ActorPage, error) {
	c.calls.Add(1)
	return c.Store.Actors(ctx, f, p)
}

func (c *countingStore) Relations(ctx context.Context, id string, f store.RelationFilter, p store.Page) (*store.RelationPage, error) {
	c.calls.Add(1)
	c.relationPages.Add(1)
	return c.Store.Relations(ctx, id, f, p)
}

func (c *countingStore) RelationsOf(ctx context.Context, ids []string, f store.RelationFilter, p store.Page) ([]*store.RelationPage, error) {
	c.calls.Add(1)
	c.relationPages.Add(1)
	return c.Store.RelationsOf(ctx, ids, f, p)
}

func (c *countingStore) SourcesByID(ctx context.Context, ids []string) ([]*store.Source, error) {
	c.calls.Add(1)
	return c.Store.SourcesByID(ctx, ids)
}

func (c *countingStore) Search(ctx context.Context, q store.SearchQuery) ([]store.SearchHit, error) {
	c.calls.Add(1)
	return c.Store.Search(ctx, q)
}

func (c *countingStore) Neighborhood(ctx context.Context, id string, q store.NeighborhoodQuery) (*store.Subgraph, error) {
	c.calls.Add(1)
	return c.Store.Neighborhood(ctx, id, q)
}

func (c *countingStore) CreateActor(ctx context.Context, a store.Actor) (*store.Actor, error) {
	c.calls.Add(1)
	return c.Store.CreateActor(ctx, a)
}
