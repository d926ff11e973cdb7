package graph

import (
	"testing"

	"github.com/ecograph/ecograph/internal/auth"
)

// TestMutationRoles: every mutation of the schema has its role, so that
// none is left to the admin-only default by mistake, and the table names
// no mutation the schema lacks.
func TestMutationRoles(t *testing.T) {
	m := publicSchema().Mutation
	if m == nil {
		t.Fatal("the schema has no Mutation type")
	}
	inSchema := map[string]bool{}
	for _, f := range m.Fields {
		if f.Name == "__typename" {
			continue
		}
		inSchema[f.Name] = true
		if _, ok := mutationRoles[f.Name]; !ok {
			t.Errorf("mutation %s has no role in mutationRoles (guard.go); it needs admin until it gets one", f.Name)
		}
	}
	for name, r := range mutationRoles {
		if !inSchema[name] {
			t.Errorf("mutationRoles names %s, which the schema does not have", name)
		}
		if r != auth.Editor && r != auth.Admin {
			t.Errorf("%s needs %s; a reader may not write", name, r)
		}
	}
}
