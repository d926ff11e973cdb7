package main

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/ecograph/ecograph/graph"
	"github.com/ecograph/ecograph/internal/synth"
)

// TestEcographQueries checks every request the bench sends to ecograph,
// on either store, against the schema the server serves: the query is
// valid, and the variables the bench makes for it have the types it
// declares. (The peer's queries are checked when the bench runs: each
// must answer as ecograph does.) Nothing is served here, so it is cheap
// enough for scripts/test.
func TestEcographQueries(t *testing.T) {
	cfg := synth.Config{Actors: 2000, Relations: 6000, Seed: 1}
	e := &env{w: newWorld(cfg, synth.Generate(cfg)), page: 3, run: "test"}
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for _, o := range e.ops() {
		for _, s := range o.systems {
			if !s.ecograph() {
				continue
			}
			checked++
			doc, errs := gqlparser.LoadQuery(schema, s.query)
			if errs != nil {
				t.Errorf("%s on %s: the query is not valid against ecograph's schema: %v", o.name, s.name, errs)
				continue
			}
			if len(doc.Operations) != 1 {
				t.Errorf("%s on %s: %d operations, want 1", o.name, s.name, len(doc.Operations))
				continue
			}
			// The variables as the server reads them: decoded from JSON.
			raw, err := json.Marshal(s.vars(o.args(rng)))
			if err != nil {
				t.Fatal(err)
			}
			var vars map[string]any
			if err := json.Unmarshal(raw, &vars); err != nil {
				t.Fatal(err)
			}
			if _, err := validator.VariableValues(schema, doc.Operations[0], vars); err != nil {
				t.Errorf("%s on %s: variables %s: %v", o.name, s.name, raw, err)
			}
		}
	}
	// Every operation but none sends ecograph a query, most on both stores.
	if want := 19; checked != want {
		t.Errorf("checked %d ecograph queries, want %d: an operation lost its ecograph system", checked, want)
	}
}
