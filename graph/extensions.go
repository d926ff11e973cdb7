package graph

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// limitsExtension refuses, before execution, a request that is too deep,
// uses too many aliases, asks a bounded argument for too much, or asks for
// the schema while introspection is off.
type limitsExtension struct {
	limits        Limits
	introspection bool
}

var (
	_ graphql.HandlerExtension        = limitsExtension{}
	_ graphql.OperationContextMutator = limitsExtension{}
)

func (limitsExtension) ExtensionName() string                   { return "Limits" }
func (limitsExtension) Validate(graphql.ExecutableSchema) error { return nil }

func (l limitsExtension) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Operation
	if op == nil {
		return nil
	}
	w := walker{vars: oc.Variables}
	w.walk(op.SelectionSet, 1)
	switch {
	case w.err != nil:
		return w.err
	case w.depth > l.limits.Depth:
		return requestError(CodeTooComplex, "the query is nested %d levels deep; at most %d are allowed", w.depth, l.limits.Depth)
	case w.aliases > l.limits.Aliases:
		return requestError(CodeTooComplex, "the query uses %d aliases; at most %d are allowed", w.aliases, l.limits.Aliases)
	case w.introspects && !l.introspection:
		return requestError(CodeBadUserInput, "introspection is disabled on this server (ECOGRAPH_INTROSPECTION=false)")
	}
	return nil
}

// walker measures a selection set: its depth, its aliases, and the first
// out-of-bounds argument. Fragments are expanded; gqlparser's validation
// has already refused fragment cycles.
type walker struct {
	vars        map[string]any
	depth       int
	aliases     int
	introspects bool
	err         *gqlerror.Error
}

func (w *walker) walk(set ast.SelectionSet, depth int) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if depth > w.depth {
				w.depth = depth
			}
			if s.Alias != "" && s.Alias != s.Name {
				w.aliases++
			}
			if s.Name == "__schema" || s.Name == "__type" {
				w.introspects = true
			}
			w.checkArgs(s)
			w.walk(s.SelectionSet, depth+1)
		case *ast.InlineFragment:
			w.walk(s.SelectionSet, depth)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				w.walk(s.Definition.SelectionSet, depth)
			}
		}
	}
}

func (w *walker) checkArgs(f *ast.Field) {
	bounds, ok := argBounds[f.Name]
	if !ok || w.err != nil {
		return
	}
	for _, arg := range f.Arguments {
		b, ok := bounds[arg.Name]
		if !ok {
			continue
		}
		v, err := arg.Value.Value(w.vars)
		if err != nil {
			continue // gqlgen reports malformed values itself
		}
		n, ok := asInt(v)
		if ok && (n < b.min || n > b.max) {
			w.err = requestError(CodeBadUserInput, "%s: %s is %d; it must be between %d and %d", f.Name, arg.Name, n, b.min, b.max)
			w.err.Path = ast.Path{ast.PathName(f.Alias), ast.PathName(arg.Name)}
			return
		}
	}
}

func asInt(v any) (int, bool) {
	switch n := v.(type) {
	case int64:
		return int(n), true
	case int:
		return n, true
	case float64:
		return int(n), true
	case interface{ Int64() (int64, error) }:
		i, err := n.Int64()
		return int(i), err == nil
	}
	return 0, false
}

// writeGuard lets a mutation through only with a valid API key in the
// Authorization header. With no keys configured, every mutation is refused.
type writeGuard struct {
	keys [][sha256.Size]byte
}

var (
	_ graphql.HandlerExtension        = writeGuard{}
	_ graphql.OperationContextMutator = writeGuard{}
)

func newWriteGuard(keys []string) writeGuard {
	var g writeGuard
	for _, k := range keys {
		if k = strings.TrimSpace(k); k != "" {
			g.keys = append(g.keys, sha256.Sum256([]byte(k)))
		}
	}
	return g
}

func (writeGuard) ExtensionName() string                   { return "WriteGuard" }
func (writeGuard) Validate(graphql.ExecutableSchema) error { return nil }

func (g writeGuard) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return nil
	}
	if len(g.keys) == 0 {
		return requestError(CodeForbidden, "writes are disabled on this server: start it with ECOGRAPH_API_KEYS set to one or more keys, and send Authorization: Bearer <key>")
	}
	auth := oc.Headers.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || strings.TrimSpace(token) == "" {
		return requestError(CodeUnauthenticated, "mutations need the header Authorization: Bearer <key> with a key from ECOGRAPH_API_KEYS")
	}
	// Compare digests in constant time, against every key, so neither the
	// key's length nor which key matched shows in the timing.
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	match := 0
	for _, k := range g.keys {
		match |= subtle.ConstantTimeCompare(sum[:], k[:])
	}
	if match != 1 {
		return requestError(CodeUnauthenticated, "the API key in the Authorization header is not valid")
	}
	return nil
}
