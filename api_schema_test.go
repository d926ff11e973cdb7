package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// getSDL fetches /schema.graphql and checks that it is served as text.
func getSDL(t *testing.T, api *apiServer) string {
	t.Helper()
	resp, err := http.Get(api.http.URL + "/schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /schema.graphql: status %d: %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Fatalf("GET /schema.graphql: Content-Type %q", ct)
	}
	return string(body)
}

// TestSchemaSDLIsServedWithoutGqlgenDirectives reads the schema the way a
// tool such as graphql-codegen or the linter does, from /schema.graphql,
// and checks that gqlgen's directives appear neither there nor in
// introspection; with introspection off, the SDL is not served either.
func TestSchemaSDLIsServedWithoutGqlgenDirectives(t *testing.T) {
	api := startAPI(t, nil)
	sdl := getSDL(t, api)
	for _, want := range []string{"type Query {", "interface Node {", "nodes(", "hasPreviousPage: Boolean!", "startCursor: String", "input UpdateActorInput {", `"""`} {
		if !strings.Contains(sdl, want) {
			t.Errorf("the SDL lacks %q", want)
		}
	}
	for _, internal := range []string{"@goField", "@goModel", "@goTag", "directive @go", "omittable"} {
		if strings.Contains(sdl, internal) {
			t.Errorf("the SDL shows gqlgen's %q", internal)
		}
	}

	var got struct {
		Schema struct {
			Directives []struct {
				Name string `json:"name"`
			} `json:"directives"`
		} `json:"__schema"`
	}
	api.query(`{ __schema { directives { name } } }`, nil, &got)
	var names []string
	for _, d := range got.Schema.Directives {
		names = append(names, d.Name)
		if strings.HasPrefix(d.Name, "go") {
			t.Errorf("introspection lists gqlgen's directive @%s", d.Name)
		}
	}
	if !strings.Contains(strings.Join(names, " "), "deprecated") {
		t.Errorf("introspection lists directives %v; want the built-in ones", names)
	}
	// The executable schema still honours omittable: an update that names
	// only description leaves the name alone.
	var upd struct {
		UpdateActor struct {
			Name        string `json:"name"`
			Description string `json:"description"`
		} `json:"updateActor"`
	}
	api.mutate(`mutation { updateActor(id: "`+schID+`", input: { description: "d" }) { name description } }`, nil, &upd)
	if upd.UpdateActor.Name == "" || upd.UpdateActor.Description != "d" {
		t.Fatalf("updateActor with description only: %+v", upd.UpdateActor)
	}

	off := startAPI(t, map[string]string{"ECOGRAPH_INTROSPECTION": "false"})
	if code := off.status("/schema.graphql"); code != http.StatusNotFound {
		t.Fatalf("with introspection off, GET /schema.graphql: status %d, want 404", code)
	}
}

// descriptionRules are graphql-schema-linter's rules that ask for a
// description on every type, field, argument, input field and enum value.
var descriptionRules = []string{
	"types-have-descriptions", "fields-have-descriptions", "arguments-have-descriptions",
	"input-object-values-have-descriptions", "enum-values-have-descriptions",
}

// TestSchemaHasEveryDescription runs graphql-schema-linter (pinned in
// scripts/node/package.json) with its description rules on the SDL the
// server serves: any member without a description fails the test. Without
// Node or scripts/node/node_modules it skips, and fails under CI=true.
func TestSchemaHasEveryDescription(t *testing.T) {
	cli := filepath.Join("scripts", "node", "node_modules", "graphql-schema-linter", "lib", "cli.js")
	missing := ""
	node, err := exec.LookPath("node")
	if err != nil {
		missing = "node is not installed"
	} else if _, err := os.Stat(cli); err != nil {
		missing = "scripts/node/node_modules is not installed: run scripts/node-deps"
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatal(missing)
		}
		t.Skip(missing)
	}
	api := startAPI(t, nil)
	sdl := getSDL(t, api)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, cli, "--stdin", "--format", "json", "--rules", strings.Join(descriptionRules, ","))
	cmd.Stdin = strings.NewReader(sdl)
	out, runErr := cmd.Output()
	var report struct {
		Errors []struct {
			Message string `json:"message"`
			Rule    string `json:"rule"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("the linter's output is not its JSON report (%v, exit %v): %s", err, runErr, out)
	}
	for _, e := range report.Errors {
		t.Errorf("%s (%s)", e.Message, e.Rule)
	}
	if len(report.Errors) == 0 && runErr != nil {
		t.Fatalf("the linter failed without reporting an error: %v", runErr)
	}
	t.Logf("graphql-schema-linter %s: %d errors", strings.Join(descriptionRules, ","), len(report.Errors))
}

// pageInfo is a connection's pageInfo as a client reads it.
type pageInfo struct {
	HasNextPage     bool    `json:"hasNextPage"`
	HasPreviousPage bool    `json:"hasPreviousPage"`
	StartCursor     *string `json:"startCursor"`
	EndCursor       *string `json:"endCursor"`
}

// TestPageInfoBothWays pages through actors and through SCH's relations
// and checks Relay's pageInfo on each page: hasPreviousPage false on the
// first page and true on later ones, startCursor the first edge's cursor
// and null past the end.
func TestPageInfoBothWays(t *testing.T) {
	api := startAPI(t, nil)
	type conn struct {
		Edges []struct {
			Cursor string `json:"cursor"`
		} `json:"edges"`
		PageInfo pageInfo `json:"pageInfo"`
	}
	lists := []struct {
		name  string
		query string
		get   func(raw json.RawMessage) conn
	}{
		{"actors", `query($after: String) { list: actors(first: 3, after: $after) { edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, nil},
		{"relations", `query($after: String) { actor(id: "` + schID + `") { list: relations(first: 2, after: $after) { edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`, nil},
	}
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			fetch := func(after *string) conn {
				var raw struct {
					List  *conn `json:"list"`
					Actor *struct {
						List conn `json:"list"`
					} `json:"actor"`
				}
				vars := map[string]any{}
				if after != nil {
					vars["after"] = *after
				}
				api.query(l.query, vars, &raw)
				if raw.Actor != nil {
					return raw.Actor.List
				}
				return *raw.List
			}
			var after *string
			pages := 0
			for {
				c := fetch(after)
				pages++
				p := c.PageInfo
				if len(c.Edges) == 0 || p.StartCursor == nil || *p.StartCursor != c.Edges[0].Cursor {
					t.Fatalf("page %d: startCursor %v, edges %+v; want the first edge's cursor", pages, p.StartCursor, c.Edges)
				}
				if p.HasPreviousPage != (pages > 1) {
					t.Fatalf("page %d: hasPreviousPage %v", pages, p.HasPreviousPage)
				}
				if !p.HasNextPage {
					// Past the end: no edges, no startCursor, and everything before.
					past := fetch(p.EndCursor)
					if len(past.Edges) != 0 || past.PageInfo.StartCursor != nil || past.PageInfo.EndCursor != nil || !past.PageInfo.HasPreviousPage || past.PageInfo.HasNextPage {
						t.Fatalf("after the last page: %+v", past)
					}
					break
				}
				after = p.EndCursor
			}
			if pages < 2 {
				t.Fatalf("only %d page; the test needs several", pages)
			}
		})
	}

	// An empty list has nothing before it, after or not.
	var empty struct {
		Actors struct {
			PageInfo pageInfo `json:"pageInfo"`
		} `json:"actors"`
	}
	api.query(`query($after: String) { actors(country: "no-such-country", after: $after) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
		map[string]any{"after": fetchFirstActorCursor(t, api)}, &empty)
	if p := empty.Actors.PageInfo; p.HasPreviousPage || p.HasNextPage || p.StartCursor != nil || p.EndCursor != nil {
		t.Fatalf("an empty list's pageInfo: %+v", p)
	}
}

// fetchFirstActorCursor is the cursor of the first actor by name.
func fetchFirstActorCursor(t *testing.T, api *apiServer) string {
	t.Helper()
	var got struct {
		Actors struct {
			Edges []struct {
				Cursor string `json:"cursor"`
			} `json:"edges"`
		} `json:"actors"`
	}
	api.query(`{ actors(first: 1) { edges { cursor } } }`, nil, &got)
	return got.Actors.Edges[0].Cursor
}

// TestNodesInTheOrderOfIds looks up actors, a relation, a source and an
// unknown id with nodes: the answer keeps the order of ids with null for
// the unknown one, the actors cost one batched store call, and more than
// 100 ids are refused.
func TestNodesInTheOrderOfIds(t *testing.T) {
	api := startAPI(t, nil)
	var ids struct {
		Actors struct {
			Edges []struct {
				Node struct {
					ID string `json:"id"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"actors"`
		Actor struct {
			Citations []struct {
				Source struct {
					ID string `json:"id"`
				} `json:"source"`
			} `json:"citations"`
			Relations struct {
				Edges []struct {
					Node struct {
						ID string `json:"id"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"relations"`
		} `json:"actor"`
	}
	api.query(`{ actors(first: 40) { edges { node { id } } } actor(id: "`+schID+`") { citations { source { id } } relations(first: 1) { edges { node { id } } } } }`, nil, &ids)
	relID := ids.Actor.Relations.Edges[0].Node.ID
	srcID := ids.Actor.Citations[0].Source.ID

	want := []string{"Relation", "", "University", "Source", "University"}
	asked := []string{relID, "no-such-node", schID, srcID, schID}
	for _, e := range ids.Actors.Edges {
		asked = append(asked, e.Node.ID)
		want = append(want, "actor")
	}
	type node struct {
		Typename string `json:"__typename"`
		ID       string `json:"id"`
	}
	var got struct {
		Nodes []*node `json:"nodes"`
	}
	before := api.store.actorsByID.Load()
	api.query(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, map[string]any{"ids": asked}, &got)
	if calls := api.store.actorsByID.Load() - before; calls != 1 {
		t.Errorf("nodes of %d ids made %d ActorsByID calls; want 1 batch", len(asked), calls)
	}
	if len(got.Nodes) != len(asked) {
		t.Fatalf("nodes: %d answers for %d ids", len(got.Nodes), len(asked))
	}
	for i, n := range got.Nodes {
		switch {
		case want[i] == "":
			if n != nil {
				t.Errorf("nodes[%d] (%s): %+v; want null", i, asked[i], n)
			}
		case n == nil || n.ID != asked[i]:
			t.Errorf("nodes[%d]: %+v; want %s", i, n, asked[i])
		case want[i] != "actor" && n.Typename != want[i]:
			t.Errorf("nodes[%d]: a %s; want a %s", i, n.Typename, want[i])
		}
	}

	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf("id-%d", i)
	}
	wantError(t, api.post(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": many}, ""), "BAD_USER_INPUT", "ids", "100")
}
