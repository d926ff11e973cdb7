package main

import (
	"slices"
	"testing"
)

const (
	schID      = "soonchunhyang-university"
	itParkID   = "it-park-uzbekistan"
	ministryID = "ministry-of-digital-technologies"
	forumID    = "global-business-service-forum-2024"
)

type actorRef struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

func TestSearchFindsSCHByNameAndAbbreviation(t *testing.T) {
	api := startAPI(t, nil)
	const q = `query($text: String!) { search(text: $text) { actor { id kind name } score matched } }`
	for _, text := range []string{"Soonchunhyang", "SCH", "sch", "Sun Chun Xyan", "순천향대학교"} {
		var got struct {
			Search []struct {
				Actor   actorRef `json:"actor"`
				Score   float64  `json:"score"`
				Matched string   `json:"matched"`
			} `json:"search"`
		}
		api.query(q, map[string]any{"text": text}, &got)
		if len(got.Search) == 0 || got.Search[0].Actor.ID != schID || got.Search[0].Actor.Kind != "UNIVERSITY" {
			t.Fatalf("search %q: want %s first, got %+v", text, schID, got.Search)
		}
	}
}

func TestSCHRelations(t *testing.T) {
	api := startAPI(t, nil)
	const q = `query($id: ID!, $after: String) {
	  actor(id: $id) {
	    name
	    country { id isoCode }
	    relations(first: 5, after: $after) {
	      totalCount
	      pageInfo { hasNextPage endCursor }
	      edges { cursor direction node { id type } other { id kind name } }
	    }
	  }
	}`
	type edge struct {
		Cursor    string `json:"cursor"`
		Direction string `json:"direction"`
		Node      struct {
			ID   string `json:"id"`
			Type string `json:"type"`
		} `json:"node"`
		Other actorRef `json:"other"`
	}
	var all []edge
	total := -1
	var after any
	for page := 0; ; page++ {
		var got struct {
			Actor struct {
				Name    string `json:"name"`
				Country struct {
					ID      string `json:"id"`
					IsoCode string `json:"isoCode"`
				} `json:"country"`
				Relations struct {
					TotalCount int `json:"totalCount"`
					PageInfo   struct {
						HasNextPage bool   `json:"hasNextPage"`
						EndCursor   string `json:"endCursor"`
					} `json:"pageInfo"`
					Edges []edge `json:"edges"`
				} `json:"relations"`
			} `json:"actor"`
		}
		api.query(q, map[string]any{"id": schID, "after": after}, &got)
		if got.Actor.Country.ID != "south-korea" || got.Actor.Country.IsoCode != "KR" {
			t.Fatalf("SCH's country: %+v", got.Actor.Country)
		}
		rel := got.Actor.Relations
		if total >= 0 && rel.TotalCount != total {
			t.Fatalf("totalCount changed between pages: %d then %d", total, rel.TotalCount)
		}
		total = rel.TotalCount
		all = append(all, rel.Edges...)
		if !rel.PageInfo.HasNextPage {
			break
		}
		if len(rel.Edges) != 5 || page > 20 {
			t.Fatalf("page %d has %d edges and says more follow", page, len(rel.Edges))
		}
		after = rel.PageInfo.EndCursor
	}
	if len(all) != total {
		t.Fatalf("totalCount %d, but paging gave %d edges", total, len(all))
	}
	seen := map[string]bool{}
	founded, events := 0, map[string]bool{}
	var locatedIn, withITPark bool
	for i, e := range all {
		if seen[e.Node.ID] {
			t.Fatalf("relation %s listed twice", e.Node.ID)
		}
		seen[e.Node.ID] = true
		if i > 0 && e.Node.Type < all[i-1].Node.Type {
			t.Errorf("relations not ordered by type: %s after %s", e.Node.Type, all[i-1].Node.Type)
		}
		switch {
		case e.Node.Type == "FOUNDED" && e.Direction == "OUT" && e.Other.Kind == "STARTUP":
			founded++
		case e.Node.Type == "LOCATED_IN" && e.Other.ID == "south-korea":
			locatedIn = true
		}
		if e.Other.ID == itParkID {
			withITPark = true
		}
		if e.Other.Kind == "EVENT" {
			events[e.Other.ID] = true
		}
	}
	if founded != 5 || !locatedIn || !withITPark || len(events) < 3 {
		t.Fatalf("SCH: %d FOUNDED startups (want 5), located in South Korea %v, relates to IT Park %v, %d events (want ≥ 3)",
			founded, locatedIn, withITPark, len(events))
	}
}

func TestShortestPathSCHToMinistry(t *testing.T) {
	api := startAPI(t, nil)
	var got struct {
		ShortestPath struct {
			Length    int        `json:"length"`
			Actors    []actorRef `json:"actors"`
			Relations []struct {
				Type string `json:"type"`
			} `json:"relations"`
		} `json:"shortestPath"`
	}
	api.query(`{ shortestPath(from: "`+schID+`", to: "`+ministryID+`") { length actors { id name } relations { type } } }`, nil, &got)
	p := got.ShortestPath
	ids := make([]string, len(p.Actors))
	for i, a := range p.Actors {
		ids[i] = a.ID
	}
	if p.Length != 2 || !slices.Equal(ids, []string{schID, forumID, ministryID}) {
		t.Fatalf("want SCH → Global Business Service Forum → Ministry (length 2), got length %d via %v", p.Length, ids)
	}
	if p.Relations[0].Type != "INVITED_TO" || p.Relations[1].Type != "ORGANIZED" {
		t.Fatalf("relations: %+v", p.Relations)
	}
}

func TestActorsPaginationHasNoGapsOrDuplicates(t *testing.T) {
	api := startAPI(t, nil)
	const q = `query($after: String, $first: Int) { actors(first: $first, after: $after) {
	  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`
	var whole struct {
		Actors struct {
			TotalCount int `json:"totalCount"`
			Edges      []struct {
				Node actorRef `json:"node"`
			} `json:"edges"`
		} `json:"actors"`
	}
	api.query(q, map[string]any{"first": 100}, &whole)
	var want []string
	for _, e := range whole.Actors.Edges {
		want = append(want, e.Node.ID)
	}
	if len(want) != whole.Actors.TotalCount || len(want) < 15 {
		t.Fatalf("one page of 100 holds %d of %d actors", len(want), whole.Actors.TotalCount)
	}
	var paged []string
	var after any
	for {
		var got struct {
			Actors struct {
				PageInfo struct {
					HasNextPage bool   `json:"hasNextPage"`
					EndCursor   string `json:"endCursor"`
				} `json:"pageInfo"`
				Edges []struct {
					Node actorRef `json:"node"`
				} `json:"edges"`
			} `json:"actors"`
		}
		api.query(q, map[string]any{"first": 4, "after": after}, &got)
		for _, e := range got.Actors.Edges {
			paged = append(paged, e.Node.ID)
		}
		if !got.Actors.PageInfo.HasNextPage {
			break
		}
		after = got.Actors.PageInfo.EndCursor
	}
	if !slices.Equal(paged, want) {
		t.Fatalf("pages of 4 gave\n%v\nwant\n%v", paged, want)
	}
}

func TestActorsFilteredByKindAndCountry(t *testing.T) {
	api := startAPI(t, nil)
	var got struct {
		Actors struct {
			TotalCount int `json:"totalCount"`
			Edges      []struct {
				Node struct {
					actorRef
					StartDate *string `json:"startDate"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"actors"`
	}
	api.query(`{ actors(kinds: [EVENT]) { totalCount edges { node { id kind name ... on Event { startDate } } } } }`, nil, &got)
	if got.Actors.TotalCount != 3 {
		t.Fatalf("want 3 events, got %+v", got.Actors)
	}
	dates := map[string]string{}
	for _, e := range got.Actors.Edges {
		if e.Node.StartDate != nil {
			dates[e.Node.ID] = *e.Node.StartDate
		}
	}
	if dates["sch-delegation-visit-it-park"] != "2024-06" || dates["online-seminar-2024-06-13"] != "2024-06-13" || dates[forumID] != "2024-07-24" {
		t.Fatalf("event dates lost their precision: %v", dates)
	}

	var inUZ struct {
		Actors struct {
			Edges []struct {
				Node actorRef `json:"node"`
			} `json:"edges"`
		} `json:"actors"`
	}
	api.query(`{ actors(country: "uzbekistan") { edges { node { id } } } }`, nil, &inUZ)
	var ids []string
	for _, e := range inUZ.Actors.Edges {
		ids = append(ids, e.Node.ID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{itParkID, ministryID}) {
		t.Fatalf("actors in Uzbekistan: %v", ids)
	}
}

func TestNodeFindsActorsRelationsAndSources(t *testing.T) {
	api := startAPI(t, nil)
	var got struct {
		Actor struct {
			Citations []struct {
				Source struct {
					ID        string `json:"id"`
					Published string `json:"published"`
				} `json:"source"`
				Excerpt string `json:"excerpt"`
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
	api.query(`{ actor(id: "`+schID+`") { citations { source { id published } excerpt } relations(first: 1) { edges { node { id } } } } }`, nil, &got)
	if len(got.Actor.Citations) == 0 || got.Actor.Citations[0].Excerpt == "" || got.Actor.Citations[0].Source.Published != "2024-06-10" {
		t.Fatalf("SCH's citations: %+v", got.Actor.Citations)
	}
	relID := got.Actor.Relations.Edges[0].Node.ID
	srcID := got.Actor.Citations[0].Source.ID
	var nodes struct {
		A struct {
			Typename string `json:"__typename"`
		} `json:"a"`
		R struct {
			Typename string `json:"__typename"`
		} `json:"r"`
		S struct {
			Typename string `json:"__typename"`
		} `json:"s"`
		N *struct{} `json:"n"`
	}
	api.query(`query($a: ID!, $r: ID!, $s: ID!) { a: node(id: $a) { __typename } r: node(id: $r) { __typename } s: node(id: $s) { __typename } n: node(id: "no-such-node") { id } }`,
		map[string]any{"a": schID, "r": relID, "s": srcID}, &nodes)
	if nodes.A.Typename != "University" || nodes.R.Typename != "Relation" || nodes.S.Typename != "Source" || nodes.N != nil {
		t.Fatalf("node(): %+v", nodes)
	}
}

func TestNeighborhoodAndPaths(t *testing.T) {
	api := startAPI(t, nil)
	var got struct {
		Neighborhood struct {
			Actors    []actorRef `json:"actors"`
			Relations []struct {
				ID string `json:"id"`
			} `json:"relations"`
			Truncated bool `json:"truncated"`
		} `json:"neighborhood"`
		Paths []struct {
			Length int        `json:"length"`
			Actors []actorRef `json:"actors"`
		} `json:"paths"`
	}
	api.query(`{
	  neighborhood(id: "`+itParkID+`", depth: 1, limit: 3) { actors { id } relations { id } truncated }
	  paths(from: "`+schID+`", to: "`+ministryID+`", maxLength: 3) { length actors { id } }
	}`, nil, &got)
	n := got.Neighborhood
	if len(n.Actors) != 3 || n.Actors[0].ID != itParkID || !n.Truncated {
		t.Fatalf("neighborhood of IT Park with limit 3: %+v", n)
	}
	if len(got.Paths) < 2 || got.Paths[0].Length != 2 || got.Paths[0].Actors[1].ID != forumID {
		t.Fatalf("paths: %+v", got.Paths)
	}
	for i := 1; i < len(got.Paths); i++ {
		if got.Paths[i].Length < got.Paths[i-1].Length {
			t.Fatalf("paths not shortest first: %+v", got.Paths)
		}
	}
}

// TestActorsTotalCountHoweverAsked: a store may skip counting when the
// query does not ask for totalCount; asked through an inline fragment, a
// named fragment or under @include it is still counted, and equals the
// number of actors paging finds.
func TestActorsTotalCountHoweverAsked(t *testing.T) {
	api := startAPI(t, nil)
	var got struct {
		All struct {
			Edges []struct{ Node struct{ ID string } }
		}
		Inline  struct{ TotalCount int }
		Named   struct{ TotalCount int }
		Include struct{ TotalCount int }
	}
	api.query(`{
  all: actors(kinds: [STARTUP], first: 100) { edges { node { id } } }
  inline: actors(kinds: [STARTUP], first: 1) { ... on ActorConnection { totalCount } }
  named: actors(kinds: [STARTUP], first: 1) { ...Total }
  include: actors(kinds: [STARTUP], first: 1) { totalCount @include(if: true) edges { node { id } } }
}
fragment Total on ActorConnection { totalCount }`, nil, &got)
	want := len(got.All.Edges)
	if want < 2 {
		t.Fatalf("the seed has %d startups; the test needs a few", want)
	}
	for name, n := range map[string]int{"inline fragment": got.Inline.TotalCount, "named fragment": got.Named.TotalCount, "@include": got.Include.TotalCount} {
		if n != want {
			t.Errorf("totalCount (%s) = %d, want %d", name, n, want)
		}
	}
}
