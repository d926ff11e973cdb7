package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
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
	"testing"
	"time"
)

// These tests hold the HTTP layer to its word: every request refused
// before GraphQL runs gets its status, a contract code, a reason
// (docs/http.md) and a message naming the problem, and nothing of the
// server's insides; requests GraphQL refuses get the GraphQL-over-HTTP
// spec's status for the media type the client accepts.

// rawAnswer is a response read as bytes, to check what it leaks.
type rawAnswer struct {
	status  int
	header  http.Header
	body    []byte
	message string
	code    string
	reason  string
	hasData bool
}

func readAnswer(t *testing.T, resp *http.Response) rawAnswer {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := rawAnswer{status: resp.StatusCode, header: resp.Header, body: body}
	var parsed struct {
		Data   *json.RawMessage `json:"data"`
		Errors []struct {
			Message    string
			Extensions struct{ Code, Reason string }
		}
	}
	if err := json.Unmarshal(body, &parsed); err != nil {
		t.Fatalf("status %d, the body is not JSON: %v\n%s", resp.StatusCode, err, body)
	}
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(body, &keys)
	_, a.hasData = keys["data"]
	if len(parsed.Errors) > 0 {
		e := parsed.Errors[0]
		a.message, a.code, a.reason = e.Message, e.Extensions.Code, e.Extensions.Reason
	}
	return a
}

func wantNoLeak(t *testing.T, a rawAnswer) {
	t.Helper()
	for _, l := range leaks {
		if bytes.Contains(a.body, []byte(l)) {
			t.Errorf("the answer leaks %q: %s", l, a.body)
		}
	}
	if len(a.body) > 600 {
		t.Errorf("the answer is %d bytes; a refusal says what is wrong and echoes nothing: %.300s", len(a.body), a.body)
	}
}

func TestHTTPRefusalsAreCodedAndLeakNothing(t *testing.T) {
	api := startAPI(t, nil)
	batch := "[" + strings.Repeat(`{"query":"{ __typename }"},`, 1000) + `{"query":"{ __typename }"}]`
	for _, tc := range []struct {
		name, method, contentType, body string
		status                          int
		code, reason                    string
		parts                           []string
	}{
		{"variables a string", "POST", "application/json", `{"query": "{ __typename }", "variables": "x"}`, 400, "BAD_USER_INPUT", "BAD_REQUEST", []string{"variables", "object", "a string"}},
		{"variables an array", "POST", "application/json", `{"query": "{ __typename }", "variables": [1]}`, 400, "BAD_USER_INPUT", "BAD_REQUEST", []string{"variables", "an array"}},
		{"extensions a number", "POST", "application/json", `{"query": "{ __typename }", "extensions": 1}`, 400, "BAD_USER_INPUT", "BAD_REQUEST", []string{"extensions", "a number"}},
		{"query a number", "POST", "application/json", `{"query": 1}`, 400, "BAD_USER_INPUT", "BAD_REQUEST", []string{"query", "string", "a number"}},
		{"operationName an object", "POST", "application/json", `{"query": "{ __typename }", "operationName": {}}`, 400, "BAD_USER_INPUT", "BAD_REQUEST", []string{"operationName"}},
		{"no query", "POST", "application/json", `{"qeury": "{ __typename }"}`, 400, "BAD_USER_INPUT", "BAD_REQUEST", []string{"no query"}},
		{"truncated JSON", "POST", "application/json", `{"query": "{ __typename }"`, 400, "BAD_USER_INPUT", "BAD_REQUEST", []string{"not JSON", "byte 26"}},
		{"not JSON", "POST", "application/json", `hello`, 400, "BAD_USER_INPUT", "BAD_REQUEST", []string{"not JSON", "byte 1"}},
		{"empty body", "POST", "application/json", ``, 400, "BAD_USER_INPUT", "BAD_REQUEST", []string{"empty"}},
		{"a second value after the object", "POST", "application/json", `{"query": "{ __typename }"} {"query": "{ __typename }"}`, 400, "BAD_USER_INPUT", "BAD_REQUEST", []string{"goes on", "byte 29"}},
		{"a batch of 1001", "POST", "application/json", batch, 400, "BAD_USER_INPUT", "BATCH_NOT_SUPPORTED", []string{"batch", "one request"}},
		{"PUT", "PUT", "application/json", `{"query": "{ __typename }"}`, 405, "BAD_USER_INPUT", "METHOD_NOT_ALLOWED", []string{"PUT", "POST"}},
		{"DELETE", "DELETE", "", ``, 405, "BAD_USER_INPUT", "METHOD_NOT_ALLOWED", []string{"DELETE"}},
		{"text/plain", "POST", "text/plain", `{"query": "{ __typename }"}`, 415, "BAD_USER_INPUT", "UNSUPPORTED_MEDIA_TYPE", []string{"application/json"}},
		{"no Content-Type", "POST", "", `{"query": "{ __typename }"}`, 415, "BAD_USER_INPUT", "UNSUPPORTED_MEDIA_TYPE", []string{"Content-Type"}},
		{"Latin-1", "POST", "application/json; charset=iso-8859-1", `{"query": "{ __typename }"}`, 415, "BAD_USER_INPUT", "UNSUPPORTED_MEDIA_TYPE", []string{"UTF-8"}},
		{"bad UTF-8 in the query", "POST", "application/json", "{\"query\": \"{ search(text: \\\"S\xffCH\\\") { matched } }\"}", 400, "BAD_USER_INPUT", "INVALID_UTF8", []string{"UTF-8", "byte 30", "0xff"}},
		{"bad UTF-8 in variables", "POST", "application/json", "{\"query\": \"query($t: String!) { search(text: $t) { matched } }\", \"variables\": {\"t\": \"S\xc3(CH\"}}", 400, "BAD_USER_INPUT", "INVALID_UTF8", []string{"UTF-8", "0xc3"}},
		{"lone surrogate escape", "POST", "application/json", `{"query": "query($t: String!) { search(text: $t) { matched } }", "variables": {"t": "S\ud800CH"}}`, 400, "BAD_USER_INPUT", "INVALID_UTF8", []string{"surrogate"}},
		{"2 MiB by Content-Length", "POST", "application/json", `{"query": "{ __typename }", "variables": {"pad": "` + strings.Repeat("x", 2<<20) + `"}}`, 413, "BAD_USER_INPUT", "PAYLOAD_TOO_LARGE", []string{"1 MiB"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, api.http.URL+"/graphql", strings.NewReader(tc.body))
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			before := api.store.total()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			a := readAnswer(t, resp)
			if a.status != tc.status || a.code != tc.code || a.reason != tc.reason {
				t.Fatalf("status %d, code %q, reason %q; want %d, %s, %s: %s", a.status, a.code, a.reason, tc.status, tc.code, tc.reason, a.body)
			}
			for _, p := range tc.parts {
				if !strings.Contains(a.message, p) {
					t.Errorf("the message %q does not mention %q", a.message, p)
				}
			}
			if a.hasData {
				t.Errorf("a refused request has a data entry: %s", a.body)
			}
			if tc.status == 405 && a.header.Get("Allow") == "" {
				t.Error("a 405 without an Allow header")
			}
			wantNoLeak(t, a)
			if n := api.store.total() - before; n != 0 {
				t.Errorf("the refused request made %d store calls", n)
			}
		})
	}
}

// TestHTTPChunkedBodyOverTheLimit sends a body without Content-Length,
// in chunks adding up to 2 MiB: refused like one that announces its size.
func TestHTTPChunkedBodyOverTheLimit(t *testing.T) {
	api := startAPI(t, nil)
	body := `{"query": "{ __typename }", "variables": {"pad": "` + strings.Repeat("x", 2<<20) + `"}}`
	// A reader of unknown length makes the client send chunks.
	req, _ := http.NewRequest(http.MethodPost, api.http.URL+"/graphql", io.MultiReader(strings.NewReader(body)))
	req.Header.Set("Content-Type", "application/json")
	if req.ContentLength != 0 {
		t.Fatal("the request has a Content-Length; it would not be sent in chunks")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	a := readAnswer(t, resp)
	if a.status != http.StatusRequestEntityTooLarge || a.code != "BAD_USER_INPUT" || a.reason != "PAYLOAD_TOO_LARGE" {
		t.Fatalf("a chunked 2 MiB body: status %d, %s/%s: %s", a.status, a.code, a.reason, a.body)
	}
	wantNoLeak(t, a)
}

// TestHTTPSlowBodyAnswers408 sends 10 of the 100 bytes its Content-Length
// announces and stops: the server answers 408 once the request timeout
// passes, not 200 with the connection's addresses.
func TestHTTPSlowBodyAnswers408(t *testing.T) {
	api := startAPI(t, map[string]string{"ECOGRAPH_REQUEST_TIMEOUT": "1s"})
	stallBody(t, strings.TrimPrefix(api.http.URL, "http://"))
	// The server is still there for everyone else.
	var got struct {
		Typename string `json:"__typename"`
	}
	api.query(`{ __typename }`, nil, &got)
}

// TestProcessSlowBodyAnswers408 does the same to the binary, whose
// http.Server has its own read timeouts.
func TestProcessSlowBodyAnswers408(t *testing.T) {
	embeddedOnly(t)
	bin := buildBinary(t)
	addr := freeAddr(t)
	srv := startProcess(t, bin, []string{"ECOGRAPH_REQUEST_TIMEOUT=1s"}, "serve", "--addr", addr, "--data", filepath.Join(t.TempDir(), "e.db"))
	srv.waitReady(t, addr)
	stallBody(t, addr)
}

// stallBody sends a POST whose body stops after 10 of its 100 bytes, and
// checks the answer: 408, UNAVAILABLE, REQUEST_TIMEOUT, within 2.5 s of a
// 1 s request timeout, leaking nothing.
func stallBody(t *testing.T, addr string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	_, err = io.WriteString(conn, "POST /graphql HTTP/1.1\r\nHost: ecograph\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":")
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a stalled body: %v", err)
	}
	took := time.Since(start)
	a := readAnswer(t, resp)
	t.Logf("answered %d after %v", a.status, took)
	if a.status != http.StatusRequestTimeout || a.code != "UNAVAILABLE" || a.reason != "REQUEST_TIMEOUT" {
		t.Fatalf("a stalled body: status %d, %s/%s: %s", a.status, a.code, a.reason, a.body)
	}
	if took > 2500*time.Millisecond {
		t.Errorf("a stalled body was answered after %v; the request timeout is 1 s", took)
	}
	wantNoLeak(t, a)
}

// TestHTTPBadUTF8WritesNothing: a mutation whose name is not UTF-8 is
// refused whole, not stored with U+FFFD in place of the bad byte.
func TestHTTPBadUTF8WritesNothing(t *testing.T) {
	api := startAPI(t, nil)
	body := "{\"query\": \"mutation($n: String!) { createActor(input: {id: \\\"bad-utf8\\\", kind: STARTUP, name: $n}) { id } }\", \"variables\": {\"n\": \"Caf\xe9\"}}"
	req, _ := http.NewRequest(http.MethodPost, api.http.URL+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	a := readAnswer(t, resp)
	if a.status != http.StatusBadRequest || a.reason != "INVALID_UTF8" {
		t.Fatalf("status %d, reason %q: %s", a.status, a.reason, a.body)
	}
	if api.actorExists("bad-utf8") {
		t.Fatal("the actor with a malformed name was written")
	}
}

// TestHTTPStatusFollowsTheMediaType: a request GraphQL refuses before
// running it (parse, validation, variables, limits, the write guard)
// answers 200 to an application/json client and a 4xx to an
// application/graphql-response+json one, with no data entry either way;
// an operation that ran answers 200 with its data.
func TestHTTPStatusFollowsTheMediaType(t *testing.T) {
	api := startAPI(t, nil)
	deep := "{ actor(id: \"" + schID + "\") { " + strings.Repeat("relations { edges { other { ", 7) + "name" + strings.Repeat(" } } }", 7) + " } }"
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		code        string
		jsonStatus  int
		gqlStatus   int
	}{
		{"parse failure", `{ actor(id: "x") { name `, nil, "BAD_USER_INPUT", 200, 400},
		{"validation failure", `{ actor(id: "x") { noSuchField } }`, nil, "BAD_USER_INPUT", 200, 400},
		{"variable coercion", `query($n: Int) { actors(first: $n) { totalCount } }`, map[string]any{"n": "many"}, "BAD_USER_INPUT", 200, 400},
		{"a limit on an argument", `{ actors(first: 1000) { totalCount } }`, nil, "BAD_USER_INPUT", 200, 400},
		{"too deep", deep, nil, "QUERY_TOO_COMPLEX", 200, 400},
		{"a mutation without a key", `mutation { deleteActor(id: "x") }`, nil, "UNAUTHENTICATED", 200, 401},
	} {
		for _, accept := range []string{"application/json", "application/graphql-response+json"} {
			t.Run(tc.name+" as "+accept, func(t *testing.T) {
				body, _ := json.Marshal(map[string]any{"query": tc.query, "variables": tc.vars})
				req, _ := http.NewRequest(http.MethodPost, api.http.URL+"/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Accept", accept)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				a := readAnswer(t, resp)
				want := tc.jsonStatus
				if accept != "application/json" {
					want = tc.gqlStatus
				}
				if a.status != want || a.code != tc.code {
					t.Fatalf("status %d, code %q; want %d, %s: %s", a.status, a.code, want, tc.code, a.body)
				}
				if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, accept) {
					t.Errorf("Content-Type %q, want %s", ct, accept)
				}
				if a.hasData {
					t.Errorf("a request refused before execution has a data entry: %s", a.body)
				}
			})
		}
	}
	t.Run("an operation that ran", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, api.http.URL+"/graphql", strings.NewReader(`{"query": "{ actor(id: \"no-such-actor\") { id } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/graphql-response+json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		a := readAnswer(t, resp)
		if a.status != 200 || !a.hasData {
			t.Fatalf("status %d: %s", a.status, a.body)
		}
	})
}

// TestHTTPGETRefusals: over GET, a mutation is 405 whatever the key (GET
// must not write), and malformed parameters are refused with their
// reason.
func TestHTTPGETRefusals(t *testing.T) {
	api := startAPI(t, nil)
	for _, tc := range []struct {
		name, rawQuery, auth string
		status               int
		reason               string
		parts                []string
	}{
		{"mutation without a key", "query=" + url.QueryEscape(`mutation { deleteActor(id: "`+schID+`") }`), "", 405, "METHOD_NOT_ALLOWED", []string{"POST"}},
		{"mutation with a key", "query=" + url.QueryEscape(`mutation { deleteActor(id: "`+schID+`") }`), testKey, 405, "METHOD_NOT_ALLOWED", []string{"POST"}},
		{"no query", "", "", 400, "BAD_REQUEST", []string{"query"}},
		{"variables not JSON", "query=" + url.QueryEscape(`{ __typename }`) + "&variables=%7B1", "", 400, "BAD_REQUEST", []string{"variables", "not JSON"}},
		{"variables an array", "query=" + url.QueryEscape(`{ __typename }`) + "&variables=%5B%5D", "", 400, "BAD_REQUEST", []string{"variables", "an array"}},
		{"bad UTF-8", "query=%7B%20search(text%3A%20%22%FF%22)%20%7B%20matched%20%7D%20%7D", "", 400, "INVALID_UTF8", []string{"query", "UTF-8"}},
		{"broken escape", "query=%zz", "", 400, "BAD_REQUEST", []string{"malformed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, api.http.URL+"/graphql?"+tc.rawQuery, nil)
			if tc.auth != "" {
				req.Header.Set("Authorization", "Bearer "+tc.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			a := readAnswer(t, resp)
			if a.status != tc.status || a.reason != tc.reason || a.code != "BAD_USER_INPUT" {
				t.Fatalf("status %d, %s/%s; want %d, BAD_USER_INPUT/%s: %s", a.status, a.code, a.reason, tc.status, tc.reason, a.body)
			}
			for _, p := range tc.parts {
				if !strings.Contains(a.message, p) {
					t.Errorf("the message %q does not mention %q", a.message, p)
				}
			}
			wantNoLeak(t, a)
		})
	}
	if !api.actorExists(schID) {
		t.Fatal("a mutation over GET deleted its actor")
	}
	req, _ := http.NewRequest(http.MethodOptions, api.http.URL+"/graphql", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Allow") != "GET, POST, OPTIONS" {
		t.Fatalf("OPTIONS: status %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

// runNodeTool runs one of scripts/node's tools against the API's GraphQL
// endpoint and returns its output and error. Without Node or
// scripts/node/node_modules the test skips, and fails under CI=true, where
// scripts/test must have installed them (scripts/node-deps).
func runNodeTool(t *testing.T, api *apiServer, script string) (string, error) {
	t.Helper()
	missing := ""
	node, err := exec.LookPath("node")
	if err != nil {
		missing = "node is not installed"
	} else if _, err := os.Stat(filepath.Join("scripts", "node", "node_modules", "graphql-http", "package.json")); err != nil {
		missing = "scripts/node/node_modules is not installed: run scripts/node-deps"
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatal(missing)
		}
		t.Skip(missing)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, filepath.Join("scripts", "node", script), api.http.URL+"/graphql").CombinedOutput()
	return string(out), err
}

// TestGraphQLOverHTTPAudit runs graphql-http's server audit (the
// GraphQL-over-HTTP spec's checks, pinned in scripts/node/package.json)
// against the real API: no error and no warning.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	api := startAPI(t, nil)
	out, err := runNodeTool(t, api, "audit.mjs")
	t.Log(out)
	if err != nil {
		t.Fatalf("the audit failed: %v", err)
	}
	summary := regexp.MustCompile(`(\d+) ok, \d+ notices, (\d+) warnings, (\d+) errors`).FindStringSubmatch(out)
	if summary == nil || summary[2] != "0" || summary[3] != "0" {
		t.Fatalf("want 0 warnings and 0 errors, got %q", summary)
	}
	if n, _ := strconv.Atoi(summary[1]); n < 50 {
		t.Fatalf("only %d audits passed; did the audit run?", n)
	}
}

// TestStandardIntrospectionQuery reads the schema as GraphiQL and codegen
// do, with graphql-js's getIntrospectionQuery() and buildClientSchema,
// while the depth limit still refuses a 50-deep query, of data or of the
// schema.
func TestStandardIntrospectionQuery(t *testing.T) {
	api := startAPI(t, nil)
	out, err := runNodeTool(t, api, "introspect.mjs")
	t.Log(out)
	if err != nil {
		t.Fatalf("introspection failed: %v", err)
	}
	m := regexp.MustCompile(`types: (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("introspect.mjs printed no type count")
	}
	if n, _ := strconv.Atoi(m[1]); n <= 20 {
		t.Fatalf("the schema built from introspection has %d types; ecograph's has more than 20", n)
	}
	deepData := "{ actor(id: \"" + schID + "\") { " + strings.Repeat("relations { edges { other { ", 17) + "name" + strings.Repeat(" } } }", 17) + " } }"
	deepSchema := "{ __schema { types { fields { type { " + strings.Repeat("ofType { ", 46) + "name" + strings.Repeat(" }", 46) + " } } } } }"
	for name, q := range map[string]string{"data": deepData, "schema": deepSchema} {
		wantError(t, api.post(q, nil, ""), "QUERY_TOO_COMPLEX")
		t.Logf("a 50-deep query of the %s is refused", name)
	}
}
