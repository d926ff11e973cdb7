package synth

import (
	"reflect"
	"testing"
	"unicode"

	"github.com/ecograph/ecograph/internal/store"
)

func TestGenerateCounts(t *testing.T) {
	tests := []struct {
		actors, relations int
		wantRelations     int
	}{
		{0, 0, 0},
		{0, 10, 0},
		{1, 10, 0}, // a lone country has nothing to relate to
		{2, 0, 1},  // the startup's LOCATED_IN, though none were asked for
		{2, 5, 5},
		{10, 3, 9},
		{10, 50, 50},
		{1000, 900, 990},
		{1000, 5000, 5000},
		{20000, 100000, 100000},
	}
	for _, tt := range tests {
		d := Generate(Config{Actors: tt.actors, Relations: tt.relations, Seed: 7})
		if len(d.Actors) != tt.actors || len(d.Relations) != tt.wantRelations {
			t.Errorf("Generate(%d actors, %d relations) made %d actors, %d relations; want %d, %d",
				tt.actors, tt.relations, len(d.Actors), len(d.Relations), tt.actors, tt.wantRelations)
		}
	}
}

func TestGenerateKinds(t *testing.T) {
	d := Generate(Config{Actors: 10000, Relations: 50000, Seed: 1})
	got := map[store.Kind]int{}
	for _, a := range d.Actors {
		got[a.Kind]++
	}
	// 100 countries asked for by share, capped at the table; the rest by
	// share of 99, startups taking what rounding leaves.
	rest := 10000 - len(countries)
	want := map[store.Kind]int{
		store.KindCountry:        len(countries),
		store.KindUniversity:     rest * 5 / 99,
		store.KindOrganization:   rest * 15 / 99,
		store.KindGovernmentBody: rest * 3 / 99,
		store.KindEvent:          rest * 25 / 99,
		store.KindProgram:        rest * 6 / 99,
	}
	want[store.KindStartup] = 10000 - want[store.KindCountry] - want[store.KindUniversity] -
		want[store.KindOrganization] - want[store.KindGovernmentBody] - want[store.KindEvent] - want[store.KindProgram]
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kinds = %v, want %v", got, want)
	}
}

// TestGenerateValid checks that everything generated passes the store's
// validation, that ids are unique and references resolve, and that the
// network has the features the benchmarks count on.
func TestGenerateValid(t *testing.T) {
	for _, cfg := range []Config{
		{Actors: 2, Relations: 40, Seed: 1},
		{Actors: 30, Relations: 100, Seed: 2},
		{Actors: 20000, Relations: 100000, Seed: 3},
	} {
		d := Generate(cfg)
		sources := map[string]bool{}
		for _, s := range d.Sources {
			if err := store.ValidateSource(&s); err != nil {
				t.Errorf("%+v: source %q: %v", cfg, s.ID, err)
			}
			sources[s.ID] = true
		}
		kinds := map[string]store.Kind{}
		isos := map[string]bool{}
		var feature struct{ cyrillic, hangul, names, aliases, since, until, online int }
		for _, a := range d.Actors {
			if err := store.ValidateActor(&a); err != nil {
				t.Errorf("%+v: actor %q: %v", cfg, a.ID, err)
			}
			if _, dup := kinds[a.ID]; dup {
				t.Errorf("%+v: actor id %q twice", cfg, a.ID)
			}
			kinds[a.ID] = a.Kind
			checkCitations(t, sources, a.ID, a.Citations)
			if a.Kind == store.KindCountry {
				if isos[a.IsoCode] {
					t.Errorf("%+v: iso code %s twice", cfg, a.IsoCode)
				}
				isos[a.IsoCode] = true
			}
			if a.Kind == store.KindEvent && a.StartDate.IsZero() {
				t.Errorf("%+v: event %q has no start date", cfg, a.ID)
			}
			for _, r := range a.Name {
				switch {
				case unicode.Is(unicode.Cyrillic, r):
					feature.cyrillic++
				case unicode.Is(unicode.Hangul, r):
					feature.hangul++
				}
			}
			feature.names += len(a.Names)
			feature.aliases += len(a.Aliases)
			if a.Online != nil {
				feature.online++
			}
		}
		located := map[string]string{}
		relIDs := map[string]bool{}
		for _, r := range d.Relations {
			from, ok1 := kinds[r.From]
			to, ok2 := kinds[r.To]
			if !ok1 || !ok2 {
				t.Errorf("%+v: relation %q joins unknown actors", cfg, r.ID)
				continue
			}
			if err := store.ValidateRelation(&r, from, to); err != nil {
				t.Errorf("%+v: relation %q: %v", cfg, r.ID, err)
			}
			if relIDs[r.ID] {
				t.Errorf("%+v: relation id %q twice", cfg, r.ID)
			}
			relIDs[r.ID] = true
			checkCitations(t, sources, r.ID, r.Citations)
			if r.Type == store.LocatedIn {
				if _, twice := located[r.From]; twice {
					t.Errorf("%+v: %q is LOCATED_IN twice", cfg, r.From)
				}
				located[r.From] = r.To
			}
			if !r.Since.IsZero() {
				feature.since++
			}
			if !r.Until.IsZero() {
				feature.until++
			}
		}
		for _, a := range d.Actors {
			if a.Kind == store.KindCountry {
				continue
			}
			if kinds[a.CountryID] != store.KindCountry || located[a.ID] != a.CountryID {
				t.Errorf("%+v: %q has country %q and is LOCATED_IN %q", cfg, a.ID, a.CountryID, located[a.ID])
			}
		}
		if cfg.Actors >= 10000 {
			for name, n := range map[string]int{
				"Cyrillic names": feature.cyrillic, "Hangul names": feature.hangul, "localized names": feature.names,
				"aliases": feature.aliases, "since dates": feature.since, "until dates": feature.until, "online flags": feature.online,
			} {
				if n == 0 {
					t.Errorf("%+v: no %s", cfg, name)
				}
			}
		}
	}
}

func checkCitations(t *testing.T, sources map[string]bool, id string, cs []store.Citation) {
	t.Helper()
	if len(cs) != 1 || !sources[cs[0].SourceID] {
		t.Errorf("%q cites %v, want one of the dataset's sources", id, cs)
	}
}

func TestGenerateDeterministic(t *testing.T) {
	cfg := Config{Actors: 3000, Relations: 15000, Seed: 42}
	a, b := Generate(cfg), Generate(cfg)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same config gave two networks")
	}
	cfg.Seed = 43
	if c := Generate(cfg); reflect.DeepEqual(a.Actors, c.Actors) || reflect.DeepEqual(a.Relations, c.Relations) {
		t.Error("seeds 42 and 43 gave the same actors or relations")
	}
}

// TestGenerateHubs: preferential attachment makes a few actors (besides
// countries) hold many times the mean number of relations.
func TestGenerateHubs(t *testing.T) {
	d := Generate(Config{Actors: 20000, Relations: 100000, Seed: 5})
	degree := map[string]int{}
	for _, r := range d.Relations {
		degree[r.From]++
		degree[r.To]++
	}
	top, sum, n := 0, 0, 0
	for _, a := range d.Actors {
		if a.Kind != store.KindCountry {
			top = max(top, degree[a.ID])
			sum += degree[a.ID]
			n++
		}
	}
	if mean := float64(sum) / float64(n); float64(top) < 30*mean {
		t.Errorf("largest degree %d is under 30 times the mean %.1f", top, mean)
	}
}

// BenchmarkGenerate makes the network the traversal benchmarks walk:
//
//	go test -run '^$' -bench Generate ./internal/synth/
func BenchmarkGenerate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Generate(Config{Actors: 100_000, Relations: 500_000, Seed: 1})
	}
}
