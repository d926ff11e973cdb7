package graph

import (
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Introspection is measured by its own rule rather than the depth limit:
// graphql-js's getIntrospectionQuery() nests 13 to 15 levels, most of them
// ofType, yet the schema it reads is small and fixed. What makes an
// introspection query hostile is nesting the fields that lead from a type
// back to types, __schema { types { fields { type { fields { ... } } } } }.
// gqlparser's validation has graphql-js's MaxIntrospectionDepth rule
// (fields, inputFields, interfaces and possibleTypes at most twice on one
// path, all four counted together) and refuses such a query first; this
// rule holds the same bound, and also bounds ofType, which that rule lets
// nest without end, to 16 (the standard query has 7; Hot Chocolate allows
// 16), and __Schema.types to once.
var introLimits = [...]struct {
	names []string // the fields of __Schema or __Type counted together
	most  int      // how often they may nest on one path
}{
	{[]string{"fields", "inputFields", "interfaces", "possibleTypes"}, 2},
	{[]string{"ofType"}, 16},
	{[]string{"types"}, 1},
}

// introCounts holds, for each of introLimits, the most times it nests on
// one path.
type introCounts [len(introLimits)]int

// widen keeps the larger count of each field: two selections side by
// side nest no deeper than the deeper of them.
func (c *introCounts) widen(o introCounts) {
	for i := range c {
		c[i] = max(c[i], o[i])
	}
}

// count adds f to the counts of the path it heads.
func (c *introCounts) count(f *ast.Field) {
	if f.ObjectDefinition == nil || (f.ObjectDefinition.Name != "__Type" && f.ObjectDefinition.Name != "__Schema") {
		return
	}
	for i, l := range introLimits {
		if slices.Contains(l.names, f.Name) {
			c[i]++
		}
	}
}

// exceeded names the first fields nested more often than allowed.
func (c *introCounts) exceeded() (names string, n, most int) {
	for i, l := range introLimits {
		if c[i] > l.most {
			return strings.Join(l.names, ", "), c[i], l.most
		}
	}
	return "", 0, 0
}

// isIntrospection tells the fields that read the schema: __schema and
// __type, and every field of the introspection types. __typename is an
// ordinary field.
func isIntrospection(f *ast.Field) bool {
	if f.Name == "__schema" || f.Name == "__type" {
		return true
	}
	if f.ObjectDefinition == nil {
		return false
	}
	switch f.ObjectDefinition.Name {
	case "__Schema", "__Type", "__Field", "__InputValue", "__EnumValue", "__Directive":
		return true
	}
	return false
}
