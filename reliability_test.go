package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The reliability suite: the real binary, serving a generated network of
// 100,000 actors and 500,000 relations with a 2 s request timeout, is sent
// what an attacker or a careless client sends. Each refusal must come with
// a code of the contract and nothing internal; every request keeps its
// deadline; a plain read is not held up by a slow request with a write
// queued behind it. docs/reliability.md lists the cases and the figures,
// which the benchmarks at the end of this file measure.

// reliabilityTimeout is the request timeout the suite's server runs with.
const reliabilityTimeout = 2 * time.Second

// deadlineSlack is how far past its deadline a request may answer: the
// time to notice the deadline in a loop and write the answer.
const deadlineSlack = 500 * time.Millisecond

var (
	scaleOnce sync.Once
	scaleFile string
	scaleErr  error
)

// scaleNetwork is a data file holding the generated network, made once per
// test binary: ECOGRAPH_RELIABILITY_ACTORS and _RELATIONS change its size
// (100,000 and 500,000 by default).
func scaleNetwork(t testing.TB, bin string) string {
	t.Helper()
	scaleOnce.Do(func() {
		dir, err := runTempDir("ecograph-scale-")
		if err != nil {
			scaleErr = err
			return
		}
		scaleFile = filepath.Join(dir, "ecograph.db")
		out, err := exec.Command(bin, "generate", "--data", scaleFile,
			"--actors", envOr("ECOGRAPH_RELIABILITY_ACTORS", "100000"),
			"--relations", envOr("ECOGRAPH_RELIABILITY_RELATIONS", "500000")).CombinedOutput()
		if err != nil {
			scaleErr = fmt.Errorf("ecograph generate: %v\n%s", err, out)
		}
	})
	if scaleErr != nil {
		t.Fatal(scaleErr)
	}
	return scaleFile
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// scaleServer is the binary serving the generated network; the file is
// locked while it runs, so tests using it take turns.
type scaleServer struct {
	*process
	base string
}

func startScaleServer(t testing.TB) *scaleServer {
	t.Helper()
	return startScaleServerWith(t, reliabilityTimeout)
}

// startScaleServerWith serves the generated network with another request
// timeout.
func startScaleServerWith(t testing.TB, timeout time.Duration) *scaleServer {
	t.Helper()
	embeddedOnly(t)
	if testing.Short() {
		t.Skip("serves a generated network of 100,000 actors; skipped with -short")
	}
	bin := cliBinary(t)
	data := scaleNetwork(t, bin)
	addr := freeAddr(t)
	p := startProcess(t, bin, []string{"ECOGRAPH_API_KEYS=" + testKey, "ECOGRAPH_STORE=embedded"},
		"serve", "--addr", addr, "--data", data, "--seed=false", "--request-timeout", timeout.String())
	p.waitReady(t, addr)
	return &scaleServer{process: p, base: "http://" + addr}
}

// rss is the server's resident memory in bytes.
func (s *scaleServer) rss(t testing.TB) int64 {
	t.Helper()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmRSS in /proc status")
	return 0
}

// answer is one HTTP answer as the suite reads it.
type answer struct {
	status int
	body   []byte
	took   time.Duration
	resp   gqlResponse
	isJSON bool
}

// hostile is one request a client should not send.
type hostile struct {
	name string
	// req builds the request against base.
	req func(base string) *http.Request
	// status, when set, is the HTTP status the refusal must have.
	status int
}

// gqlPost is a POST of a JSON body.
func gqlPost(body []byte, contentType string) func(string) *http.Request {
	return func(base string) *http.Request {
		req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Accept", "application/graphql-response+json")
		return req
	}
}

func gqlJSON(query string, vars map[string]any) func(string) *http.Request {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		panic(err)
	}
	return gqlPost(body, "application/json")
}

// hostileRequests are the documents and bodies the suite sends: each must be
// refused, quickly, with a contract code and nothing internal.
func hostileRequests() []hostile {
	var fan strings.Builder
	fan.WriteString("{ ...F0 }\n")
	for i := range 24 {
		fmt.Fprintf(&fan, "fragment F%d on Query { a%d: __typename ...F%d ...F%d }\n", i, i, i+1, i+1)
	}
	fan.WriteString("fragment F24 on Query { actors(first: 100) { totalCount } }\n")

	var fanWide strings.Builder
	fanWide.WriteString("{ ...G0 }\n")
	for i := range 30 {
		fmt.Fprintf(&fanWide, "fragment G%d on Query { ...G%d ...G%d ...G%d }\n", i, i+1, i+1, i+1)
	}
	fanWide.WriteString("fragment G30 on Query { __typename }\n")

	deep := strings.Repeat(`relations { edges { other { `, 17) + "id" + strings.Repeat(" } } }", 17)
	deep = `{ actor(id: "uzbekistan") { ` + deep + ` } }`

	var aliases strings.Builder
	aliases.WriteString("{ ")
	for i := range 2000 {
		fmt.Fprintf(&aliases, "a%d: __typename ", i)
	}
	aliases.WriteString("}")

	costly := `{ actors(first: 100) { edges { node { relations(first: 100) { edges { other { relations(first: 100) { edges { other { id } } } } } } } } } }`

	var introspection strings.Builder
	introspection.WriteString("{ __schema { types { ")
	for range 20 {
		introspection.WriteString("fields { type { ")
	}
	introspection.WriteString("name")
	introspection.WriteString(strings.Repeat(" } }", 20))
	introspection.WriteString(" } } }")

	ofType := `{ __type(name: "Query") { fields { type { ` + strings.Repeat("ofType { ", 60) + "name" + strings.Repeat(" }", 60) + " } } } }"

	directives := "{ __typename" + strings.Repeat(" @include(if: true)", 3000) + " }"
	tokens := "{ " + strings.Repeat("__typename ", 60000) + "}"
	var ops strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&ops, "query Q%d { __typename }\n", i)
	}

	huge := strings.Repeat("Abai Universty of Amsterdm ", 33000) // 900 KB
	oversize := bytes.Repeat([]byte("x"), 2<<20)

	batch := []map[string]string{}
	for range 800 {
		batch = append(batch, map[string]string{"query": "{ actors(first: 100) { totalCount } }"})
	}
	batchBody, _ := json.Marshal(batch)

	return []hostile{
		{name: "fragments spreading the next twice, 24 deep", req: gqlJSON(fan.String(), nil)},
		{name: "fragments spreading the next three times, 30 deep", req: gqlJSON(fanWide.String(), nil)},
		{name: "50 levels deep", req: gqlJSON(deep, nil)},
		{name: "2000 aliases", req: gqlJSON(aliases.String(), nil)},
		{name: "three nested pages of 100", req: gqlJSON(costly, nil)},
		{name: "introspection nested 20 times", req: gqlJSON(introspection.String(), nil)},
		{name: "introspection ofType 60 deep", req: gqlJSON(ofType, nil)},
		{name: "3000 directives", req: gqlJSON(directives, nil)},
		{name: "60000 tokens", req: gqlJSON(tokens, nil)},
		{name: "3000 operations and no name", req: gqlJSON(ops.String(), nil)},
		{name: "first as the string \"9999\"", req: gqlJSON(`query($n: Int) { actors(first: $n) { totalCount } }`, map[string]any{"n": "9999"})},
		{name: "first as the string \"-1\"", req: gqlJSON(`query($n: Int) { actors(first: $n) { totalCount } }`, map[string]any{"n": "-1"})},
		{name: "first as the string \"4611686018427387905\"", req: gqlJSON(`query($n: Int) { actors(first: $n) { totalCount } }`, map[string]any{"n": "4611686018427387905"})},
		{name: "depth as the string \"99\"", req: gqlJSON(`query($d: Int) { neighborhood(id: "uzbekistan", depth: $d) { actors { id } } }`, map[string]any{"d": "99"})},
		{name: "maxLength as the string \"-5\"", req: gqlJSON(`query($m: Int) { shortestPath(from: "uzbekistan", to: "south-korea", maxLength: $m) { length } }`, map[string]any{"m": "-5"})},
		{name: "centrality first as the string \"100000\"", req: gqlJSON(`query($n: Int) { centrality(measure: DEGREE, first: $n) { score } }`, map[string]any{"n": "100000"})},
		{name: "first -1", req: gqlJSON(`{ actors(first: -1) { totalCount } }`, nil)},
		{name: "limit -1", req: gqlJSON(`{ neighborhood(id: "uzbekistan", limit: -1) { actors { id } } }`, nil)},
		{name: "relations first -5", req: gqlJSON(`{ actor(id: "uzbekistan") { relations(first: -5) { totalCount } } }`, nil)},
		{name: "first 2^40 as a number", req: gqlJSON(`query($n: Int) { actors(first: $n) { totalCount } }`, map[string]any{"n": int64(1) << 40})},
		{name: "900 KB search text", req: gqlJSON(`query($t: String!) { search(text: $t) { score } }`, map[string]any{"t": huge})},
		{name: "900 KB id", req: gqlJSON(`query($id: ID!) { actor(id: $id) { name } }`, map[string]any{"id": huge})},
		{name: "body is not JSON", req: gqlPost([]byte(`{"query": "{ __typename }", `), "application/json"), status: http.StatusBadRequest},
		{name: "variables is a string", req: gqlPost([]byte(`{"query": "{ __typename }", "variables": "x"}`), "application/json"), status: http.StatusBadRequest},
		{name: "query is a number", req: gqlPost([]byte(`{"query": 42}`), "application/json"), status: http.StatusBadRequest},
		{name: "a batch of 800", req: gqlPost(batchBody, "application/json"), status: http.StatusBadRequest},
		{name: "malformed UTF-8 in a string", req: gqlPost([]byte("{\"query\": \"{ search(text: \\\"\xff\xfe\\\") { score } }\"}"), "application/json"), status: http.StatusBadRequest},
		{name: "text/plain body", req: gqlPost([]byte(`{ __typename }`), "text/plain"), status: http.StatusUnsupportedMediaType},
		{name: "2 MB body with its length", req: gqlPost(oversize, "application/json"), status: http.StatusRequestEntityTooLarge},
		{name: "2 MB body, chunked", status: http.StatusRequestEntityTooLarge, req: func(base string) *http.Request {
			req, _ := http.NewRequest(http.MethodPost, base+"/graphql", io.MultiReader(bytes.NewReader(oversize)))
			req.ContentLength = -1
			req.Header.Set("Content-Type", "application/json")
			return req
		}},
		{name: "mutation over GET", status: http.StatusMethodNotAllowed, req: func(base string) *http.Request {
			req, _ := http.NewRequest(http.MethodGet, base+"/graphql?query="+url.QueryEscape(`mutation { deleteActor(id: "uzbekistan") }`), nil)
			req.Header.Set("Accept", "application/graphql-response+json")
			return req
		}},
		{name: "PUT", status: http.StatusMethodNotAllowed, req: func(base string) *http.Request {
			req, _ := http.NewRequest(http.MethodPut, base+"/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
			req.Header.Set("Content-Type", "application/json")
			return req
		}},
	}
}

// suiteClient gives up on an answer long after every deadline of the
// server's has passed.
var suiteClient = &http.Client{Timeout: 30 * time.Second}

// send runs one request and reads its whole answer.
func send(t testing.TB, req *http.Request) answer {
	t.Helper()
	start := time.Now()
	resp, err := suiteClient.Do(req)
	if err != nil {
		t.Errorf("%s %s: no answer after %s: %v", req.Method, req.URL.Path, time.Since(start).Round(time.Millisecond), err)
		return answer{took: time.Since(start)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	a := answer{status: resp.StatusCode, body: body, took: time.Since(start)}
	a.isJSON = json.Unmarshal(body, &a.resp) == nil
	return a
}

// contractCodes are the codes clients may see in extensions.code.
var contractCodes = map[string]bool{
	"BAD_USER_INPUT": true, "NOT_FOUND": true, "UNAUTHENTICATED": true, "FORBIDDEN": true,
	"CONFLICT": true, "UNAVAILABLE": true, "QUERY_TOO_COMPLEX": true, "INTERNAL": true,
}

// leakPattern finds, beside the words of leaks (api_protocol_test.go), what
// a refusal must not show: Go types and runtime words, addresses, the
// server's paths.
var leakPattern = regexp.MustCompile(`Go struct|struct field|\bjson: |runtime error|goroutine|panic|` +
	`\b(main|graph|model|store|embedded|neo4j|http|json|strconv|graphql|gqlerror|ast)\.[A-Z]\w*|` +
	`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d+|\[::1\]|read tcp|/tmp/|/work/|\.go:\d+`)

// checkRefusal asserts that an answer refuses the request with contract
// codes, says something, and shows nothing internal.
func checkRefusal(t *testing.T, name string, a answer, wantStatus int) {
	t.Helper()
	if wantStatus != 0 && a.status != wantStatus {
		t.Errorf("%s: status %d, want %d: %.300s", name, a.status, wantStatus, a.body)
	}
	if !a.isJSON {
		t.Errorf("%s: status %d, the answer is not JSON: %.300q", name, a.status, a.body)
		return
	}
	if len(a.resp.Errors) == 0 {
		t.Errorf("%s: status %d, not refused: %.300s", name, a.status, a.body)
		return
	}
	for _, e := range a.resp.Errors {
		switch {
		case !contractCodes[e.Extensions.Code]:
			t.Errorf("%s: code %q is not one of the contract's: %q", name, e.Extensions.Code, e.Message)
		case e.Extensions.Code == "INTERNAL":
			t.Errorf("%s: refused as INTERNAL: %q", name, e.Message)
		case strings.TrimSpace(e.Message) == "":
			t.Errorf("%s: an error without a message", name)
		}
	}
	if m := leakPattern.FindString(string(a.body)); m != "" {
		t.Errorf("%s: the answer shows %q: %.500s", name, m, a.body)
	}
	for _, l := range leaks {
		if bytes.Contains(a.body, []byte(l)) {
			t.Errorf("%s: the answer shows %q: %.500s", name, l, a.body)
		}
	}
	if len(a.body) > 8<<10 {
		t.Errorf("%s: a %d-byte refusal (an echo of the request?)", name, len(a.body))
	}
}

func TestHostileRequestsRefusedCleanly(t *testing.T) {
	s := startScaleServer(t)
	// Warm up what the first request pays for, so that RSS growth is what
	// the hostile requests cost.
	send(t, gqlJSON(`{ actors(first: 1) { totalCount } }`, nil)(s.base))
	before := s.rss(t)
	for _, h := range hostileRequests() {
		a := send(t, h.req(s.base))
		checkRefusal(t, h.name, a, h.status)
		// Refused before any work, not cut short by the deadline:
		// BenchmarkHostileRequests measures how much sooner.
		if a.took >= reliabilityTimeout {
			t.Errorf("%s: refused after %s, the request timeout", h.name, a.took.Round(time.Millisecond))
		}
		t.Logf("%-50s %3d %8s", h.name, a.status, a.took.Round(100*time.Microsecond))
	}
	if grew := s.rss(t) - before; grew > 50<<20 {
		t.Errorf("the hostile requests grew the server by %d MB; at most 50 MB", grew>>20)
	}
	if strings.Contains(s.out.String(), "panic") {
		t.Errorf("the server logged a panic:\n%s", s.out)
	}
}

func TestSlowBodyRefused(t *testing.T) {
	s := startScaleServer(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":")
	// Then nothing more: the server must give up and say so, not hang or
	// answer 200 with its socket addresses.
	_ = conn.SetReadDeadline(time.Now().Add(2 * time.Minute))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a stalled body after %s: %v", time.Since(start).Round(time.Millisecond), err)
	}
	body, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, body: body, took: time.Since(start)}
	a.isJSON = json.Unmarshal(body, &a.resp) == nil
	checkRefusal(t, "stalled body", a, http.StatusRequestTimeout)
	t.Logf("stalled body refused after %s", a.took.Round(time.Millisecond))
}

// slowRequests are valid requests that cost the most the limits allow on
// the generated network, one or more per kind of long work.
func slowRequests() map[string]string {
	typo := strings.Repeat("Abai Universty of Amsterdm ", 38)[:1000]
	return map[string]string{
		"search, 1000 characters of typos": fmt.Sprintf(`{ search(text: %q, first: 100) { score } }`, typo),
		"search, one letter":               `{ search(text: "a", first: 100) { score } }`,
		"neighborhood, depth 5 of a hub":   `{ neighborhood(id: "uzbekistan", depth: 5, limit: 500) { actors { id } } }`,
		"shortest path, 10 long":           `{ shortestPath(from: "uzbekistan", to: "south-korea", maxLength: 10, types: [FOUNDED]) { length } }`,
		"paths between hubs, 6 long":       `{ paths(from: "uzbekistan", to: "south-korea", maxLength: 6, first: 100) { length } }`,
		"pathSearch between hubs, 6 long":  `{ pathSearch(from: "uzbekistan", to: "united-states", maxLength: 6, first: 100) { truncated } }`,
		"common neighbours of hubs":        `{ commonNeighbors(a: "uzbekistan", b: "south-korea", first: 100) { truncated } }`,
		"betweenness":                      `{ centrality(measure: BETWEENNESS, first: 100) { score } }`,
		"betweenness as of a day":          `{ centrality(measure: BETWEENNESS, first: 100, asOf: "2020-01-01") { score } }`,
		"pagerank as of a day":             `{ centrality(measure: PAGERANK, first: 100, asOf: "2021-06-01") { score } }`,
		"brokers":                          `{ brokers(first: 100) { separated } }`,
		"communities":                      `{ communities(first: 100) { size } }`,
		"stats as of a day":                `{ stats(asOf: "2019-01-01") { actors crossBorder { relations } } }`,
		"timeline":                         `{ timeline(from: "2000-01-01") { id } }`,
	}
}

func TestDeadlinesKeptAtScale(t *testing.T) {
	s := startScaleServer(t)
	requests := slowRequests()
	// Betweenness after a write reads the network again and works for
	// seconds more than the timeout allows.
	requests["betweenness after a write"] = ""
	for name, q := range requests {
		if q == "" {
			write(t, s, fmt.Sprintf("deadline-probe-%d", time.Now().UnixNano()))
			q = `{ centrality(measure: BETWEENNESS, first: 10) { score } }`
		}
		a := send(t, gqlJSON(q, nil)(s.base))
		switch {
		case a.took > reliabilityTimeout+deadlineSlack:
			t.Errorf("%s: answered after %s; the request timeout is %s", name, a.took.Round(time.Millisecond), reliabilityTimeout)
		case !a.isJSON:
			t.Errorf("%s: status %d, not JSON: %.300q", name, a.status, a.body)
		case len(a.resp.Errors) > 0 && a.resp.Errors[0].Extensions.Code != "UNAVAILABLE":
			t.Errorf("%s: %s %q", name, a.resp.Errors[0].Extensions.Code, a.resp.Errors[0].Message)
		}
		outcome := "answered"
		if len(a.resp.Errors) > 0 {
			outcome = "cut short"
		}
		t.Logf("%-35s %-9s %8s", name, outcome, a.took.Round(time.Millisecond))
	}
}

// TestWalksCutShortAtTheirDeadline serves the network with a request
// timeout shorter than the walks between hubs take (about 100 ms here): each
// is cut short at its deadline with UNAVAILABLE, not run to its end.
func TestWalksCutShortAtTheirDeadline(t *testing.T) {
	const timeout = 20 * time.Millisecond
	s := startScaleServerWith(t, timeout)
	for _, name := range []string{"paths between hubs, 6 long", "pathSearch between hubs, 6 long"} {
		a := send(t, gqlJSON(slowRequests()[name], nil)(s.base))
		switch {
		case len(a.resp.Errors) == 0:
			t.Errorf("%s: answered in %s, past its %s deadline", name, a.took.Round(time.Millisecond), timeout)
		case a.resp.Errors[0].Extensions.Code != "UNAVAILABLE":
			t.Errorf("%s: %s %q", name, a.resp.Errors[0].Extensions.Code, a.resp.Errors[0].Message)
		case a.took > timeout+deadlineSlack:
			t.Errorf("%s: cut short after %s; the request timeout is %s", name, a.took.Round(time.Millisecond), timeout)
		}
		t.Logf("%-35s cut short after %s", name, a.took.Round(100*time.Microsecond))
	}
}

// write creates an actor with the given id through the API.
func write(t testing.TB, s *scaleServer, id string) answer {
	t.Helper()
	req := gqlJSON(`mutation($id: ID!) { createActor(input: {id: $id, kind: ORGANIZATION, name: "Reliability probe"}) { id } }`, map[string]any{"id": id})(s.base)
	req.Header.Set("Authorization", "Bearer "+testKey)
	return send(t, req)
}

// readDuringSlowRequest starts a slow request, queues a write behind it,
// and times a plain read made while both wait; it returns that read's time
// and the written actor's id once the write is acknowledged.
func readDuringSlowRequest(t testing.TB, s *scaleServer, slow string, n int) (time.Duration, string) {
	t.Helper()
	var wg sync.WaitGroup
	wg.Go(func() { send(t, gqlJSON(slow, nil)(s.base)) })
	time.Sleep(150 * time.Millisecond) // the slow request is under way
	id := fmt.Sprintf("reliability-probe-%d-%d", time.Now().UnixNano(), n)
	var wrote answer
	wg.Go(func() { wrote = write(t, s, id) })
	time.Sleep(50 * time.Millisecond) // the write is queued
	read := send(t, gqlJSON(`{ actor(id: "uzbekistan") { name } }`, nil)(s.base))
	wg.Wait()
	if len(read.resp.Errors) > 0 || !bytes.Contains(read.resp.Data, []byte("Uzbekistan")) {
		t.Fatalf("the plain read failed: %s", read.body)
	}
	if len(wrote.resp.Errors) > 0 {
		t.Fatalf("the queued write failed: %s", wrote.body)
	}
	return read.took, id
}

func TestReadNotHeldUpBySlowRequest(t *testing.T) {
	s := startScaleServer(t)
	for name, slow := range map[string]string{
		"search":      slowRequests()["search, 1000 characters of typos"],
		"betweenness": slowRequests()["betweenness as of a day"],
		"paths":       slowRequests()["pathSearch between hubs, 6 long"],
	} {
		took, id := readDuringSlowRequest(t, s, slow, 0)
		// The bound is loose for a busy two-core machine; the benchmark
		// measures the figure (docs/reliability.md).
		if took > 500*time.Millisecond {
			t.Errorf("during a slow %s with a write queued, a plain read took %s", name, took.Round(time.Millisecond))
		}
		t.Logf("during a slow %s with a write queued, a plain read took %s", name, took.Round(100*time.Microsecond))
		// The acknowledged write is there.
		got := send(t, gqlJSON(`query($id: ID!) { actor(id: $id) { id } }`, map[string]any{"id": id})(s.base))
		if !bytes.Contains(got.resp.Data, []byte(id)) {
			t.Errorf("the acknowledged write of %s is not there: %s", id, got.body)
		}
	}
}

// BenchmarkHostileRequests measures how soon each hostile request is
// refused by the real binary at 100,000 actors, and how much the server's
// memory grows over the run:
//
//	go test . -run '^$' -bench HostileRequests -benchtime 20x
func BenchmarkHostileRequests(b *testing.B) {
	s := startScaleServer(b)
	send(b, gqlJSON(`{ actors(first: 1) { totalCount } }`, nil)(s.base))
	for _, h := range hostileRequests() {
		b.Run(strings.ReplaceAll(h.name, " ", "_"), func(b *testing.B) {
			before := s.rss(b)
			var worst time.Duration
			for b.Loop() {
				a := send(b, h.req(s.base))
				worst = max(worst, a.took)
			}
			b.ReportMetric(float64(worst.Microseconds())/1000, "max-ms")
			b.ReportMetric(float64(s.rss(b)-before)/(1<<20), "rss-MB")
		})
	}
}

// BenchmarkReadDuringSlowRequest measures a plain read made while a slow
// request runs and a write waits behind it:
//
//	go test . -run '^$' -bench ReadDuringSlowRequest -benchtime 10x
func BenchmarkReadDuringSlowRequest(b *testing.B) {
	s := startScaleServer(b)
	var worst, total time.Duration
	n := 0
	for b.Loop() {
		n++
		took, _ := readDuringSlowRequest(b, s, slowRequests()["betweenness as of a day"], n)
		worst, total = max(worst, took), total+took
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(n), "read-ms")
	b.ReportMetric(float64(worst.Microseconds())/1000, "max-read-ms")
}
