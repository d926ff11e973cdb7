package graph

import "github.com/vektah/gqlparser/v2/ast"

// Introspection is measured by its own rule rather than the depth limit:
// graphql-js's getIntrospectionQuery() nests 13 to 15 levels, most of them
// ofType, yet the schema it reads is small and fixed. What makes an
// introspection query hostile is nesting the fields that lead from a type
// back to types, __schema { types { fields { type { fields { type { ... }
// } } } } }, so on any one path each of those fields may appear only as
// often as the standard query needs, and ofType at most 16 times (the
// standard query has 7 to 9; Hot Chocolate and graphql-java bound
// introspection the same way).
var introLimits = [...]struct {
	name string // the field, of __Schema or __Type
	most int    // how often it may nest on one path
}{
	{"types", 1},
	{"fields", 1},
	{"inputFields", 1},
	{"interfaces", 1},
	{"possibleTypes", 1},
	{"enumValues", 1},
	{"ofType", 16},
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
		if l.name == f.Name {
			c[i]++
		}
	}
}

// exceeded names the first field nested more often than allowed.
func (c *introCounts) exceeded() (name string, n, most int) {
	for i, l := range introLimits {
		if c[i] > l.most {
			return l.name, c[i], l.most
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
