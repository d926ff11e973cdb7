package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// fieldKey names a field of a type (an object or an interface).
type fieldKey struct{ typ, field string }

// unpricedFields are the fields without arguments that no complexity
// function prices (every field but the lists setComplexity prices by
// their first or limit): each costs 1 plus its selections. The walker
// prices them without the schema's Complexity, which builds an execution
// context and a "Type.field" string on each call, for each field of each
// type an interface field may resolve to (issue 14, fifth pass: 4 % of
// the server's CPU on a page of 50 actors). A field of an interface is
// listed when it is unpriced on every type that implements it.
func unpricedFields(es graphql.ExecutableSchema) map[fieldKey]bool {
	s := es.Schema()
	unpriced := func(typ, field string) bool {
		_, ok := es.Complexity(context.Background(), typ, field, 0, nil)
		return !ok
	}
	out := map[fieldKey]bool{}
	for _, def := range s.Types {
		if def.Kind != ast.Object && def.Kind != ast.Interface {
			continue
		}
		for _, f := range def.Fields {
			if len(f.Arguments) > 0 {
				continue
			}
			free := true
			if def.Kind == ast.Object {
				free = unpriced(def.Name, f.Name)
			} else {
				for _, t := range s.GetPossibleTypes(def) {
					free = free && unpriced(t.Name, f.Name)
				}
			}
			if free {
				out[fieldKey{def.Name, f.Name}] = true
			}
		}
	}
	return out
}

// samePriced are the interface fields that every implementing type prices
// with the same function (setComplexity gives each Actor type's relations
// one function): the walker prices them on one type rather than on each
// of the seven, each of which parses the arguments afresh.
// TestSamePricedFieldsCostTheSameOnEveryType holds the claim.
var samePriced = map[fieldKey]bool{{"Actor", "relations"}: true}
