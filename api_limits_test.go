package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store/embedded"
)

// The tests of this file send hostile and careless requests through the
// HTTP API, on whichever store the HTTP tests run on, and check that each
// is refused before any store work with the code and words a client can
// act on.

// wantRefusal checks a refusal's code and words, that nothing internal
// leaks, and that the store was not asked anything.
func wantRefusal(t *testing.T, api *apiServer, query string, vars map[string]any, code string, parts ...string) gqlError {
	t.Helper()
	before := api.store.total()
	r := api.post(query, vars, "")
	e := wantError(t, r, code, parts...)
	for _, l := range leaks {
		if strings.Contains(e.Message, l) {
			t.Errorf("the refusal %q shows %q", e.Message, l)
		}
	}
	if n := api.store.total() - before; n != 0 {
		t.Errorf("the refused request made %d store calls", n)
	}
	return e
}

func TestHostileDocumentsAreRefusedFast(t *testing.T) {
	api := startAPI(t, nil)
	for _, tc := range []struct {
		name, query, code string
		parts             []string
	}{
		{"24 fragments each spreading the next twice", fanOut(24), "QUERY_TOO_COMPLEX", []string{"complexity", "20000"}},
		{"25 fragments each spreading the next twice", fanOut(25), "QUERY_TOO_COMPLEX", []string{"complexity"}},
		// 2^40 spreads: refused in time only if each fragment is measured once.
		{"40 fragments each spreading the next twice", fanOut(40), "QUERY_TOO_COMPLEX", []string{"complexity"}},
		{"fragments multiplying aliases", fanOutWith(24, "x: id ...NEXT ...NEXT"), "QUERY_TOO_COMPLEX", []string{"aliases", "30"}},
		{"fragments nesting relations", fanOutWith(24, "relations { edges { other { ...NEXT } } } country { ...NEXT }"), "QUERY_TOO_COMPLEX", []string{"levels", "12"}},
		{"a query 50 levels deep", nested(50), "QUERY_TOO_COMPLEX", []string{"levels", "12"}},
		{"introspection nesting fields in types", hostileIntrospection(20), "BAD_USER_INPUT", []string{"introspection depth"}},
		{"introspection nesting possible types", "{ __type(name: \"Actor\") { " + strings.Repeat("possibleTypes { interfaces { ", 10) + "name" + strings.Repeat(" } }", 10) + " } }", "BAD_USER_INPUT", []string{"introspection depth"}},
		{"introspection nesting ofType", "{ __type(name: \"Actor\") { " + strings.Repeat("ofType { ", 30) + "name" + strings.Repeat(" }", 30) + " } }", "QUERY_TOO_COMPLEX", []string{"introspection", "ofType", "30 times", "16"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			wantRefusal(t, api, tc.query, nil, tc.code, tc.parts...)
			// Loosely: the point is that a refusal is not minutes of
			// walking; BenchmarkHostileDocuments measures it.
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refused after %v", d)
			}
		})
	}
}

func TestStandardIntrospectionQueryPasses(t *testing.T) {
	api := startAPI(t, nil)
	var got struct {
		Schema struct {
			QueryType struct{ Name string } `json:"queryType"`
			Types     []struct {
				Name   string
				Fields []struct {
					Name string
					Type struct {
						Kind   string
						OfType *struct{ Kind, Name string } `json:"ofType"`
					}
				}
			}
		} `json:"__schema"`
	}
	api.query(introspectionQuery, nil, &got)
	if got.Schema.QueryType.Name != "Query" || len(got.Schema.Types) < 20 {
		t.Fatalf("introspection answered %d types, query type %q", len(got.Schema.Types), got.Schema.QueryType.Name)
	}
	for _, ty := range got.Schema.Types {
		for _, f := range ty.Fields {
			if ty.Name == "Query" && f.Name == "actors" && (f.Type.Kind != "NON_NULL" || f.Type.OfType == nil || f.Type.OfType.Name != "ActorConnection") {
				t.Errorf("Query.actors reads as %+v", f.Type)
			}
		}
	}
	// The rule that lets it through still refuses an ordinary query as
	// deep as it is.
	wantRefusal(t, api, nested(15), nil, "QUERY_TOO_COMPLEX", "levels")
}

func TestIntArgumentsRefuseStringsAndOutOfRange(t *testing.T) {
	api := startAPI(t, nil)
	fields := []struct{ query, arg string }{
		{`query($n: Int) { actors(first: $n) { totalCount } }`, "first"},
		{`query($n: Int) { search(text: "sch", first: $n) { matched } }`, "first"},
		{`query($n: Int) { neighborhood(id: "` + schID + `", depth: $n) { truncated } }`, "depth"},
		{`query($n: Int) { neighborhood(id: "` + schID + `", limit: $n) { truncated } }`, "limit"},
		{`query($n: Int) { shortestPath(from: "` + schID + `", to: "` + itParkID + `", maxLength: $n) { length } }`, "maxLength"},
		{`query($n: Int) { paths(from: "` + schID + `", to: "` + itParkID + `", first: $n) { length } }`, "first"},
		{`query($n: Int) { actor(id: "` + schID + `") { relations(first: $n) { totalCount } } }`, "first"},
		{`query($n: Int) { centrality(measure: DEGREE, first: $n) { score } }`, "first"},
		{`query($n: Int) { brokers(first: $n) { separated } }`, "first"},
		{`query($n: Int) { communities(first: $n) { size } }`, "first"},
		{`query($n: Int) { communities { actors(first: $n) { id } } }`, "first"},
		{`query($n: Int) { timeline(first: $n) { id } }`, "first"},
	}
	values := []struct {
		value any
		words string
	}{
		{"9999", "string"},
		{"-1", "string"},
		{"4611686018427387905", "string"},
		{json.Number("4611686018427387905"), "out of range"},
		{9999, "9999"},
		{-1, "-1"},
	}
	for _, f := range fields {
		for _, v := range values {
			t.Run(fmt.Sprintf("%s=%v in %.40s", f.arg, v.value, f.query), func(t *testing.T) {
				wantRefusal(t, api, f.query, map[string]any{"n": v.value}, "BAD_USER_INPUT", f.arg, v.words, "$n")
			})
		}
	}
	for _, v := range []any{json.Number("1.5"), json.Number("1e30"), true, []any{1}, map[string]any{"a": 1}} {
		t.Run(fmt.Sprintf("first=%v", v), func(t *testing.T) {
			wantRefusal(t, api, fields[0].query, map[string]any{"n": v}, "BAD_USER_INPUT", "$n", "not an Int")
		})
	}
	t.Run("a literal beyond 32 bits", func(t *testing.T) {
		wantRefusal(t, api, `{ actors(first: 4611686018427387905) { totalCount } }`, nil, "BAD_USER_INPUT", "first")
	})
	t.Run("a number in range still works", func(t *testing.T) {
		var got struct{ Actors struct{ Edges []any } }
		api.query(`query($n: Int) { actors(first: $n) { edges { cursor } } }`, map[string]any{"n": 3}, &got)
		if len(got.Actors.Edges) != 3 {
			t.Fatalf("first: 3 gave %d actors", len(got.Actors.Edges))
		}
	})
}

func TestFirstZeroIsAnEmptyList(t *testing.T) {
	api := startAPI(t, nil)
	for _, q := range []string{
		`{ list: centrality(measure: DEGREE, first: 0) { score } }`,
		`{ list: centrality(measure: PAGERANK, first: 0) { score } }`,
		`{ list: brokers(first: 0) { separated } }`,
		`{ list: communities(first: 0) { size } }`,
		`{ list: timeline(first: 0) { id } }`,
		`{ list: search(text: "sch", first: 0) { matched } }`,
		`{ list: paths(from: "` + schID + `", to: "` + itParkID + `", first: 0) { length } }`,
		`{ communities(first: 1) { list: actors(first: 0) { id } } }`,
	} {
		var got struct {
			List        []any
			Communities []struct{ List []any }
		}
		api.query(q, nil, &got)
		list := got.List
		if len(got.Communities) > 0 {
			list = got.Communities[0].List
		}
		if list == nil || len(list) != 0 {
			t.Errorf("%s gave %d items; want an empty list", q, len(list))
		}
	}
}

func TestFirstZeroIsAnEmptyPage(t *testing.T) {
	api := startAPI(t, nil)
	var got struct {
		Actors struct {
			Edges      []any
			TotalCount int
		}
		Actor struct {
			Relations struct{ Edges []any }
		}
		CommonNeighbors struct{ Actors []any }
	}
	api.query(`{ actors(first: 0) { edges { cursor } totalCount }
	  actor(id: "`+schID+`") { relations(first: 0) { edges { cursor } } }
	  commonNeighbors(a: "`+schID+`", b: "`+itParkID+`", first: 0) { actors { id } } }`, nil, &got)
	if len(got.Actors.Edges)+len(got.Actor.Relations.Edges)+len(got.CommonNeighbors.Actors) != 0 || got.Actors.TotalCount == 0 {
		t.Errorf("first: 0 gave %+v", got)
	}
}

func TestTimelineAndCommunityMembersPage(t *testing.T) {
	api := startAPI(t, nil)
	type ids []struct{ ID string }
	var all struct{ Timeline ids }
	api.query(`{ timeline { id } }`, nil, &all)
	if len(all.Timeline) < 3 {
		t.Fatalf("the seed timeline has %d events; the test needs 3", len(all.Timeline))
	}
	var paged ids
	var after any
	for range len(all.Timeline) + 1 {
		var got struct{ Timeline ids }
		api.query(`query($after: ID) { timeline(first: 2, after: $after) { id } }`, map[string]any{"after": after}, &got)
		if len(got.Timeline) == 0 {
			break
		}
		paged = append(paged, got.Timeline...)
		after = got.Timeline[len(got.Timeline)-1].ID
	}
	if fmt.Sprint(paged) != fmt.Sprint(all.Timeline) {
		t.Errorf("pages of 2 give %v; the whole timeline is %v", paged, all.Timeline)
	}

	var comms struct {
		Communities []struct {
			ID     string
			Size   int
			Actors ids
		}
	}
	api.query(`{ communities(first: 1) { id size actors(first: 2) { id } } }`, nil, &comms)
	c := comms.Communities[0]
	if c.Size < 3 || len(c.Actors) != 2 {
		t.Fatalf("the largest community has size %d and its first page %d actors", c.Size, len(c.Actors))
	}
	members := c.Actors
	for len(members) < c.Size {
		var got struct {
			Communities []struct{ Actors ids }
		}
		api.query(`query($after: ID) { communities(first: 1) { actors(first: 2, after: $after) { id } } }`, map[string]any{"after": members[len(members)-1].ID}, &got)
		if len(got.Communities[0].Actors) == 0 {
			break
		}
		members = append(members, got.Communities[0].Actors...)
	}
	seen := map[string]bool{}
	for _, m := range members {
		if seen[m.ID] {
			t.Errorf("member %s comes twice", m.ID)
		}
		seen[m.ID] = true
	}
	if len(members) != c.Size {
		t.Errorf("paging gave %d members of %d", len(members), c.Size)
	}
	wantRefusal(t, api, `{ timeline(first: 101) { id } }`, nil, "BAD_USER_INPUT", "timeline", "first", "100")
	wantRefusal(t, api, `{ communities { actors(first: 101) { id } } }`, nil, "BAD_USER_INPUT", "actors", "first", "100")
	wantError(t, api.post(`{ timeline(after: "no-such-event") { id } }`, nil, ""), "BAD_USER_INPUT", "after", "no-such-event")
	// Members are priced: 20 communities of 100 members, each with 50
	// relations, cost far more than a request may.
	wantRefusal(t, api, `{ communities { actors { relations { totalCount } } } }`, nil, "QUERY_TOO_COMPLEX", "complexity")
}

func TestStringArgumentsAreCapped(t *testing.T) {
	api := startAPI(t, nil)
	long := func(n int) string { return strings.Repeat("a", n) }
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		key         string
		parts       []string
	}{
		{"900 KB of search text", `query($t: String!) { search(text: $t) { matched } }`, map[string]any{"t": long(900 * 1024)}, "",
			[]string{"search: text is 921600 bytes; at most 1024 are allowed"}},
		{"an id of 300 bytes", `query($id: ID!) { actor(id: $id) { name } }`, map[string]any{"id": long(300)}, "", []string{"actor: id is 300 bytes", "256"}},
		{"a path end of 300 bytes", `query($id: ID!) { shortestPath(from: $id, to: "x") { length } }`, map[string]any{"id": long(300)}, "", []string{"shortestPath: from", "256"}},
		{"a timeline actor of 300 bytes", `query($id: ID) { timeline(actor: $id) { id } }`, map[string]any{"id": long(300)}, "", []string{"timeline: actor", "256"}},
		{"a cursor of 600 bytes", `query($c: String) { actors(after: $c) { totalCount } }`, map[string]any{"c": long(600)}, "", []string{"actors: after", "512"}},
		{"a description of 20,000 bytes", `mutation($d: String) { createActor(input: {kind: STARTUP, name: "Long", description: $d}) { id } }`, map[string]any{"d": long(20000)}, testKey,
			[]string{"createActor: input.description is 20000 bytes; at most 10000 are allowed"}},
		{"a name of 2,000 bytes", `mutation($n: String!) { addAlias(id: "` + schID + `", alias: $n) { id } }`, map[string]any{"n": long(2000)}, testKey, []string{"addAlias: alias", "1024"}},
		{"an excerpt of 20,000 bytes", `mutation($e: String) { createRelation(input: {type: PARTNERS_WITH, from: "` + schID + `", to: "` + itParkID + `", citations: [{source: "x", excerpt: $e}]}) { id } }`, map[string]any{"e": long(20000)}, testKey,
			[]string{"createRelation: input.citations.excerpt", "10000"}},
		{"101 aliases", `mutation($a: [String!]) { createActor(input: {kind: STARTUP, name: "Many", aliases: $a}) { id } }`, map[string]any{"a": make([]string, 101)}, testKey,
			[]string{"input.aliases is 101 items; at most 100"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := api.store.total()
			start := time.Now()
			r := api.post(tc.query, tc.vars, tc.key)
			wantError(t, r, "BAD_USER_INPUT", tc.parts...)
			if n := api.store.total() - before; n != 0 {
				t.Errorf("the refused request made %d store calls", n)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refused after %v", d)
			}
		})
	}
}

// fanOut is a document of n fragments, each spreading the next twice: a
// walk that expands spreads afresh visits 2^n selections.
func fanOut(n int) string { return fanOutWith(n, "...NEXT ...NEXT") }

// fanOutWith is a document of n fragments on Actor, each holding body
// with NEXT naming the fragment after it; the last selects id.
func fanOutWith(n int, body string) string {
	var b strings.Builder
	b.WriteString("{ actor(id: \"x\") { ...F0 } }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Actor { %s }\n", i, strings.ReplaceAll(body, "NEXT", fmt.Sprintf("F%d", i+1)))
	}
	fmt.Fprintf(&b, "fragment F%d on Actor { id }\n", n)
	return b.String()
}

// nested is an ordinary query depth levels deep.
func nested(depth int) string {
	n := (depth - 2) / 3
	return "{ actor(id: \"x\") { " + strings.Repeat("relations { edges { other { ", n) + "id" + strings.Repeat(" } } }", n) + " } }"
}

// hostileIntrospection nests fields and their types n times.
func hostileIntrospection(n int) string {
	return "{ __schema { types { " + strings.Repeat("fields { type { ", n) + "name" + strings.Repeat(" } }", n) + " } } }"
}

// hostileDocuments are the documents a limit must refuse, each with the
// variables it is sent with.
var hostileDocuments = []struct {
	name  string
	query string
	vars  map[string]any
}{
	{"fan-out 24 fragments", fanOut(24), nil},
	{"fan-out 25 fragments", fanOut(25), nil},
	{"fan-out 24 fragments of aliases", fanOutWith(24, "x: id ...NEXT ...NEXT"), nil},
	{"50 levels deep", nested(50), nil},
	{"introspection 40 levels", hostileIntrospection(20), nil},
	{"search text 900 KB", `query($t: String!) { search(text: $t) { matched } }`, map[string]any{"t": strings.Repeat("a", 900*1024)}},
	{"first as a string", `query($n: Int) { actors(first: $n) { totalCount } }`, map[string]any{"n": "9999"}},
	{"first as a huge number", `query($n: Int) { actors(first: $n) { totalCount } }`, map[string]any{"n": json.Number("4611686018427387905")}},
	{"1,600 aliased fields", "{ " + strings.Repeat("a: __typename ", 1600) + "}", nil},
}

// BenchmarkHostileDocuments measures how long the API takes to refuse each
// hostile document, through the whole HTTP handler over the seed network:
//
//	go test . -run '^$' -bench HostileDocuments -benchtime 3x
func BenchmarkHostileDocuments(b *testing.B) {
	st, err := embedded.Open(filepath.Join(b.TempDir(), "ecograph.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := seed.LoadIfEmpty(context.Background(), st); err != nil {
		b.Fatal(err)
	}
	h := newHandler(testConfig(b, map[string]string{"ECOGRAPH_INTROSPECTION": "true"}), st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for _, doc := range hostileDocuments {
		body := graphQLBody(doc.query, doc.vars)
		b.Run(doc.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if !strings.Contains(w.Body.String(), `"errors"`) {
					b.Fatalf("%s was not refused: %d %.300s", doc.name, w.Code, w.Body.String())
				}
			}
		})
	}
}

// graphQLBody is a POST /graphql JSON body.
func graphQLBody(query string, vars map[string]any) string {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return string(body)
}

// introspectionQuery is graphql-js's getIntrospectionQuery() (v16, default
// options): what GraphiQL, Apollo Sandbox and code generators send. Its
// TypeRef fragment nests ofType seven times.
const introspectionQuery = `
    query IntrospectionQuery {
      __schema {
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types {
          ...FullType
        }
        directives {
          name
          description
          locations
          args {
            ...InputValue
          }
        }
      }
    }

    fragment FullType on __Type {
      kind
      name
      description
      fields(includeDeprecated: true) {
        name
        description
        args {
          ...InputValue
        }
        type {
          ...TypeRef
        }
        isDeprecated
        deprecationReason
      }
      inputFields {
        ...InputValue
      }
      interfaces {
        ...TypeRef
      }
      enumValues(includeDeprecated: true) {
        name
        description
        isDeprecated
        deprecationReason
      }
      possibleTypes {
        ...TypeRef
      }
    }

    fragment InputValue on __InputValue {
      name
      description
      type { ...TypeRef }
      defaultValue
    }

    fragment TypeRef on __Type {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                  }
                }
              }
            }
          }
        }
      }
    }
  `
