package graph

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/ecograph/ecograph/graph/model"
)

// costCap is where costs stop growing: far above any limit, and small
// enough that a page size times it cannot overflow.
const costCap = 1 << 40

// measure is what the walker learns of a selection set: the deepest
// ordinary field (the set's own fields are at depth 1), the aliases and
// the cost over every expansion of its fragments, and how often each
// bounded introspection field nests on one path.
type measure struct {
	depth       int
	aliases     int
	cost        int
	intro       introCounts
	introspects bool
}

// add takes in a selection beside the ones m holds.
func (m *measure) add(o measure) {
	m.depth = max(m.depth, o.depth)
	m.aliases = min(m.aliases+o.aliases, costCap)
	m.cost = min(m.cost+o.cost, costCap)
	m.intro.widen(o.intro)
	m.introspects = m.introspects || o.introspects
}

// walker measures an operation in one pass over the document: each
// fragment is measured once and its measure reused at every spread, so a
// document of fragments that each spread the next twice costs time in
// its length, not in 2^n. The measure of a set does not depend on where
// it is spread: depth is relative, and the introspection rule counts per
// field kind, which adds along a path.
type walker struct {
	ctx    context.Context
	schema graphql.ExecutableSchema
	vars   map[string]any
	memo   map[string]*measure
	err    *gqlerror.Error
	// unpriced are the fields priced at 1 plus their selections without
	// asking the schema (unpricedFields); nil asks for every field.
	unpriced map[fieldKey]bool
}

func newWalker(ctx context.Context, es graphql.ExecutableSchema, vars map[string]any) *walker {
	return &walker{ctx: ctx, schema: es, vars: vars}
}

func (w *walker) set(set ast.SelectionSet) measure {
	var m measure
	for _, sel := range set {
		if w.err != nil {
			return m
		}
		switch s := sel.(type) {
		case *ast.Field:
			m.add(w.field(s))
		case *ast.InlineFragment:
			m.add(w.set(s.SelectionSet))
		case *ast.FragmentSpread:
			m.add(w.fragment(s))
		}
	}
	return m
}

// fragment measures a fragment once. Validation has refused cycles
// already; one met anyway counts as empty rather than recursing.
func (w *walker) fragment(s *ast.FragmentSpread) measure {
	if s.Definition == nil {
		return measure{}
	}
	if w.memo == nil {
		w.memo = map[string]*measure{}
	}
	if m, ok := w.memo[s.Name]; ok {
		if m == nil {
			return measure{}
		}
		return *m
	}
	w.memo[s.Name] = nil
	m := w.set(s.Definition.SelectionSet)
	w.memo[s.Name] = &m
	return m
}

func (w *walker) field(f *ast.Field) measure {
	w.checkArgs(f)
	child := w.set(f.SelectionSet)
	m := measure{aliases: child.aliases, intro: child.intro, introspects: child.introspects}
	if f.Alias != "" && f.Alias != f.Name {
		m.aliases++
	}
	if isIntrospection(f) {
		// Bounded by its own rule, and free: the schema is small and
		// fixed.
		m.introspects = true
		m.intro.count(f)
		return m
	}
	m.depth = child.depth + 1
	m.cost = w.cost(f, child.cost)
	return m
}

// cost prices a field as gqlgen's complexity.Calculate does, through the
// schema's complexity functions (setComplexity): 1 plus its selections,
// or what its function says; a field of an interface at the dearest of
// the types that implement it.
func (w *walker) cost(f *ast.Field, child int) int {
	if f.Definition == nil || f.ObjectDefinition == nil || w.unpriced[fieldKey{f.ObjectDefinition.Name, f.Name}] {
		return min(1+child, costCap)
	}
	args := f.ArgumentMap(w.vars)
	price := func(typeName string) int {
		if c, ok := w.schema.Complexity(w.ctx, typeName, f.Name, child, args); ok && c >= child {
			return min(c, costCap)
		}
		return min(1+child, costCap)
	}
	if f.ObjectDefinition.Kind != ast.Interface {
		return price(f.ObjectDefinition.Name)
	}
	most := 0
	for _, t := range w.schema.Schema().GetPossibleTypes(f.ObjectDefinition) {
		most = max(most, price(t.Name))
		if samePriced[fieldKey{f.ObjectDefinition.Name, f.Name}] {
			break
		}
	}
	return most
}

// checkArgs coerces a field's Int arguments as gqlgen will (refusing
// strings and values beyond 32 bits), checks them against argBounds, and
// checks the length of its strings and lists.
func (w *walker) checkArgs(f *ast.Field) {
	if w.err != nil || f.Definition == nil {
		return
	}
	for _, arg := range f.Arguments {
		def := f.Definition.Arguments.ForName(arg.Name)
		if def == nil {
			continue
		}
		v, err := arg.Value.Value(w.vars)
		if err != nil {
			continue // gqlgen reports malformed values itself
		}
		var msg string
		if def.Type.Name() == "Int" {
			msg = checkInt(f.Name, arg.Name, v)
		} else if !uncapped[f.Name+"."+arg.Name] {
			msg = checkLengths(f.Name, arg.Name, v)
		}
		if msg != "" {
			if arg.Value.Kind == ast.Variable {
				msg += fmt.Sprintf(" (variable $%s)", arg.Value.Raw)
			}
			w.err = requestError(CodeBadUserInput, "%s", msg)
			w.err.Path = ast.Path{ast.PathName(f.Alias), ast.PathName(arg.Name)}
			return
		}
	}
}

// checkInt says what is wrong with an Int argument's value, or "".
func checkInt(field, arg string, v any) string {
	if v == nil {
		return ""
	}
	if list, ok := v.([]any); ok {
		for _, x := range list {
			if msg := checkInt(field, arg, x); msg != "" {
				return msg
			}
		}
		return ""
	}
	n, err := model.UnmarshalInt(v)
	if err != nil {
		return fmt.Sprintf("%s: %s: %s", field, arg, strings.TrimPrefix(err.Error(), ": "))
	}
	if b, ok := argBounds[field][arg]; ok && (n < b.min || n > b.max) {
		return fmt.Sprintf("%s: %s is %d; it must be between %d and %d", field, arg, n, b.min, b.max)
	}
	return ""
}

// checkLengths says which string in an argument's value (an input
// object's fields included) is longer than its cap, or which list holds
// more than maxListItems, or "".
func checkLengths(field, path string, v any) string {
	switch x := v.(type) {
	case string:
		most, ok := stringCaps[path[strings.LastIndexByte(path, '.')+1:]]
		if !ok {
			most = maxString
		}
		if len(x) > most {
			return capError(field, path, len(x), most, "bytes")
		}
	case []any:
		most, ok := listCaps[field+"."+path]
		if !ok {
			most = maxListItems
		}
		if len(x) > most {
			return capError(field, path, len(x), most, "items")
		}
		for _, item := range x {
			if msg := checkLengths(field, path, item); msg != "" {
				return msg
			}
		}
	case map[string]any:
		for k, item := range x {
			if msg := checkLengths(field, path+"."+k, item); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// variableMessage rewords gqlparser's refusal of a variable of the wrong
// type ("cannot use value 0 as Int", "cannot use slice as Int", which name
// a Go kind or a wrong value) as one that names the variable and the
// type; any other message stays as it is.
func variableMessage(e *gqlerror.Error) string {
	rest, ok := strings.CutPrefix(e.Message, "cannot use ")
	if !ok || len(e.Path) != 2 || e.Path[0] != ast.PathName("variable") {
		return e.Message
	}
	name, _ := e.Path[1].(ast.PathName)
	typ := rest[strings.LastIndex(rest, " as ")+len(" as "):]
	if typ == "Int" {
		return fmt.Sprintf("variable $%s: the value is not an Int: an Int is a JSON number without a fraction, from %d to %d", name, math.MinInt32, math.MaxInt32)
	}
	return fmt.Sprintf("variable $%s: the value is not a %s", name, typ)
}
