package storetest

import (
	"slices"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// day is the store.Day of a YYYY-MM-DD literal, for asOf arguments.
func day(s string) *store.Day {
	d := store.MustDate(s).FirstDay()
	return &d
}

// testAsOf checks that walks see the network of a day: in the fixture,
// payme-in-residency runs from 2020 to 2023, ict-week begins on 2024-09-16
// (so do the relations to it), itpark-partners-kised from 2023-05, and
// payme was founded in 2017-03.
func testAsOf(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)

	// it-park's relations on 2023-01-01: not the ict-week organising (the
	// event has not begun) nor the kised partnership (from May 2023).
	g, err := s.Neighborhood(ctx, "it-park", store.NeighborhoodQuery{Depth: 1, Limit: 200, AsOf: day("2023-01-01")})
	must(t, "Neighborhood as of 2023-01-01", err)
	got := actorIDs(g.Actors)
	slices.Sort(got[1:])
	wantIDs(t, "it-park's neighbours as of 2023-01-01", got, []string{"it-park", "it-park-residency", "kaist", "mitc", "uz"})
	wantIDs(t, "their relations", relationIDs(g.Relations), []string{"itpark-in-uz", "itpark-interested-kaist", "itpark-offers-residency", "mitc-founded-itpark"})

	residency := []string{"payme", "it-park-residency", "it-park", "kaist"}
	for _, c := range []struct {
		asOf string
		want []string // nil: no path
	}{
		{"2019-06-01", nil},       // before payme joined the residency
		{"2022-06-01", residency}, // in it
		{"2023-12-31", residency}, // the last day of "until 2023"
		{"2024-01-01", nil},       // out of it, and not yet invited to demo-day
		{"2024-07-01", []string{"payme", "demo-day", "kised", "it-park", "kaist"}}, // invited since 2024-05; demo-day began 2024-06
	} {
		p, err := s.ShortestPath(ctx, "payme", "kaist", store.PathQuery{MaxLength: 6, AsOf: day(c.asOf)})
		must(t, "ShortestPath as of "+c.asOf, err)
		switch {
		case c.want == nil && p != nil:
			t.Errorf("as of %s: path %q, want none", c.asOf, actorIDs(p.Actors))
		case c.want != nil && p == nil:
			t.Errorf("as of %s: no path, want %q", c.asOf, c.want)
		case c.want != nil:
			wantIDs(t, "path as of "+c.asOf, actorIDs(p.Actors), c.want)
		}
	}
	ps, _, err := s.Paths(ctx, "payme", "kaist", store.PathQuery{MaxLength: 4, AsOf: day("2022-06-01")}, 10)
	must(t, "Paths as of 2022-06-01", err)
	if len(ps) != 1 {
		t.Errorf("paths as of 2022-06-01: %d, want only the residency one", len(ps))
	}
}

// testKindFilters checks that paths pass only through actors of the kinds
// asked for, whatever the kinds of their two ends.
func testKindFilters(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	ps, truncated, err := s.Paths(ctx, "payme", "kaist", store.PathQuery{MaxLength: 4, Kinds: []store.Kind{store.KindProgram, store.KindOrganization}}, 10)
	must(t, "Paths through programmes and organisations", err)
	if len(ps) != 1 || truncated {
		t.Fatalf("paths through programmes and organisations: %d (truncated %v), want 1", len(ps), truncated)
	}
	wantIDs(t, "the one path", actorIDs(ps[0].Actors), []string{"payme", "it-park-residency", "it-park", "kaist"})

	p, err := s.ShortestPath(ctx, "payme", "kaist", store.PathQuery{MaxLength: 6, Kinds: []store.Kind{store.KindEvent, store.KindOrganization}})
	must(t, "ShortestPath through events and organisations", err)
	if p == nil {
		t.Fatal("no path through events and organisations")
	}
	wantIDs(t, "path through events and organisations", actorIDs(p.Actors), []string{"payme", "demo-day", "kised", "it-park", "kaist"})
	wantIDs(t, "its relations", relationIDs(p.Relations), []string{"payme-invited-demoday", "kised-organized-demoday", "itpark-partners-kised", "itpark-interested-kaist"})

	p, err = s.ShortestPath(ctx, "payme", "kaist", store.PathQuery{MaxLength: 6, Kinds: []store.Kind{store.KindCountry}})
	must(t, "ShortestPath through countries", err)
	if p != nil {
		t.Errorf("path through countries only: %q, want none", actorIDs(p.Actors))
	}
}

// testCommonNeighbors checks the actors joined to both of two actors.
func testCommonNeighbors(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	for _, c := range []struct {
		name, a, b string
		q          store.NeighborsQuery
		want       []string
		more       bool
	}{
		// it-park: uz, mitc, it-park-residency, ict-week, kised, kaist;
		// kised: demo-day, k-startup-grand-challenge, it-park, mitc.
		{name: "it-park and kised", a: "it-park", b: "kised", q: store.NeighborsQuery{First: 10}, want: []string{"mitc"}},
		{name: "before mitc negotiated", a: "it-park", b: "kised", q: store.NeighborsQuery{First: 10, AsOf: day("2023-12-31")}},
		{name: "on its first day", a: "it-park", b: "kised", q: store.NeighborsQuery{First: 10, AsOf: day("2024-01-01")}, want: []string{"mitc"}},
		// mitc: it-park, ict-week, kised.
		{name: "it-park and mitc", a: "it-park", b: "mitc", q: store.NeighborsQuery{First: 10}, want: []string{"ict-week", "kised"}},
		{name: "first 1", a: "it-park", b: "mitc", q: store.NeighborsQuery{First: 1}, want: []string{"ict-week"}, more: true},
		{name: "kinds", a: "it-park", b: "mitc", q: store.NeighborsQuery{First: 10, Kinds: []store.Kind{store.KindOrganization}}, want: []string{"kised"}},
		{name: "types", a: "it-park", b: "mitc", q: store.NeighborsQuery{First: 10, Types: []store.RelationType{store.Organized, store.Hosted}}, want: []string{"ict-week"}},
		// kaist and inha-tashkent are partners (twice) and both at ict-week.
		{name: "partners", a: "kaist", b: "inha-tashkent", q: store.NeighborsQuery{First: 10}, want: []string{"ict-week"}},
	} {
		got, more, err := s.CommonNeighbors(ctx, c.a, c.b, c.q)
		must(t, c.name, err)
		wantIDs(t, c.name, actorIDs(got), c.want)
		if more != c.more {
			t.Errorf("%s: more = %v, want %v", c.name, more, c.more)
		}
	}
	_, _, err := s.CommonNeighbors(ctx, "it-park", "nobody", store.NeighborsQuery{First: 10})
	wantNotFound(t, "CommonNeighbors with nobody", err, "actor", "nobody")
}

// testNetwork checks the projection analytics reads, and that its version
// changes with a write and only then.
func testNetwork(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	v1, err := s.NetworkVersion(ctx)
	must(t, "NetworkVersion", err)
	n, err := s.Network(ctx)
	must(t, "Network", err)
	d := Fixture()
	if len(n.Actors) != len(d.Actors) || len(n.Relations) != len(d.Relations) {
		t.Fatalf("network of %d actors and %d relations, want %d and %d", len(n.Actors), len(n.Relations), len(d.Actors), len(d.Relations))
	}
	if !slices.IsSortedFunc(n.Actors, func(a, b store.NetworkActor) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("actors not in id order")
	}
	payme, _ := n.Index("payme")
	uz, _ := n.Index("uz")
	if a := n.Actors[payme]; a.Kind != store.KindStartup || a.Country != uz || a.Begins != *day("2017-03-01") {
		t.Errorf("payme: %+v", a)
	}
	spans := map[string]store.Span{}
	for _, r := range n.Relations {
		spans[r.ID] = r.Span
	}
	for id, want := range map[string]store.Span{
		"payme-in-residency": {Start: *day("2020-01-01"), End: *day("2023-12-31")},
		"inha-at-ictweek":    {Start: *day("2024-09-16"), End: store.Forever},
		"itpark-in-uz":       store.AllTime,
		"toss-at-demoday":    {Start: *day("2024-06-01"), End: store.Forever},
	} {
		if spans[id] != want {
			t.Errorf("%s: span %+v, want %+v", id, spans[id], want)
		}
	}

	again, err := s.NetworkVersion(ctx)
	must(t, "NetworkVersion again", err)
	if again != v1 {
		t.Errorf("version changed from %q to %q without a write", v1, again)
	}
	_, err = s.CreateActor(ctx, store.Actor{Kind: store.KindCountry, Name: "Tajikistan", IsoCode: "TJ"})
	must(t, "CreateActor", err)
	v2, err := s.NetworkVersion(ctx)
	must(t, "NetworkVersion after a write", err)
	if v2 == v1 {
		t.Errorf("version %q unchanged by a write", v1)
	}
}
