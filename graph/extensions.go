package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// limitsExtension refuses, before execution, a request that is too deep,
// uses too many aliases, costs too much, asks a bounded argument for too
// much (or sends an Int as a string), sends too long a string, nests
// introspection too often, or asks for the schema while introspection is
// off. It replaces gqlgen's FixedComplexityLimit, whose walk expands every
// fragment spread afresh: exponential time in a document of fragments
// that spread the next twice.
type limitsExtension struct {
	schema        graphql.ExecutableSchema
	unpriced      map[fieldKey]bool
	limits        Limits
	introspection bool
}

var (
	_ graphql.HandlerExtension        = (*limitsExtension)(nil)
	_ graphql.OperationContextMutator = (*limitsExtension)(nil)
)

func (*limitsExtension) ExtensionName() string { return "Limits" }

func (l *limitsExtension) Validate(es graphql.ExecutableSchema) error {
	l.schema = es
	l.unpriced = unpricedFields(es)
	return nil
}

func (l *limitsExtension) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Operation
	if op == nil {
		return nil
	}
	w := newWalker(ctx, l.schema, oc.Variables)
	w.unpriced = l.unpriced
	m := w.set(op.SelectionSet)
	if w.err != nil {
		return w.err
	}
	if m.introspects && !l.introspection {
		return requestError(CodeBadUserInput, "introspection is disabled on this server (ECOGRAPH_INTROSPECTION=false)")
	}
	if name, n, most := m.intro.exceeded(); name != "" {
		return requestError(CodeTooComplex, "the introspection query nests %s %d times on one path; at most %d are allowed", name, n, most)
	}
	switch {
	case m.depth > l.limits.Depth:
		return requestError(CodeTooComplex, "the query is nested %d levels deep; at most %d are allowed", m.depth, l.limits.Depth)
	case m.aliases > l.limits.Aliases:
		return requestError(CodeTooComplex, "the query uses %d aliases; at most %d are allowed", m.aliases, l.limits.Aliases)
	case m.cost > l.limits.Complexity:
		if m.cost >= costCap {
			return requestError(CodeTooComplex, "the query's complexity is over %d; at most %d is allowed (a list costs its fields times its first or limit)", costCap, l.limits.Complexity)
		}
		return requestError(CodeTooComplex, "the query's complexity is %d; at most %d is allowed (a list costs its fields times its first or limit)", m.cost, l.limits.Complexity)
	}
	oc.Stats.SetExtension("ComplexityLimit", &extension.ComplexityStats{Complexity: m.cost, ComplexityLimit: l.limits.Complexity})
	return nil
}
