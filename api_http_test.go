package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestGETRunsQueriesOnly(t *testing.T) {
	api := startAPI(t, nil)
	get := func(query string) gqlResponse {
		req, _ := http.NewRequest(http.MethodGet, api.http.URL+"/graphql?query="+url.QueryEscape(query), nil)
		req.Header.Set("Authorization", "Bearer "+testKey)
		return api.do(req)
	}
	var got struct {
		Actor struct{ Name string } `json:"actor"`
	}
	api.decode(get(`{ actor(id: "`+schID+`") { name } }`), &got)
	if got.Actor.Name != "Soonchunhyang University" {
		t.Fatalf("GET query: %+v", got)
	}
	r := get(`mutation { createActor(input: {id: "via-get", kind: STARTUP, name: "Via GET"}) { id } }`)
	if r.status != http.StatusMethodNotAllowed {
		t.Fatalf("a mutation over GET: status %d, want 405", r.status)
	}
	wantError(t, r, "BAD_USER_INPUT", "POST")
	if api.actorExists("via-get") {
		t.Fatal("a mutation over GET wrote its actor")
	}
}

func TestGraphQLResponseJSON(t *testing.T) {
	api := startAPI(t, nil)
	send := func(query, accept string) gqlResponse {
		req, _ := http.NewRequest(http.MethodPost, api.http.URL+"/graphql", strings.NewReader(`{"query": `+quote(query)+`}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", accept)
		return api.do(req)
	}
	r := send(`{ actor(id: "`+schID+`") { id } }`, "application/graphql-response+json")
	if r.status != 200 || !strings.HasPrefix(r.contentType, "application/graphql-response+json") {
		t.Fatalf("status %d, content type %q", r.status, r.contentType)
	}
	// The GraphQL-over-HTTP spec: a request that fails validation is a 4xx
	// with graphql-response+json, and plain JSON clients still get JSON.
	r = send(`{ nope }`, "application/graphql-response+json")
	if r.status != http.StatusBadRequest {
		t.Fatalf("invalid query with graphql-response+json: status %d, want 400", r.status)
	}
	r = send(`{ actor(id: "x") { id } }`, "application/json")
	if r.status != 200 || !strings.HasPrefix(r.contentType, "application/json") {
		t.Fatalf("status %d, content type %q", r.status, r.contentType)
	}
}

func quote(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestCORSAllowsOnlyConfiguredOrigins(t *testing.T) {
	preflight := func(api *apiServer, origin string) string {
		req, _ := http.NewRequest(http.MethodOptions, api.http.URL+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("Access-Control-Allow-Origin")
	}
	closed := startAPI(t, map[string]string{})
	if got := preflight(closed, "https://app.example.org"); got != "" {
		t.Fatalf("with no ECOGRAPH_CORS_ORIGINS, an origin was allowed: %q", got)
	}
	open := startAPI(t, map[string]string{"ECOGRAPH_CORS_ORIGINS": "https://app.example.org, https://other.example.org"})
	if got := preflight(open, "https://app.example.org"); got != "https://app.example.org" {
		t.Fatalf("a configured origin got %q", got)
	}
	if got := preflight(open, "https://evil.example.com"); got != "" {
		t.Fatalf("an unlisted origin got %q", got)
	}
}

func TestBodyLimit(t *testing.T) {
	api := startAPI(t, nil)
	big := `{"query": "{ __typename }", "variables": {"pad": "` + strings.Repeat("x", 2<<20) + `"}}`
	resp, err := http.Post(api.http.URL+"/graphql", "application/json", strings.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("a 2 MiB body: status %d, want 413", resp.StatusCode)
	}
}

func TestIntrospectionCanBeSwitchedOff(t *testing.T) {
	const q = `{ __schema { queryType { name } } }`
	on := startAPI(t, nil)
	var got struct {
		Schema struct {
			QueryType struct{ Name string } `json:"queryType"`
		} `json:"__schema"`
	}
	on.query(q, nil, &got)
	if got.Schema.QueryType.Name != "Query" {
		t.Fatalf("introspection: %+v", got)
	}
	off := startAPI(t, map[string]string{"ECOGRAPH_INTROSPECTION": "false"})
	wantError(t, off.post(q, nil, ""), "BAD_USER_INPUT", "introspection")
}
