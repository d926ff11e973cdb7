package main

import (
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// handMade is a small network whose answers the tests below work out by
// hand. Leaving out lone, it is a tree:
//
//	kr ── hub-u ── s1 ── demo
//	        │ └── s2
//	       expo ══ park ── uz      (══: two relations, hosted and organised)
//	        │        └── prog
//	       min
//
// with these dates: s1 founded 2020-01, s2 founded 2023, demo on 2022-05,
// expo on 2022-05-10, and park offering prog from 2021-06 until 2022-12.
// A relation begins no earlier than its actors, so hub-u's FOUNDED
// relations begin with the startups and every relation of expo and demo on
// their days. hub-u, s1 and s2 are in South Korea (kr); park, min and expo
// in Uzbekistan (uz); prog, demo and lone have no country.
func handMade() *store.Dataset {
	d := store.MustDate
	cite := []store.Citation{{SourceID: "notes"}}
	actor := func(id string, kind store.Kind, name, country string) store.Actor {
		return store.Actor{ID: id, Kind: kind, Name: name, CountryID: country, Citations: cite}
	}
	rel := func(id string, t store.RelationType, from, to string) store.Relation {
		return store.Relation{ID: id, Type: t, From: from, To: to, Citations: cite}
	}
	actors := []store.Actor{
		actor("kr", store.KindCountry, "South Korea", ""),
		actor("uz", store.KindCountry, "Uzbekistan", ""),
		actor("hub-u", store.KindUniversity, "Hub University", "kr"),
		actor("s1", store.KindStartup, "Startup One", "kr"),
		actor("s2", store.KindStartup, "Startup Two", "kr"),
		actor("park", store.KindOrganization, "Tech Park", "uz"),
		actor("lone", store.KindOrganization, "Lone Organisation", ""),
		actor("min", store.KindGovernmentBody, "Ministry", "uz"),
		actor("expo", store.KindEvent, "Expo", "uz"),
		actor("demo", store.KindEvent, "Demo Day", ""),
		actor("prog", store.KindProgram, "Grant Programme", ""),
	}
	actors[0].IsoCode, actors[1].IsoCode = "KR", "UZ"
	actors[3].Founded, actors[4].Founded = d("2020-01"), d("2023")
	actors[8].StartDate, actors[9].StartDate = d("2022-05-10"), d("2022-05")
	offers := rel("park-offers-prog", store.Offers, "park", "prog")
	offers.Since, offers.Until = d("2021-06"), d("2022-12")
	organised := rel("park-organized-expo", store.Organized, "park", "expo")
	organised.Since = d("2022-01")
	return &store.Dataset{
		Sources: []store.Source{{ID: "notes", Title: "Hand-made test network"}},
		Actors:  actors,
		Relations: []store.Relation{
			rel("hub-in-kr", store.LocatedIn, "hub-u", "kr"),
			rel("hub-founded-s1", store.Founded, "hub-u", "s1"),
			rel("hub-founded-s2", store.Founded, "hub-u", "s2"),
			rel("hub-at-expo", store.ParticipatedIn, "hub-u", "expo"),
			rel("s1-at-demo", store.ParticipatedIn, "s1", "demo"),
			rel("park-hosted-expo", store.Hosted, "park", "expo"),
			organised,
			rel("min-organized-expo", store.Organized, "min", "expo"),
			rel("park-in-uz", store.LocatedIn, "park", "uz"),
			offers,
		},
	}
}

type pathJSON struct {
	Length    int        `json:"length"`
	Actors    []actorRef `json:"actors"`
	Relations []struct {
		ID string `json:"id"`
	} `json:"relations"`
}

func (p *pathJSON) actorIDs() []string {
	if p == nil {
		return nil
	}
	return refIDs(p.Actors)
}

func (p *pathJSON) relationIDs() []string {
	var out []string
	for _, r := range p.Relations {
		out = append(out, r.ID)
	}
	return out
}

func refIDs(as []actorRef) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func wantList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if got == nil {
		got = []string{}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: got %q, want %q", what, got, want)
	}
}

const pathFields = `length actors { id } relations { id }`

func TestShortestPathAsOfAndKinds(t *testing.T) {
	api := startAPIWith(t, nil, handMade())
	const q = `query($from: ID!, $to: ID!, $asOf: Date, $kinds: [ActorKind!]) {
	  shortestPath(from: $from, to: $to, asOf: $asOf, kinds: $kinds) { ` + pathFields + ` } }`
	for _, c := range []struct {
		name, from, to string
		vars           map[string]any
		want           []string // nil: no path
	}{
		{"today", "s2", "uz", nil, []string{"s2", "hub-u", "expo", "park", "uz"}},
		// s2 was founded in 2023; expo took place on 2022-05-10.
		{"before s2", "s2", "uz", map[string]any{"asOf": "2022-12-31"}, nil},
		{"a year as of its last day", "s2", "uz", map[string]any{"asOf": "2023"}, []string{"s2", "hub-u", "expo", "park", "uz"}},
		{"before expo", "kr", "prog", map[string]any{"asOf": "2022-05-09"}, nil},
		{"expo day", "kr", "prog", map[string]any{"asOf": "2022-05-10"}, []string{"kr", "hub-u", "expo", "park", "prog"}},
		// park offered prog until the end of 2022.
		{"after the offer", "kr", "prog", map[string]any{"asOf": "2023-01-01"}, nil},
		// The way from kr to uz passes through expo, an event.
		{"no events", "kr", "uz", map[string]any{"kinds": []string{"UNIVERSITY", "ORGANIZATION"}}, nil},
		{"events too", "kr", "uz", map[string]any{"kinds": []string{"UNIVERSITY", "EVENT", "ORGANIZATION"}}, []string{"kr", "hub-u", "expo", "park", "uz"}},
	} {
		vars := map[string]any{"from": c.from, "to": c.to}
		for k, v := range c.vars {
			vars[k] = v
		}
		var got struct {
			ShortestPath *pathJSON `json:"shortestPath"`
		}
		api.query(q, vars, &got)
		if c.want == nil {
			if got.ShortestPath != nil {
				t.Errorf("%s: path %q, want none", c.name, got.ShortestPath.actorIDs())
			}
			continue
		}
		wantList(t, c.name, got.ShortestPath.actorIDs(), c.want)
	}
}

func TestPathSearchTruncatedAndParallel(t *testing.T) {
	api := startAPIWith(t, nil, handMade())
	const q = `query($first: Int, $asOf: Date) {
	  pathSearch(from: "park", to: "expo", maxLength: 1, first: $first, asOf: $asOf) { paths { ` + pathFields + ` } truncated }
	  paths(from: "park", to: "expo", maxLength: 1, first: $first, asOf: $asOf) { ` + pathFields + ` } }`
	type answer struct {
		PathSearch struct {
			Paths     []pathJSON `json:"paths"`
			Truncated bool       `json:"truncated"`
		} `json:"pathSearch"`
		Paths []pathJSON `json:"paths"`
	}
	// park and expo are joined twice: two paths of one relation, in the
	// order of their relation ids.
	for _, c := range []struct {
		name      string
		vars      map[string]any
		want      []string
		truncated bool
	}{
		{"both", map[string]any{"first": 10}, []string{"park-hosted-expo", "park-organized-expo"}, false},
		{"first 1", map[string]any{"first": 1}, []string{"park-hosted-expo"}, true},
		{"before expo", map[string]any{"first": 10, "asOf": "2022-03-01"}, nil, false},
	} {
		var got answer
		api.query(q, c.vars, &got)
		var rels []string
		for _, p := range got.PathSearch.Paths {
			rels = append(rels, p.relationIDs()...)
		}
		wantList(t, c.name, rels, c.want)
		if got.PathSearch.Truncated != c.truncated {
			t.Errorf("%s: truncated %v, want %v", c.name, got.PathSearch.Truncated, c.truncated)
		}
		if len(got.Paths) != len(got.PathSearch.Paths) {
			t.Errorf("%s: paths gave %d, pathSearch %d", c.name, len(got.Paths), len(got.PathSearch.Paths))
		}
	}
}

func TestNeighborhoodAsOf(t *testing.T) {
	api := startAPIWith(t, nil, handMade())
	const q = `query($asOf: Date) { neighborhood(id: "park", depth: 1, asOf: $asOf) { actors { id } relations { id } truncated } }`
	var got struct {
		Neighborhood struct {
			Actors    []actorRef `json:"actors"`
			Relations []struct {
				ID string `json:"id"`
			} `json:"relations"`
		} `json:"neighborhood"`
	}
	// On 2022-01-01 park is in uz and offers prog; expo has not begun.
	// Hop 1 is ordered by name: Grant Programme, then Uzbekistan.
	api.query(q, map[string]any{"asOf": "2022-01-01"}, &got)
	wantList(t, "actors", refIDs(got.Neighborhood.Actors), []string{"park", "prog", "uz"})
	var rels []string
	for _, r := range got.Neighborhood.Relations {
		rels = append(rels, r.ID)
	}
	wantList(t, "relations", rels, []string{"park-in-uz", "park-offers-prog"})
}

func TestCommonNeighbors(t *testing.T) {
	api := startAPIWith(t, nil, handMade())
	const q = `query($a: ID!, $b: ID!, $asOf: Date, $kinds: [ActorKind!], $first: Int) {
	  commonNeighbors(a: $a, b: $b, asOf: $asOf, kinds: $kinds, first: $first) { actors { id } truncated } }`
	for _, c := range []struct {
		name      string
		vars      map[string]any
		want      []string
		truncated bool
	}{
		// hub-u: kr, s1, s2, expo; park: expo, uz, prog.
		{"hub-u and park", map[string]any{"a": "hub-u", "b": "park"}, []string{"expo"}, false},
		{"before expo", map[string]any{"a": "hub-u", "b": "park", "asOf": "2022-01-01"}, nil, false},
		{"only countries", map[string]any{"a": "hub-u", "b": "park", "kinds": []string{"COUNTRY"}}, nil, false},
		// s2: hub-u; expo: hub-u, park, min.
		{"s2 and expo", map[string]any{"a": "s2", "b": "expo"}, []string{"hub-u"}, false},
		{"the same actor twice", map[string]any{"a": "park", "b": "park"}, []string{"expo", "prog", "uz"}, false},
		{"first 1", map[string]any{"a": "park", "b": "park", "first": 1}, []string{"expo"}, true},
	} {
		var got struct {
			CommonNeighbors struct {
				Actors    []actorRef `json:"actors"`
				Truncated bool       `json:"truncated"`
			} `json:"commonNeighbors"`
		}
		api.query(q, c.vars, &got)
		wantList(t, c.name, refIDs(got.CommonNeighbors.Actors), c.want)
		if got.CommonNeighbors.Truncated != c.truncated {
			t.Errorf("%s: truncated %v, want %v", c.name, got.CommonNeighbors.Truncated, c.truncated)
		}
	}
	r := api.post(`{ commonNeighbors(a: "park", b: "nobody") { actors { id } } }`, nil, "")
	wantError(t, r, "NOT_FOUND", "nobody")
	r = api.post(`{ commonNeighbors(a: "park", b: "expo", first: 101) { actors { id } } }`, nil, "")
	wantError(t, r, "BAD_USER_INPUT", "first")
}

// The seed network as of 2024-06-01: the seminar (2024-06-13) and the
// Forum (2024-07-24) have not taken place, so SCH's way to the Ministry
// goes through IT Park and Uzbekistan, and from the Forum's day on through
// the Forum.
func TestSeedPathAsOf(t *testing.T) {
	api := startAPI(t, nil)
	const q = `query($asOf: Date) { shortestPath(from: "` + schID + `", to: "` + ministryID + `", asOf: $asOf) { ` + pathFields + ` } }`
	for asOf, want := range map[string][]string{
		"2024-06-01": {schID, itParkID, "uzbekistan", ministryID},
		"2024-07-24": {schID, forumID, ministryID},
	} {
		var got struct {
			ShortestPath *pathJSON `json:"shortestPath"`
		}
		api.query(q, map[string]any{"asOf": asOf}, &got)
		wantList(t, "as of "+asOf, got.ShortestPath.actorIDs(), want)
	}
	r := api.post(`{ shortestPath(from: "`+schID+`", to: "`+ministryID+`", asOf: "2024-13-01") { length } }`, nil, "")
	wantError(t, r, "BAD_USER_INPUT", "asOf", "2024-13-01")
}
