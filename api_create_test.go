package main

import (
	"fmt"
	"strings"
	"testing"
)

const createMany = `mutation($input: CreateManyInput!) { createMany(input: $input) {
  sources { id title }
  actors { id kind name country { id } citations { source { id } excerpt } }
  relations { id type from { id name } to { id } }
} }`

// TestCreateManyWritesEveryRecordInOneCall: a researcher's cluster of new
// records that refer to each other (a source, a startup citing it, a
// partner organisation, relations between them and to the seed) goes in
// one call, ids are made for records without one, and every record reads
// back as created.
func TestCreateManyWritesEveryRecordInOneCall(t *testing.T) {
	api := startAPI(t, nil)
	var got struct {
		CreateMany struct {
			Sources []struct{ ID, Title string }
			Actors  []struct {
				ID, Kind, Name string
				Country        *struct{ ID string }
				Citations      []struct {
					Source  struct{ ID string }
					Excerpt string
				}
			}
			Relations []struct {
				ID, Type string
				From     struct{ ID, Name string }
				To       struct{ ID string }
			}
		} `json:"createMany"`
	}
	api.mutate(createMany, map[string]any{"input": map[string]any{
		"sources": []map[string]any{{"id": "src-samarkand-news", "title": "Samarkand startups join IT Park", "published": "2025-03"}},
		"actors": []map[string]any{
			{"id": "samarkand-robotics", "kind": "STARTUP", "name": "Samarkand Robotics", "country": "uzbekistan",
				"citations": []map[string]any{{"source": "src-samarkand-news", "excerpt": "a robotics startup"}}},
			{"id": "samarkand-digital-hub", "kind": "ORGANIZATION", "name": "Samarkand Digital Hub", "country": "uzbekistan"},
			{"kind": "STARTUP", "name": "Registan Labs"},
		},
		"relations": []map[string]any{
			{"id": "samarkand-robotics-partners-hub", "type": "PARTNERS_WITH", "from": "samarkand-robotics", "to": "samarkand-digital-hub"},
			{"type": "PARTNERS_WITH", "from": "samarkand-digital-hub", "to": "it-park-uzbekistan"},
		},
	}}, &got)
	c := got.CreateMany
	if len(c.Sources) != 1 || c.Sources[0].ID != "src-samarkand-news" || c.Sources[0].Title != "Samarkand startups join IT Park" {
		t.Errorf("sources: %+v", c.Sources)
	}
	if len(c.Actors) != 3 || c.Actors[0].ID != "samarkand-robotics" || c.Actors[1].ID != "samarkand-digital-hub" ||
		!strings.HasPrefix(c.Actors[2].ID, "registan-labs-") {
		t.Fatalf("actors, in the order given, the last with an id made from its name: %+v", c.Actors)
	}
	if a := c.Actors[0]; a.Kind != "STARTUP" || a.Country == nil || a.Country.ID != "uzbekistan" ||
		len(a.Citations) != 1 || a.Citations[0].Source.ID != "src-samarkand-news" || a.Citations[0].Excerpt != "a robotics startup" {
		t.Errorf("the startup as created: %+v", a)
	}
	if len(c.Relations) != 2 || c.Relations[0].From.Name != "Samarkand Robotics" || c.Relations[0].To.ID != "samarkand-digital-hub" ||
		c.Relations[1].To.ID != "it-park-uzbekistan" || !strings.HasPrefix(c.Relations[1].ID, "samarkand-digital-hub-partners-with-") {
		t.Fatalf("relations, the last with an id made from its ends: %+v", c.Relations)
	}
	// Each reads back through the API.
	var back struct {
		Actor struct {
			Name      string
			Relations struct {
				TotalCount int
				Edges      []struct{ Node struct{ ID string } }
			}
		}
		Search []struct{ Actor struct{ ID string } }
	}
	api.query(`query($id: ID!) { actor(id: $id) { name relations(first: 10) { totalCount edges { node { id } } } }
  search(text: "Registan Labs", first: 1) { actor { id } } }`, map[string]any{"id": "samarkand-digital-hub"}, &back)
	if back.Actor.Name != "Samarkand Digital Hub" || back.Actor.Relations.TotalCount != 2 {
		t.Errorf("samarkand-digital-hub reads back as %+v, want its 2 relations", back.Actor)
	}
	if len(back.Search) != 1 || back.Search[0].Actor.ID != c.Actors[2].ID {
		t.Errorf("search(Registan Labs) = %+v, want %s", back.Search, c.Actors[2].ID)
	}
}

// createManyInput is a valid call of n actors, each with a relation to
// IT Park Uzbekistan; prefix makes its ids.
func createManyInput(prefix string, n int) map[string]any {
	var actors, rels []map[string]any
	for i := range n {
		id := fmt.Sprintf("%s-%d", prefix, i)
		actors = append(actors, map[string]any{"id": id, "kind": "STARTUP", "name": fmt.Sprintf("Batch Startup %d", i)})
		rels = append(rels, map[string]any{"id": id + "-rel", "type": "PARTNERS_WITH", "from": id, "to": "it-park-uzbekistan"})
	}
	return map[string]any{"input": map[string]any{"actors": actors, "relations": rels}}
}

// TestCreateManyRefusesTheWholeCall: one refused record refuses the call,
// the error names it by its place in the input, and nothing of the call is
// written.
func TestCreateManyRefusesTheWholeCall(t *testing.T) {
	api := startAPI(t, nil)
	withActor := func(i int, actor map[string]any) map[string]any {
		in := createManyInput("refused", 3)
		in["input"].(map[string]any)["actors"].([]map[string]any)[i] = actor
		return in
	}
	tooMany := createManyInput("many", 5001)
	huge := make([]map[string]any, 10001)
	for i := range huge {
		huge[i] = map[string]any{"kind": "STARTUP", "name": "x"}
	}
	for _, tc := range []struct {
		name  string
		vars  map[string]any
		code  string
		parts []string
	}{
		{"an actor without a name", withActor(1, map[string]any{"id": "refused-1", "kind": "STARTUP", "name": ""}), "BAD_USER_INPUT", []string{"input.actors[1].name"}},
		{"a taken id", withActor(2, map[string]any{"id": "uzbekistan", "kind": "COUNTRY", "name": "Again"}), "CONFLICT", []string{`"uzbekistan"`, "actors[2]", "already exists"}},
		{"a relation to nothing", withActor(0, map[string]any{"id": "elsewhere", "kind": "STARTUP", "name": "Elsewhere"}), "BAD_USER_INPUT", []string{"input.relations[0].from", `"refused-0"`}},
		{"more than 10,000 records", tooMany, "BAD_USER_INPUT", []string{"input", "at most 10000 records", "10002"}},
		{"a list of more than 10,000 actors", map[string]any{"input": map[string]any{"actors": huge}}, "BAD_USER_INPUT", []string{"input.actors is 10001 items", "at most 10000"}},
		{"more than 100 aliases in a record", withActor(0, map[string]any{"id": "refused-0", "kind": "STARTUP", "name": "Aliased", "aliases": make([]string, 101)}), "BAD_USER_INPUT", []string{"input.actors.aliases is 101 items", "at most 100"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, api.post(createMany, tc.vars, testKey), tc.code, tc.parts...)
			for _, id := range []string{"refused-0", "refused-1", "refused-2", "elsewhere", "many-0", "many-5000"} {
				if api.actorExists(id) {
					t.Errorf("a refused call wrote actor %s", id)
				}
			}
		})
	}
	// An editor may create; without a key nothing is written.
	wantError(t, api.post(createMany, createManyInput("nokey", 1), ""), "UNAUTHENTICATED")
	if api.actorExists("nokey-0") {
		t.Error("createMany without a key wrote its actor")
	}
}
