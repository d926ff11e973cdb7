package graph

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestPlainWalksAsGqlgen: neighbourhoods and shortest paths written from
// the store's values (plain_walk.go) are, byte for byte, what gqlgen
// writes, for every selection, argument and error: ends by id alone and
// with more of them, filters, truncated and empty answers, no path,
// missing actors, arguments out of range, refusals of the limits, and
// the selections left to gqlgen.
func TestPlainWalksAsGqlgen(t *testing.T) {
	s, ids := plainNetwork(t)
	plain := NewHandler(s, Options{})
	gqlgen := NewHandler(s, Options{gqlgenOnly: true})
	const actor = `__typename id name kind`
	cases := []struct {
		name, query string
		errs        bool // every answer is an error or holds one
	}{
		{"ends by id", `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) {
			truncated actors { id name kind } relations { id type from { id } to { id } } } }`, false},
		{"ends by id, aliased", `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 40) {
			relations { a: from { x: id } b: to { id y: id } } } }`, false},
		{"ends with their names", `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 60) {
			relations { from { id name } to { ` + actor + ` } } } }`, false},
		{"ends' type names alone", `query($id: ID!) { neighborhood(id: $id, limit: 30) { relations { from { __typename } to { kind } } } }`, false},
		{"every field", `query($id: ID!) { n: neighborhood(id: $id, depth: 3, limit: 25) { __typename truncated
			actors { ` + actor + ` } relations { __typename id type fromId toId from { ` + actor + ` } to { id } } } }`, false},
		{"truncated, limit 1", `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 1) { truncated actors { id } relations { id } } }`, false},
		{"filtered", `query($id: ID!) { neighborhood(id: $id, depth: 2, types: [FOUNDED, PARTNERS_WITH, FOUNDED], kinds: [STARTUP, ORGANIZATION], limit: 50, asOf: "2019-06") {
			truncated actors { id kind } relations { type from { id } to { name } } } }`, false},
		{"empty: no kind reached", `query($id: ID!) { neighborhood(id: $id, kinds: [EVENT], types: [LOCATED_IN], limit: 10) { truncated actors { id } relations { id from { id } } } }`, false},
		{"nothing but truncated", `query($id: ID!) { neighborhood(id: $id) { truncated } }`, false},
		{"default depth and limit", `query($id: ID!) { neighborhood(id: $id) { actors { name } relations { fromId toId } } }`, false},
		{"null depth and limit", `query($id: ID!) { neighborhood(id: $id, depth: null, limit: null, types: null, kinds: null, asOf: null) { actors { id } } }`, false},
		{"a path", `query($id: ID!, $to: ID!) { shortestPath(from: $id, to: $to) { __typename length actors { ` + actor + ` }
			relations { __typename id type fromId toId from { id } to { ` + actor + ` } } } }`, false},
		{"a path, ends by id", `query($id: ID!, $to: ID!) { p: shortestPath(from: $id, to: $to, maxLength: 4) { length relations { from { id } to { id } } } }`, false},
		{"a path, filtered", `query($id: ID!, $to: ID!) { shortestPath(from: $id, to: $to, types: [PARTNERS_WITH, FOUNDED], kinds: [STARTUP, UNIVERSITY], asOf: "2021") {
			length actors { id } relations { type } } }`, false},
		{"no path within 1", `query($id: ID!, $to: ID!) { shortestPath(from: $id, to: $to, maxLength: 1) { length actors { id } } }`, false},
		{"a path to itself", `query($id: ID!) { shortestPath(from: $id, to: $id) { length actors { id name } relations { id from { id } } } }`, false},
		{"a walk and a path", `query($id: ID!, $to: ID!) { a: neighborhood(id: $id, limit: 5) { actors { id } }
			b: shortestPath(from: $to, to: $id) { length } c: neighborhood(id: $to, limit: 3) { relations { to { id } } } }`, false},
		// Errors: missing actors and bad arguments.
		{"no such actor", `{ neighborhood(id: "no-such-actor", depth: 2) { actors { id } relations { from { id } } } }`, true},
		{"no such end", `query($id: ID!) { shortestPath(from: $id, to: "no-such-actor") { length } }`, true},
		{"no such start", `query($id: ID!) { shortestPath(from: "no-such-actor", to: $id) { actors { id } } }`, true},
		{"depth out of range", `query($id: ID!) { neighborhood(id: $id, depth: 9) { actors { id } } }`, true},
		{"depth 0: the centre alone", `query($id: ID!) { neighborhood(id: $id, depth: 0) { actors { id } relations { id } } }`, false},
		{"limit out of range", `query($id: ID!) { neighborhood(id: $id, limit: 100000) { actors { id } } }`, true},
		{"limit from a variable", `query($id: ID!, $n: Int) { neighborhood(id: $id, limit: $n) { actors { id } } }`, true},
		{"maxLength out of range", `query($id: ID!, $to: ID!) { shortestPath(from: $id, to: $to, maxLength: 99) { length } }`, true},
		{"a bad date", `query($id: ID!) { neighborhood(id: $id, asOf: "2019-13-40") { actors { id } } }`, true},
		{"an unknown type", `query($id: ID!) { neighborhood(id: $id, types: [NOT_A_TYPE]) { actors { id } } }`, true},
		{"an id too long", `{ neighborhood(id: "` + string(bytes.Repeat([]byte("x"), 300)) + `") { actors { id } } }`, true},
		{"too complex", `query($id: ID!) { a: neighborhood(id: $id, limit: 1000) { actors { id name kind } relations { id type from { id name } to { id name } } }
			b: neighborhood(id: $id, limit: 1000) { actors { id name kind } relations { id type from { id name } to { id name } } } }`, true},
		// Left to gqlgen: fragments, directives, keys twice, other fields.
		{"a fragment", `query($id: ID!) { neighborhood(id: $id, limit: 20) { actors { ...A } relations { from { ...A } } } } fragment A on Actor { id name }`, false},
		{"an inline fragment", `query($id: ID!, $to: ID!) { shortestPath(from: $id, to: $to) { actors { id ... on Startup { founded } } } }`, false},
		{"@include", `query($id: ID!, $yes: Boolean!) { neighborhood(id: $id, limit: 20) { actors { id name @include(if: $yes) } } }`, false},
		{"@skip on the walk", `query($id: ID!, $yes: Boolean!) { neighborhood(id: $id, limit: 20) @skip(if: $yes) { actors { id } } x: __typename }`, false},
		{"an end's own field", `query($id: ID!) { neighborhood(id: $id, limit: 20) { relations { from { id description } } } }`, false},
		{"a relation's dates", `query($id: ID!, $to: ID!) { shortestPath(from: $id, to: $to) { relations { id since until } } }`, false},
		{"a key twice", `query($id: ID!) { neighborhood(id: $id, limit: 20) { relations { from { id id } } } }`, false},
	}
	r := rand.New(rand.NewPCG(5, 6))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for i := range 24 {
				id, to := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
				if i < 6 {
					id = fmt.Sprintf("odd-%d", i) // names that need escapes
				}
				vars := map[string]any{"id": id, "to": to, "yes": i%2 == 0, "n": []any{0, 5, 1001}[i%3]}
				want := post(t, gqlgen, c.query, vars)
				got := post(t, plain, c.query, vars)
				if !bytes.Equal(got, want) {
					t.Fatalf("vars %v: the plain answer\n%s\nis not gqlgen's\n%s", vars, got, want)
				}
				if erred := bytes.Contains(want, []byte(`"errors"`)); erred && !c.errs || !erred && c.errs && c.name != "limit from a variable" {
					t.Fatalf("vars %v: errors %v, want %v: %s", vars, erred, c.errs, want)
				}
			}
		})
	}
}
