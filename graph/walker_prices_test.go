package graph

import (
	"context"
	"testing"

	"github.com/vektah/gqlparser/v2"

	"github.com/ecograph/ecograph/graph/model"
)

// TestUnpricedFieldsCostAsTheSchemaPricesThem measures queries with the
// walker's shortcut for unpriced fields and without it, through the
// schema's complexity functions for every field: the measures must be
// the same, interface fields and the priced lists included.
func TestUnpricedFieldsCostAsTheSchemaPricesThem(t *testing.T) {
	cfg := Config{Resolvers: &Resolver{}, Schema: publicSchema()}
	setComplexity(&cfg.Complexity)
	es := NewExecutableSchema(cfg)
	unpriced := unpricedFields(es)
	if unpriced[fieldKey{"Query", "actors"}] || unpriced[fieldKey{"University", "relations"}] {
		t.Fatal("a list priced by its first argument is listed as unpriced")
	}
	if !unpriced[fieldKey{"Actor", "name"}] || !unpriced[fieldKey{"ActorEdge", "node"}] {
		t.Fatal("Actor.name or ActorEdge.node, which no function prices, is not listed as unpriced")
	}
	for _, c := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"node with 50 relations", `query($id: ID!) { actor(id: $id) { id name relations(first: 50) { edges { node { id } other { id name kind } } } } }`, map[string]any{"id": "x"}},
		{"page of one kind", `query($after: String) { actors(kinds: [STARTUP], first: 50, after: $after) { totalCount pageInfo { hasNextPage } edges { node { id name kind } } } }`, map[string]any{"after": nil}},
		{"interface fragments", `{ actors(kinds: [STARTUP, ORGANIZATION, EVENT], country: "de", first: 50) { edges { node { id name kind ... on Startup { founded } ... on Organization { category } ... on Event { startDate online } } } } }`, nil},
		{"nested pages by a variable", `query($n: Int) { actors(first: $n) { edges { node { ...r } } } } fragment r on Actor { relations(first: $n) { totalCount edges { other { name } } } }`, map[string]any{"n": 7}},
		{"count alone", `{ actors(kinds: [STARTUP], first: 0) { totalCount } }`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := gqlparser.LoadQuery(publicSchema(), c.query)
			if err != nil {
				t.Fatal(err)
			}
			set := doc.Operations[0].SelectionSet
			slow := newWalker(context.Background(), es, c.vars)
			want := slow.set(set)
			fast := newWalker(context.Background(), es, c.vars)
			fast.unpriced = unpriced
			got := fast.set(set)
			if got != want || slow.err != nil || fast.err != nil {
				t.Fatalf("with unpriced fields: %+v (%v); through the schema: %+v (%v)", got, fast.err, want, slow.err)
			}
			if want.cost <= 1 {
				t.Fatalf("cost %d: the query priced nothing", want.cost)
			}
		})
	}
}

// TestSamePricedFieldsCostTheSameOnEveryType asks the schema the price of
// each samePriced field on every type that implements its interface, for
// several selections and arguments: one price each time.
func TestSamePricedFieldsCostTheSameOnEveryType(t *testing.T) {
	cfg := Config{Resolvers: &Resolver{}, Schema: publicSchema()}
	setComplexity(&cfg.Complexity)
	es := NewExecutableSchema(cfg)
	for k := range samePriced {
		def := es.Schema().Types[k.typ]
		types := es.Schema().GetPossibleTypes(def)
		if len(types) < 2 {
			t.Fatalf("%s has %d types", k.typ, len(types))
		}
		for _, child := range []int{0, 1, 5} {
			for _, args := range []map[string]any{nil, {"first": int64(0)}, {"first": int64(7)}, {"first": int64(100), "direction": string(model.DirectionIn), "types": []any{"FOUNDED"}}} {
				var prices []int
				for _, typ := range types {
					c, ok := es.Complexity(context.Background(), typ.Name, k.field, child, args)
					if !ok {
						t.Fatalf("%s.%s has no price", typ.Name, k.field)
					}
					prices = append(prices, c)
				}
				for i, p := range prices {
					if p != prices[0] {
						t.Errorf("%s.%s with %d below and %v: %s costs %d, %s %d", k.typ, k.field, child, args, types[0].Name, prices[0], types[i].Name, p)
					}
				}
			}
		}
	}
}
