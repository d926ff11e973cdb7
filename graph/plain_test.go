package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/synth"
)

// plainNetwork is a small synthetic network in an embedded store, with a
// few actors whose names need escaping in JSON, joined to the rest.
func plainNetwork(t *testing.T) (store.Store, []string) {
	t.Helper()
	d := synth.Generate(synth.Config{Actors: 600, Relations: 3000, Seed: 7})
	odd := []string{`Quote "Labs"`, `Back\slash Ventures`, "Tab\tand\nnewline Forum", "Ünïcödé 東京 Program", "Bell\x07 Org", `</script> & Co`}
	for i, name := range odd {
		id := fmt.Sprintf("odd-%d", i)
		d.Actors = append(d.Actors, store.Actor{ID: id, Kind: store.KindOrganization, Name: name})
		d.Relations = append(d.Relations, store.Relation{ID: "odd-rel-" + id, Type: store.PartnersWith, From: id, To: d.Actors[i].ID})
	}
	s, err := embedded.Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Load(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(d.Actors))
	for i, a := range d.Actors {
		ids[i] = a.ID
	}
	return s, ids
}

// post sends a GraphQL request to h and returns the answer's bytes.
func post(t *testing.T, h http.Handler, query string, vars map[string]any) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	return rec.Body.Bytes()
}

// TestPlainAnswersAsGqlgen: the walks', the overview's and actor pages' answers written
// in one pass (plain.go) are, byte for byte, gqlgen's, for the selections
// it writes and for those it leaves to gqlgen, names needing escapes
// included.
func TestPlainAnswersAsGqlgen(t *testing.T) {
	s, ids := plainNetwork(t)
	plain := NewHandler(s, Options{})
	gqlgen := NewHandler(s, Options{gqlgenOnly: true})
	const actor = `__typename id name kind`
	queries := []struct {
		name, query string
		vars        func(r *rand.Rand) map[string]any
	}{
		{"2-hop", `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) {
			truncated actors { id name kind } relations { id type from { id } to { id } } } }`, nil},
		{"2-hop every plain field, aliased", `query($id: ID!) { n: neighborhood(id: $id, depth: 2, limit: 50) {
			__typename cut: truncated actors { ` + actor + ` ident: id } relations { __typename id type fromId toId
				from { ` + actor + ` } to { ` + actor + ` } } } }`, nil},
		{"1-hop as of", `query($id: ID!) { neighborhood(id: $id, depth: 1, asOf: "2020") { actors { id name } relations { id } } }`, nil},
		{"shortest path", `query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) {
			__typename length actors { ` + actor + ` } relations { type from { id } to { name } } } }`, nil},
		{"shortest path, none", `query($from: ID!) { shortestPath(from: $from, to: $from, maxLength: 1) { length } }`, nil},
		{"overview", `{ overview(limit: 300) { __typename truncated actors { __typename id kind name score community }
			relations { __typename id type from to } } }`, nil},
		{"overview by PageRank", `{ overview(limit: 600, measure: PAGERANK) { actors { id score } relations { id } } }`, nil},
		{"a page of actors", `{ actors(first: 50) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			edges { cursor node { ` + actor + ` } } } }`, nil},
		{"a page after a cursor", `query($after: String) { p: actors(kinds: [ORGANIZATION, STARTUP], first: 20, after: $after) {
			__typename pageInfo { __typename hasNextPage endCursor } edges { __typename cursor node { id ident: id } } } }`, nil},
		{"an empty page", `{ actors(country: "nowhere", first: 5) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor } } }`, nil},
		{"a count", `{ actors(kinds: [STARTUP], first: 0) { totalCount pageInfo { startCursor } } }`, nil},
		{"an actor and its relations", `query($id: ID!) { actor(id: $id) { __typename id name kind relations(first: 30) { __typename totalCount
			pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { __typename cursor direction
				node { __typename id type fromId toId since until } other { ` + actor + ` } } } } }`, nil},
		{"an actor and two pages of its relations", `query($id: ID!) { a: actor(id: $id) { out: relations(direction: OUT, first: 3) { edges { node { id } } }
			in: relations(direction: IN, types: [FOUNDED, PARTICIPATED_IN], first: 3) { totalCount } } }`, nil},
		{"a page of actors and their relations", `{ actors(first: 20) { edges { node { id name
			relations(direction: OUT, types: [FOUNDED, PARTNERS_WITH], first: 5) { totalCount edges { node { id since } other { id name } } } } } } }`, nil},
		{"no such actor", `{ actor(id: "no-such-actor") { id relations { totalCount } } }`, nil},
		// Left to gqlgen: fragments, directives, a key twice, fields
		// of one kind of actor, arguments below the root.
		{"a fragment", `query($id: ID!) { neighborhood(id: $id, limit: 30) { actors { id ... on Startup { founded } } } }`, nil},
		{"a directive", `query($id: ID!) { neighborhood(id: $id, limit: 30) { actors { id name @include(if: true) } } }`, nil},
		{"a key twice", `query($id: ID!) { neighborhood(id: $id, limit: 30) { actors { id id } } }`, nil},
		{"a field of its own", `query($id: ID!) { neighborhood(id: $id, limit: 30) { actors { id description } } }`, nil},
		{"hasPreviousPage after a cursor", `query($after: String) { actors(first: 5, after: $after) { pageInfo { hasPreviousPage } edges { node { id } } } }`, nil},
		{"relations of relations", `query($id: ID!) { actor(id: $id) { relations(first: 3) { edges { other { id relations(first: 2) { totalCount } } } } } }`, nil},
		{"a relation's note", `query($id: ID!) { actor(id: $id) { relations(first: 3) { edges { node { id note } } } } }`, nil},
		{"a page out of range", `query($id: ID!) { actor(id: $id) { id relations(first: 101) { totalCount } } }`, nil},
		{"an actor's own field in a page", `{ actors(first: 5) { edges { node { id description } } } }`, nil},
		{"two root fields", `query($id: ID!) { a: neighborhood(id: $id, limit: 5) { actors { id } } b: neighborhood(id: $id, limit: 5) { relations { id } } }`, nil},
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() string { return ids[r.IntN(len(ids))] }
	page, err := s.Actors(context.Background(), store.ActorFilter{}, store.Page{First: 7})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			// Every odd actor, then random ones.
			for i := range 30 {
				id := pick()
				if i < 6 {
					id = fmt.Sprintf("odd-%d", i)
				}
				vars := map[string]any{"id": id, "from": id, "to": pick(), "after": page.Cursors[i%7]}
				want := post(t, gqlgen, q.query, vars)
				got := post(t, plain, q.query, vars)
				if !bytes.Equal(got, want) {
					t.Fatalf("vars %v: the plain answer\n%s\nis not gqlgen's\n%s", vars, got, want)
				}
				if bytes.Contains(want, []byte(`"errors"`)) && !strings.Contains(q.name, "out of range") {
					t.Fatalf("vars %v: an error: %s", vars, want)
				}
			}
		})
	}
}

// TestPlainSelection: which selections plain.go writes itself.
func TestPlainSelection(t *testing.T) {
	cases := []struct {
		query string
		plain bool
	}{
		{`{ neighborhood(id: "x") { truncated actors { id name kind } relations { id type from { id } to { id } } } }`, true},
		{`{ shortestPath(from: "x", to: "y") { length actors { __typename id } relations { type fromId toId } } }`, true},
		{`{ overview { actors { id kind name score community } relations { id type from to } } }`, true},
		{`{ neighborhood(id: "x") { actors { id ... on Startup { founded } } } }`, false},
		{`{ neighborhood(id: "x") { actors { ...A } } } fragment A on Actor { id }`, false},
		{`{ neighborhood(id: "x") { actors { id @skip(if: false) } } }`, false},
		{`{ neighborhood(id: "x") { actors { id x: name x: name } } }`, false},
		{`{ neighborhood(id: "x") { actors { id relations { totalCount } } } }`, false},
		{`{ neighborhood(id: "x") { relations { since } } }`, false},
		{`{ neighborhood(id: "x") { relations { from { country { id } } } } }`, false},
		{`{ actors { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name kind } } } }`, true},
		{`{ actors { edges { node { id ... on Startup { founded } } } } }`, false},
		{`{ actors { edges { node { id relations { totalCount } } } } }`, true},
		{`{ actors { edges { node { id relations { edges { other { relations { totalCount } } } } } } } }`, false},
		{`{ actor(id: "x") { id relations(first: 3) { edges { cursor direction node { id type since until } other { id } } } } }`, true},
		{`{ actor(id: "x") { relations { edges { node { citations { excerpt } } } } } }`, false},
	}
	schema := publicSchema()
	for _, c := range cases {
		doc, err := gqlparser.LoadQuery(schema, c.query)
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		root := doc.Operations[0].SelectionSet[0].(*ast.Field)
		typ := map[string]string{"neighborhood": "Subgraph", "shortestPath": "Path", "overview": "Overview", "actors": "ActorConnection", "actor": "ActorNode"}[root.Name]
		if _, ok := plainSelection(root.SelectionSet, typ); ok != c.plain {
			t.Errorf("%s: plain %v, want %v", strings.Join(strings.Fields(c.query), " "), ok, c.plain)
		}
	}
}

// TestPlainNumbersAsGqlgen: a score is written as gqlgen writes a Float,
// exponents and signs included, where the networks of the test above
// only give plain decimals.
func TestPlainNumbersAsGqlgen(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1, 52, 0.5, 1.0 / 3, 1e-5, 1.5e-7, 123456789, 1e21, 6.02e23, -2.5e-300, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		var want bytes.Buffer
		graphql.WrapContextMarshaler(context.Background(), graphql.MarshalFloatContext(f)).MarshalGQL(&want)
		w := plainWriter{}
		w.overviewActor([]plainField{{op: opScore}}, &model.OverviewActor{Score: f})
		if got := strings.Trim(string(w.b), "{}"); got != want.String() {
			t.Errorf("%v: written %s, gqlgen writes %s", f, got, want.String())
		}
	}
}
