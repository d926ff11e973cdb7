package graph

import (
	"bytes"
	"net/http"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
)

// gqlgen's own directives (@goField, @goModel, @goTag, ...) steer code
// generation; they mean nothing to a client, so the public schema, which
// introspection and /schema.graphql show, leaves them out.
func internalDirective(name string) bool {
	return strings.HasPrefix(name, "go") && len(name) > 2 && name[2] >= 'A' && name[2] <= 'Z'
}

// publicSchema is the executable schema without gqlgen's directives:
// their definitions and every use of them on fields and input fields.
// It copies what it changes, so parsedSchema stays as gqlgen built it.
var publicSchema = sync.OnceValue(func() *ast.Schema {
	s := *parsedSchema
	s.Directives = make(map[string]*ast.DirectiveDefinition, len(parsedSchema.Directives))
	for name, d := range parsedSchema.Directives {
		if !internalDirective(name) {
			s.Directives[name] = d
		}
	}
	s.Types = make(map[string]*ast.Definition, len(parsedSchema.Types))
	for name, def := range parsedSchema.Types {
		s.Types[name] = withoutInternal(def)
	}
	for _, root := range []**ast.Definition{&s.Query, &s.Mutation, &s.Subscription} {
		if *root != nil {
			*root = s.Types[(*root).Name]
		}
	}
	s.PossibleTypes = remap(&s, parsedSchema.PossibleTypes)
	s.Implements = remap(&s, parsedSchema.Implements)
	return &s
})

// withoutInternal returns def, or a copy of it whose fields carry no
// internal directive.
func withoutInternal(def *ast.Definition) *ast.Definition {
	changed := false
	fields := make(ast.FieldList, len(def.Fields))
	for i, f := range def.Fields {
		fields[i] = f
		var kept ast.DirectiveList
		for _, d := range f.Directives {
			if !internalDirective(d.Name) {
				kept = append(kept, d)
			}
		}
		if len(kept) != len(f.Directives) {
			c := *f
			c.Directives = kept
			fields[i] = &c
			changed = true
		}
	}
	if !changed {
		return def
	}
	c := *def
	c.Fields = fields
	return &c
}

// remap points a map of definitions at the public schema's copies.
func remap(s *ast.Schema, m map[string][]*ast.Definition) map[string][]*ast.Definition {
	out := make(map[string][]*ast.Definition, len(m))
	for k, defs := range m {
		out[k] = make([]*ast.Definition, len(defs))
		for i, d := range defs {
			out[k][i] = s.Types[d.Name]
		}
	}
	return out
}

// SDL is the public schema in the GraphQL schema language, printed from
// the executable schema by gqlparser's formatter, with descriptions.
var SDL = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	formatter.NewFormatter(&b).FormatSchema(publicSchema())
	return b.Bytes()
})

// SchemaHandler serves SDL as text/plain, for tools and people that read
// the schema without an introspection query.
func SchemaHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(SDL())
	})
}
