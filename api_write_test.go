package main

import (
	"fmt"
	"sync"
	"testing"
)

const createStartup = `mutation($input: CreateActorInput!) { createActor(input: $input) { id kind name ... on Startup { founded } country { id } } }`

func startupInput(id string) map[string]any {
	return map[string]any{"input": map[string]any{
		"id": id, "kind": "STARTUP", "name": "Tashkent Robotics", "founded": "2024-06", "country": "uzbekistan",
		"names":   []map[string]any{{"value": "Тошкент Роботикс", "lang": "uz-Cyrl"}},
		"aliases": []string{"TR"},
	}}
}

// actorExists asks the API whether an actor is there.
func (s *apiServer) actorExists(id string) bool {
	s.t.Helper()
	var got struct {
		Actor *struct{ ID string } `json:"actor"`
	}
	s.query(`query($id: ID!) { actor(id: $id) { id } }`, map[string]any{"id": id}, &got)
	return got.Actor != nil
}

func TestMutationsNeedAValidKey(t *testing.T) {
	api := startAPI(t, nil)
	for _, tc := range []struct {
		name, key, code string
	}{
		{"no key", "", "UNAUTHENTICATED"},
		{"wrong key", "not-the-key", "UNAUTHENTICATED"},
		{"key's prefix", testKey[:4], "UNAUTHENTICATED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := api.store.total()
			r := api.post(createStartup, startupInput("refused-startup"), tc.key)
			wantError(t, r, tc.code, "Authorization")
			if r.Data != nil && string(r.Data) != "null" {
				t.Errorf("a refused mutation returned data %s", r.Data)
			}
			if n := api.store.total() - before; n != 0 {
				t.Errorf("a refused mutation made %d store calls", n)
			}
			if api.actorExists("refused-startup") {
				t.Fatal("a refused mutation wrote its actor")
			}
		})
	}
}

func TestMutationsRefusedWhenNoKeyIsConfigured(t *testing.T) {
	api := startAPI(t, map[string]string{})
	r := api.post(createStartup, startupInput("no-keys"), "anything")
	wantError(t, r, "FORBIDDEN", "ECOGRAPH_API_KEYS")
	if api.actorExists("no-keys") {
		t.Fatal("the mutation wrote its actor")
	}
}

func TestWritesWithAKeySurviveARestart(t *testing.T) {
	api := startAPI(t, nil)
	var created struct {
		CreateActor struct {
			ID      string               `json:"id"`
			Founded string               `json:"founded"`
			Country *struct{ ID string } `json:"country"`
		} `json:"createActor"`
	}
	api.mutate(createStartup, startupInput("tashkent-robotics"), &created)
	if created.CreateActor.Founded != "2024-06" || created.CreateActor.Country == nil {
		t.Fatalf("created: %+v", created)
	}
	var rel struct {
		CreateRelation struct {
			ID    string              `json:"id"`
			Since string              `json:"since"`
			From  struct{ ID string } `json:"from"`
		} `json:"createRelation"`
	}
	api.mutate(`mutation { createRelation(input: {type: PARTICIPATED_IN, from: "tashkent-robotics", to: "`+forumID+`", since: "2024-07-24", note: "exhibitor"}) { id since from { id } } }`, nil, &rel)
	if rel.CreateRelation.ID == "" || rel.CreateRelation.Since != "2024-07-24" {
		t.Fatalf("relation: %+v", rel)
	}
	var updated struct {
		UpdateActor struct {
			Name        string   `json:"name"`
			Description *string  `json:"description"`
			Aliases     []string `json:"aliases"`
		} `json:"updateActor"`
	}
	api.mutate(`mutation { updateActor(id: "tashkent-robotics", input: {description: "Robots for cotton fields"}) { name description aliases } }`, nil, &updated)
	if updated.UpdateActor.Name != "Tashkent Robotics" || len(updated.UpdateActor.Aliases) != 1 {
		t.Fatalf("an update changed fields it did not name: %+v", updated)
	}

	api.restart()

	var got struct {
		Actor struct {
			Description string `json:"description"`
			Relations   struct {
				TotalCount int `json:"totalCount"`
			} `json:"relations"`
		} `json:"actor"`
	}
	api.query(`{ actor(id: "tashkent-robotics") { description relations { totalCount } } }`, nil, &got)
	if got.Actor.Description != "Robots for cotton fields" || got.Actor.Relations.TotalCount != 1 {
		t.Fatalf("after restart: %+v", got)
	}

	// Deleting the actor deletes its relation too, and that lasts as well.
	var del struct {
		DeleteActor string `json:"deleteActor"`
	}
	api.mutate(`mutation { deleteActor(id: "tashkent-robotics") }`, nil, &del)
	api.restart()
	var relGone struct {
		Relation *struct{ ID string } `json:"relation"`
	}
	api.query(`query($id: ID!) { relation(id: $id) { id } }`, map[string]any{"id": rel.CreateRelation.ID}, &relGone)
	if api.actorExists("tashkent-robotics") || relGone.Relation != nil {
		t.Fatal("deleteActor did not delete the actor and its relation for good")
	}
}

func TestUpdateWithNullClearsAField(t *testing.T) {
	api := startAPI(t, nil)
	api.mutate(createStartup, startupInput("clear-me"), nil)
	var got struct {
		UpdateActor struct {
			Founded *string `json:"founded"`
			Name    string  `json:"name"`
		} `json:"updateActor"`
	}
	api.mutate(`mutation { updateActor(id: "clear-me", input: {founded: null}) { name ... on Startup { founded } } }`, nil, &got)
	if got.UpdateActor.Founded != nil || got.UpdateActor.Name != "Tashkent Robotics" {
		t.Fatalf("after founded: null: %+v", got)
	}
}

func TestDatesKeepTheirPrecisionAndRefuseOtherForms(t *testing.T) {
	api := startAPI(t, nil)
	for _, d := range []string{"2024", "2024-06", "2024-06-13"} {
		var got struct {
			CreateActor struct {
				Founded string `json:"founded"`
			} `json:"createActor"`
		}
		in := startupInput("")
		in["input"].(map[string]any)["id"] = nil
		in["input"].(map[string]any)["founded"] = d
		api.mutate(createStartup, in, &got)
		if got.CreateActor.Founded != d {
			t.Errorf("founded %q came back as %q", d, got.CreateActor.Founded)
		}
	}
	for _, bad := range []string{"24 July", "2024-13", "2024-02-30", "2024/06/13", "24-07-2024", ""} {
		t.Run(bad, func(t *testing.T) {
			in := startupInput("bad-date")
			in["input"].(map[string]any)["founded"] = bad
			r := api.post(createStartup, in, testKey)
			wantError(t, r, "BAD_USER_INPUT", "founded", fmt.Sprintf("%q", bad))
			if api.actorExists("bad-date") {
				t.Fatal("an actor with a bad date was written")
			}
		})
	}
	// A date written in the query itself, not in a variable, is checked the same way.
	r := api.post(`mutation { createRelation(input: {type: PARTICIPATED_IN, from: "`+schID+`", to: "`+forumID+`", since: "24 July"}) { id } }`, nil, testKey)
	wantError(t, r, "BAD_USER_INPUT", "since", `"24 July"`)
}

func TestConcurrentReadersAndWriters(t *testing.T) {
	api := startAPI(t, nil)
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				id := fmt.Sprintf("concurrent-%d-%d", w, i)
				r := api.post(`mutation($id: ID!, $name: String!) { createActor(input: {id: $id, kind: STARTUP, name: $name}) { id } }`, map[string]any{"id": id, "name": id}, testKey)
				if len(r.Errors) > 0 {
					errs <- r.Errors[0].Message
					return
				}
				r = api.post(`mutation($id: ID!) { createRelation(input: {type: FOUNDED, from: "`+schID+`", to: $id}) { id } }`, map[string]any{"id": id}, testKey)
				if len(r.Errors) > 0 {
					errs <- r.Errors[0].Message
					return
				}
			}
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				r := api.post(`{ actor(id: "`+schID+`") { relations(first: 100) { totalCount edges { other { name } } } } search(text: "concurrent") { matched } }`, nil, "")
				if len(r.Errors) > 0 {
					errs <- r.Errors[0].Message
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	var got struct {
		Actor struct {
			Relations struct {
				TotalCount int `json:"totalCount"`
			} `json:"relations"`
		} `json:"actor"`
	}
	api.query(`{ actor(id: "`+schID+`") { relations(types: [FOUNDED]) { totalCount } } }`, nil, &got)
	if got.Actor.Relations.TotalCount != 5+40 {
		t.Fatalf("SCH founded %d after 40 concurrent writes, want 45", got.Actor.Relations.TotalCount)
	}
}
