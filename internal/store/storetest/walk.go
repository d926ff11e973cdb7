package storetest

import (
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

func testNeighborhood(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	for _, c := range []struct {
		name      string
		center    string
		q         store.NeighborhoodQuery
		actors    []string
		relations []string
		truncated bool
	}{
		{
			name: "depth 1", center: "it-park", q: store.NeighborhoodQuery{Depth: 1, Limit: 200},
			actors: []string{"it-park", "ict-week", "it-park-residency", "kaist", "kised", "mitc", "uz"},
			relations: []string{"ictweek-in-uz", "itpark-in-uz", "itpark-interested-kaist", "itpark-offers-residency",
				"itpark-organized-ictweek", "itpark-partners-kised", "kaist-at-ictweek", "mitc-founded-itpark",
				"mitc-hosted-ictweek", "mitc-negotiates-kised"},
		},
		{
			name: "limit", center: "it-park", q: store.NeighborhoodQuery{Depth: 1, Limit: 3},
			actors:    []string{"it-park", "ict-week", "it-park-residency"},
			relations: []string{"itpark-offers-residency", "itpark-organized-ictweek"},
			truncated: true,
		},
		{
			name: "kinds", center: "it-park", q: store.NeighborhoodQuery{Depth: 2, Limit: 200, Kinds: []store.Kind{store.KindCountry}},
			actors:    []string{"it-park", "uz"},
			relations: []string{"itpark-in-uz"},
		},
		{
			name: "types, depth 2", center: "it-park", q: store.NeighborhoodQuery{Depth: 2, Limit: 200, Types: []store.RelationType{store.LocatedIn}},
			actors:    []string{"it-park", "uz", "ict-week", "inha-tashkent", "tuit", "uzum"},
			relations: []string{"ictweek-in-uz", "inha-in-uz", "itpark-in-uz", "tuit-in-uz", "uzum-in-uz"},
		},
		{
			name: "depth 0", center: "kz", q: store.NeighborhoodQuery{Depth: 0, Limit: 200},
			actors: []string{"kz"},
		},
		{
			name: "alone", center: "kz", q: store.NeighborhoodQuery{Depth: 3, Limit: 200},
			actors: []string{"kz"},
		},
	} {
		g, err := s.Neighborhood(ctx, c.center, c.q)
		must(t, c.name, err)
		wantIDs(t, c.name+": actors", actorIDs(g.Actors), c.actors)
		wantIDs(t, c.name+": relations", relationIDs(g.Relations), c.relations)
		if g.Truncated != c.truncated {
			t.Errorf("%s: Truncated %v, want %v", c.name, g.Truncated, c.truncated)
		}
	}
	g, err := s.Neighborhood(ctx, "it-park", store.NeighborhoodQuery{Depth: 1, Limit: 200})
	must(t, "Neighborhood", err)
	sameActor(t, "the neighbourhood's center", g.Actors[0], fixtureActor(t, "it-park"))
	sameRelation(t, "a relation of the neighbourhood", g.Relations[5], fixtureRelation(t, "itpark-partners-kised"))
	_, err = s.Neighborhood(ctx, "nobody", store.NeighborhoodQuery{Depth: 1, Limit: 10})
	wantNotFound(t, "Neighborhood(nobody)", err, "actor", "nobody")
}

func testShortestPath(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	for _, c := range []struct {
		name      string
		from, to  string
		q         store.PathQuery
		actors    []string
		relations []string
		none      bool
	}{
		{
			name: "three hops", from: "payme", to: "kaist", q: store.PathQuery{MaxLength: 6},
			actors:    []string{"payme", "it-park-residency", "it-park", "kaist"},
			relations: []string{"payme-in-residency", "itpark-offers-residency", "itpark-interested-kaist"},
		},
		{
			name: "against the direction", from: "kaist", to: "payme", q: store.PathQuery{MaxLength: 6},
			actors:    []string{"kaist", "it-park", "it-park-residency", "payme"},
			relations: []string{"itpark-interested-kaist", "itpark-offers-residency", "payme-in-residency"},
		},
		{
			name: "types", from: "payme", to: "kaist",
			q:         store.PathQuery{MaxLength: 6, Types: []store.RelationType{store.ParticipatedIn, store.Offers, store.PartnersWith, store.Organized, store.InvitedTo}},
			actors:    []string{"payme", "it-park-residency", "it-park", "ict-week", "kaist"},
			relations: []string{"payme-in-residency", "itpark-offers-residency", "itpark-organized-ictweek", "kaist-at-ictweek"},
		},
		{
			// Two parallel relations: the smaller id.
			name: "parallel relations", from: "inha-tashkent", to: "kaist", q: store.PathQuery{MaxLength: 6},
			actors:    []string{"inha-tashkent", "kaist"},
			relations: []string{"inha-partners-kaist"},
		},
		{name: "too far", from: "payme", to: "kaist", q: store.PathQuery{MaxLength: 2}, none: true},
		{name: "no path", from: "payme", to: "kz", q: store.PathQuery{MaxLength: 6}, none: true},
		{name: "itself", from: "kz", to: "kz", q: store.PathQuery{MaxLength: 6}, actors: []string{"kz"}},
	} {
		p, err := s.ShortestPath(ctx, c.from, c.to, c.q)
		must(t, c.name, err)
		if c.none {
			if p != nil {
				t.Errorf("%s: got a path %q, want none", c.name, actorIDs(p.Actors))
			}
			continue
		}
		if p == nil {
			t.Errorf("%s: no path", c.name)
			continue
		}
		wantIDs(t, c.name+": actors", actorIDs(p.Actors), c.actors)
		wantIDs(t, c.name+": relations", relationIDs(p.Relations), c.relations)
	}
	_, err := s.ShortestPath(ctx, "payme", "nobody", store.PathQuery{MaxLength: 6})
	wantNotFound(t, "ShortestPath to nobody", err, "actor", "nobody")
	_, err = s.ShortestPath(ctx, "nobody", "payme", store.PathQuery{MaxLength: 6})
	wantNotFound(t, "ShortestPath from nobody", err, "actor", "nobody")
}

func testPaths(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	type path struct{ actors, relations []string }
	for _, c := range []struct {
		name      string
		q         store.PathQuery
		first     int
		want      []path
		truncated bool
	}{
		{name: "up to 4", q: store.PathQuery{MaxLength: 4}, first: 10, want: []path{
			{[]string{"payme", "it-park-residency", "it-park", "kaist"}, []string{"payme-in-residency", "itpark-offers-residency", "itpark-interested-kaist"}},
			{[]string{"payme", "demo-day", "kised", "it-park", "kaist"}, []string{"payme-invited-demoday", "kised-organized-demoday", "itpark-partners-kised", "itpark-interested-kaist"}},
			{[]string{"payme", "it-park-residency", "it-park", "ict-week", "kaist"}, []string{"payme-in-residency", "itpark-offers-residency", "itpark-organized-ictweek", "kaist-at-ictweek"}},
		}},
		{name: "first 2", q: store.PathQuery{MaxLength: 4}, first: 2, truncated: true, want: []path{
			{[]string{"payme", "it-park-residency", "it-park", "kaist"}, []string{"payme-in-residency", "itpark-offers-residency", "itpark-interested-kaist"}},
			{[]string{"payme", "demo-day", "kised", "it-park", "kaist"}, []string{"payme-invited-demoday", "kised-organized-demoday", "itpark-partners-kised", "itpark-interested-kaist"}},
		}},
		{name: "up to 3", q: store.PathQuery{MaxLength: 3}, first: 10, want: []path{
			{[]string{"payme", "it-park-residency", "it-park", "kaist"}, []string{"payme-in-residency", "itpark-offers-residency", "itpark-interested-kaist"}},
		}},
		{name: "up to 2", q: store.PathQuery{MaxLength: 2}, first: 10},
		{name: "types", q: store.PathQuery{MaxLength: 4, Types: []store.RelationType{store.ParticipatedIn, store.InvitedTo, store.Organized, store.Offers}}, first: 10, want: []path{
			{[]string{"payme", "it-park-residency", "it-park", "ict-week", "kaist"}, []string{"payme-in-residency", "itpark-offers-residency", "itpark-organized-ictweek", "kaist-at-ictweek"}},
		}},
	} {
		ps, truncated, err := s.Paths(ctx, "payme", "kaist", c.q, c.first)
		must(t, c.name, err)
		if truncated != c.truncated {
			t.Errorf("%s: truncated = %v, want %v", c.name, truncated, c.truncated)
		}
		if len(ps) != len(c.want) {
			t.Errorf("%s: %d paths, want %d", c.name, len(ps), len(c.want))
			for _, p := range ps {
				t.Logf("  %q", actorIDs(p.Actors))
			}
			continue
		}
		for i, w := range c.want {
			wantIDs(t, c.name+": actors", actorIDs(ps[i].Actors), w.actors)
			wantIDs(t, c.name+": relations", relationIDs(ps[i].Relations), w.relations)
		}
	}
	// Parallel relations make distinct paths.
	ps, _, err := s.Paths(ctx, "inha-tashkent", "kaist", store.PathQuery{MaxLength: 1}, 10)
	must(t, "Paths(inha-tashkent, kaist)", err)
	if len(ps) != 2 || relationIDs(ps[0].Relations)[0] != "inha-partners-kaist" || relationIDs(ps[1].Relations)[0] != "kaist-partners-inha" {
		t.Errorf("paths between inha-tashkent and kaist of length 1: %v", ps)
	}
	_, _, err = s.Paths(ctx, "payme", "nobody", store.PathQuery{MaxLength: 4}, 10)
	wantNotFound(t, "Paths to nobody", err, "actor", "nobody")
}
