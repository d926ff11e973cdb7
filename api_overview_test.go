package main

import (
	"slices"
	"testing"
)

type overviewJSON struct {
	Truncated bool `json:"truncated"`
	Actors    []struct {
		ID        string  `json:"id"`
		Kind      string  `json:"kind"`
		Name      string  `json:"name"`
		Score     float64 `json:"score"`
		Community string  `json:"community"`
	} `json:"actors"`
	Relations []struct {
		ID   string `json:"id"`
		Type string `json:"type"`
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"relations"`
}

func (o overviewJSON) ids() (actors, relations []string) {
	for _, a := range o.Actors {
		actors = append(actors, a.ID)
	}
	for _, r := range o.Relations {
		relations = append(relations, r.ID)
	}
	return actors, relations
}

func (api *apiServer) overview(vars map[string]any) overviewJSON {
	api.t.Helper()
	var got struct {
		Overview overviewJSON `json:"overview"`
	}
	api.query(`query($asOf: Date, $kinds: [ActorKind!], $types: [RelationType!], $measure: CentralityMeasure, $limit: Int) {
	  overview(asOf: $asOf, kinds: $kinds, types: $types, measure: $measure, limit: $limit) {
	    truncated
	    actors { id kind name score community }
	    relations { id type from to }
	  }
	}`, vars, &got)
	return got.Overview
}

// TestOverviewHandMade draws the hand-made network (see handMade) whole
// and in parts: the overview agrees with centrality and communities, and
// its filters, asOf and limit keep what they say.
func TestOverviewHandMade(t *testing.T) {
	api := startAPIWith(t, nil, handMade())

	all := api.overview(nil)
	actors, relations := all.ids()
	// By degree, as TestCentralityHandMade lists it.
	wantActors := []string{"hub-u", "expo", "park", "s1", "demo", "kr", "min", "prog", "s2", "uz", "lone"}
	if !slices.Equal(actors, wantActors) || all.Truncated {
		t.Errorf("overview actors %v (truncated %v), want %v", actors, all.Truncated, wantActors)
	}
	wantRelations := []string{"hub-at-expo", "hub-founded-s1", "hub-founded-s2", "hub-in-kr", "min-organized-expo", "park-hosted-expo", "park-in-uz", "park-offers-prog", "park-organized-expo", "s1-at-demo"}
	if !slices.Equal(relations, wantRelations) {
		t.Errorf("overview relations %v, want %v", relations, wantRelations)
	}
	degree := api.centrality("DEGREE", nil)
	for i, a := range all.Actors {
		if a.Score != degree[i].Score || a.Kind != degree[i].Actor.Kind {
			t.Errorf("%s: score %v kind %s; centrality says %v %s", a.ID, a.Score, a.Kind, degree[i].Score, degree[i].Actor.Kind)
		}
	}
	if all.Actors[0].Name != "Hub University" {
		t.Errorf("hub-u is named %q, want Hub University", all.Actors[0].Name)
	}
	for _, r := range all.Relations {
		if r.ID == "hub-founded-s1" && (r.Type != "FOUNDED" || r.From != "hub-u" || r.To != "s1") {
			t.Errorf("hub-founded-s1 drawn as %+v", r)
		}
	}
	var comms struct {
		Communities []struct {
			ID     string     `json:"id"`
			Actors []actorRef `json:"actors"`
		} `json:"communities"`
	}
	api.query(`{ communities(first: 100) { id actors { id } } }`, nil, &comms)
	in := map[string]string{}
	for _, c := range comms.Communities {
		for _, a := range c.Actors {
			in[a.ID] = c.ID
		}
	}
	for _, a := range all.Actors {
		if a.Community != in[a.ID] {
			t.Errorf("%s: community %q, communities says %q", a.ID, a.Community, in[a.ID])
		}
	}

	for _, tc := range []struct {
		name          string
		vars          map[string]any
		actors, rels  []string
		wantTruncated bool
	}{
		{"limit", map[string]any{"limit": 3}, []string{"hub-u", "expo", "park"},
			[]string{"hub-at-expo", "park-hosted-expo", "park-organized-expo"}, true},
		{"kinds", map[string]any{"kinds": []string{"EVENT", "ORGANIZATION"}}, []string{"expo", "park", "demo", "lone"},
			[]string{"park-hosted-expo", "park-organized-expo"}, false},
		{"types", map[string]any{"types": []string{"FOUNDED"}, "limit": 4}, []string{"hub-u", "expo", "park", "s1"},
			[]string{"hub-founded-s1"}, true},
		// As of 2022-01-01, s2, expo and demo have not begun, and of
		// park's relations those to uz and prog hold.
		{"asOf", map[string]any{"asOf": "2022-01-01"}, []string{"hub-u", "park", "kr", "prog", "s1", "uz", "lone", "min"},
			[]string{"hub-founded-s1", "hub-in-kr", "park-in-uz", "park-offers-prog"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := api.overview(tc.vars)
			actors, rels := got.ids()
			if !slices.Equal(actors, tc.actors) || !slices.Equal(rels, tc.rels) || got.Truncated != tc.wantTruncated {
				t.Errorf("actors %v relations %v truncated %v; want %v %v %v", actors, rels, got.Truncated, tc.actors, tc.rels, tc.wantTruncated)
			}
		})
	}

	if pr := api.overview(map[string]any{"measure": "PAGERANK", "limit": 1}); len(pr.Actors) != 1 || pr.Actors[0].ID != api.centrality("PAGERANK", nil)[0].Actor.ID {
		t.Errorf("overview by PageRank keeps %+v, want centrality's first", pr.Actors)
	}

	for _, tc := range []struct {
		query string
		code  string
		parts []string
	}{
		{`{ overview(limit: 0) { truncated } }`, "BAD_USER_INPUT", []string{"limit", "0"}},
		{`{ overview(limit: 10001) { truncated } }`, "BAD_USER_INPUT", []string{"limit", "10001"}},
		{`{ overview(asOf: "soon") { truncated } }`, "BAD_USER_INPUT", []string{"asOf", "soon"}},
		// One overview costs its limit: two of the largest are too dear.
		{`{ a: overview(limit: 10000) { truncated } b: overview(limit: 10000) { truncated } }`, "QUERY_TOO_COMPLEX", nil},
	} {
		wantError(t, api.post(tc.query, nil, ""), tc.code, tc.parts...)
	}
	r := api.post(`query($n: Int) { overview(limit: $n) { truncated } }`, map[string]any{"n": "5"}, "")
	wantError(t, r, "BAD_USER_INPUT", "limit", "string")
	if got := api.overview(map[string]any{"limit": 10000}); len(got.Actors) != 11 {
		t.Errorf("the largest limit gives %d actors, want all 11", len(got.Actors))
	}
}
