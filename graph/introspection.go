package graph

import "github.com/vektah/gqlparser/v2/ast"

// Introspection is measured by its own rule rather than the depth limit:
// graphql-js's getIntrospectionQuery() nests 13 to 15 levels, most of them
// ofType, yet the schema it reads is small and fixed. What makes an
// introspection query hostile is nesting the fields that lead from a type
// back to types, __schema { types { fields { type { fields { ... } } } } }:
// gqlparser's validation has graphql-js's MaxIntrospectionDepth rule
// (fields, inputFields, interfaces and possibleTypes at most twice on one
// path, all four counted together) and refuses such a query before this
// rule runs. That rule lets ofType nest without end; this one bounds it to
// maxOfType.
const maxOfType = 16 // the standard query has 7; Hot Chocolate allows 16

// introCounts counts, on the deepest path, how often ofType nests.
type introCounts struct{ ofType int }

// widen keeps the larger count: two selections side by side nest no
// deeper than the deeper of them.
func (c *introCounts) widen(o introCounts) { c.ofType = max(c.ofType, o.ofType) }

// count adds f to the counts of the path it heads.
func (c *introCounts) count(f *ast.Field) {
	if f.Name == "ofType" && f.ObjectDefinition != nil && f.ObjectDefinition.Name == "__Type" {
		c.ofType++
	}
}

// exceeded names the field nested more often than allowed.
func (c *introCounts) exceeded() (name string, n, most int) {
	if c.ofType > maxOfType {
		return "ofType", c.ofType, maxOfType
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
