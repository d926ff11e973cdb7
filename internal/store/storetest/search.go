package storetest

import (
	"fmt"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// hit is an expected search hit: actor id, score and the name matched.
type hit struct {
	id      string
	score   float64
	matched string
}

func checkSearch(t *testing.T, s store.Store, q store.SearchQuery, want []hit) {
	t.Helper()
	got, err := s.Search(t.Context(), q)
	if err != nil {
		t.Errorf("Search(%q): %v", q.Text, err)
		return
	}
	gs := make([]hit, len(got))
	for i, h := range got {
		gs[i] = hit{h.Actor.ID, h.Score, h.Matched}
	}
	if fmt.Sprint(gs) != fmt.Sprint(want) {
		t.Errorf("Search(%q, kinds %v, first %d):\n got %v\nwant %v", q.Text, q.Kinds, q.First, gs, want)
	}
}

func testSearch(t *testing.T, open Opener) {
	s := Loaded(t, open)
	q := func(text string, first int, kinds ...store.Kind) store.SearchQuery {
		return store.SearchQuery{Text: text, First: first, Kinds: kinds}
	}
	// An exact alias beats a prefix of the name.
	checkSearch(t, s, q("it park", 10), []hit{
		{"it-park", 1, "it park"},
		{"it-park-residency", 0.75, "IT Park Residency"},
	})
	// Within a tier, by name; per actor the best tier, and of equal tiers
	// the earliest of Name, Names, Aliases.
	checkSearch(t, s, q("korea", 10), []hit{
		{"kr", 1, "Korea"},
		{"kaist", 0.75, "Korea Advanced Institute of Science and Technology"},
		{"kised", 0.75, "Korea Institute for Startup & Entrepreneurship Development"},
	})
	checkSearch(t, s, q("K", 6), []hit{
		{"demo-day", 0.75, "K-Startup Demo Day"},
		{"k-startup-grand-challenge", 0.75, "K-Startup Grand Challenge"},
		{"kaist", 0.75, "KAIST"},
		{"kz", 0.75, "Kazakhstan"},
		{"kised", 0.75, "Korea Institute for Startup & Entrepreneurship Development"},
		{"kr", 0.75, "Korea"},
	})
	// Substrings fill what exact and prefix matches leave.
	checkSearch(t, s, q("k", 10), []hit{
		{"demo-day", 0.75, "K-Startup Demo Day"},
		{"k-startup-grand-challenge", 0.75, "K-Startup Grand Challenge"},
		{"kaist", 0.75, "KAIST"},
		{"kz", 0.75, "Kazakhstan"},
		{"kised", 0.75, "Korea Institute for Startup & Entrepreneurship Development"},
		{"kr", 0.75, "Korea"},
		{"ict-week", 0.5, "ICT Week Uzbekistan 2024"},
		{"inha-tashkent", 0.5, "Inha University in Tashkent"},
		{"it-park-residency", 0.5, "IT Park Residency"},
		{"it-park", 0.5, "IT Park Uzbekistan"},
	})
	checkSearch(t, s, q("tashkent", 10), []hit{
		{"tuit", 0.75, "Tashkent University of Information Technologies"},
		{"inha-tashkent", 0.5, "Inha University in Tashkent"},
	})
	checkSearch(t, s, q("  Uzbekistan ", 10), []hit{
		{"uz", 1, "Uzbekistan"},
		{"ict-week", 0.5, "ICT Week Uzbekistan 2024"},
		{"it-park", 0.5, "IT Park Uzbekistan"},
	})
	// Equal names tie on id; a substring of another language's name counts.
	checkSearch(t, s, q("NOVA", 10), []hit{
		{"nova-kr", 1, "Nova"},
		{"nova-uz", 1, "nova"},
		{"uz-innovation-agency", 0.5, "Innovatsion rivojlanish agentligi"},
	})
	checkSearch(t, s, q("nova", 1), []hit{{"nova-kr", 1, "Nova"}})
	checkSearch(t, s, q("tui", 10), []hit{{"tuit", 0.75, "TUIT"}})

	// Kinds.
	checkSearch(t, s, q("tashkent", 10, store.KindStartup), nil)
	checkSearch(t, s, q("tashkent", 10, store.KindStartup, store.KindUniversity), []hit{
		{"tuit", 0.75, "Tashkent University of Information Technologies"},
		{"inha-tashkent", 0.5, "Inha University in Tashkent"},
	})
	checkSearch(t, s, q("k", 3, store.KindCountry), []hit{
		{"kz", 0.75, "Kazakhstan"},
		{"kr", 0.75, "Korea"},
		{"uz", 0.5, "Uzbekistan"},
	})
	checkSearch(t, s, q("nothing like this", 10), nil)
	checkSearch(t, s, q("k", 0), nil)

	for _, text := range []string{"", "   "} {
		_, err := s.Search(t.Context(), q(text, 10))
		wantInvalid(t, fmt.Sprintf("Search(%q)", text), err, "text")
	}
	_, err := s.Search(t.Context(), q("k", 10, "PLANET"))
	wantInvalid(t, "Search of an unknown kind", err, "kinds")
}

func testSearchScripts(t *testing.T, open Opener) {
	s := Loaded(t, open)
	q := func(text string) store.SearchQuery { return store.SearchQuery{Text: text, First: 10} }
	checkSearch(t, s, q("ЎЗБЕКИСТОН"), []hit{{"uz", 1, "Ўзбекистон"}})
	checkSearch(t, s, q("oʻzbekiston"), []hit{{"uz", 1, "Oʻzbekiston"}})
	checkSearch(t, s, q("узбек"), []hit{{"uz", 0.75, "Узбекистан"}})
	checkSearch(t, s, q("대한민국"), []hit{{"kr", 1, "대한민국"}})
	checkSearch(t, s, q("한국"), []hit{{"kaist", 0.75, "한국과학기술원"}})
	checkSearch(t, s, q("기술"), []hit{{"kaist", 0.5, "한국과학기술원"}})
	checkSearch(t, s, q("агентство"), []hit{{"uz-innovation-agency", 0.75, "Агентство инновационного развития"}})
	checkSearch(t, s, q("Ай Ти"), []hit{{"it-park", 0.75, "Ай Ти Парк"}})
}

func testSearchFollowsWrites(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	q := func(text string) store.SearchQuery { return store.SearchQuery{Text: text, First: 10} }
	_, err := s.UpdateActor(ctx, "uzum", store.ActorPatch{Name: ptr("Zoomer Market")})
	must(t, "UpdateActor", err)
	checkSearch(t, s, q("uzum"), nil)
	checkSearch(t, s, q("zoomer"), []hit{{"uzum", 0.75, "Zoomer Market"}})
	_, err = s.UpdateActor(ctx, "toss", store.ActorPatch{Aliases: &[]string{"Viva Republica"}})
	must(t, "UpdateActor", err)
	checkSearch(t, s, q("viva republica"), []hit{{"toss", 1, "Viva Republica"}})
	must(t, "DeleteActor", s.DeleteActor(ctx, "kaist"))
	checkSearch(t, s, q("한국"), nil)
	_, err = s.CreateActor(ctx, store.Actor{ID: "uzcard", Kind: store.KindStartup, Name: "Uzcard", CountryID: "uz"})
	must(t, "CreateActor", err)
	checkSearch(t, s, q("uzc"), []hit{{"uzcard", 0.75, "Uzcard"}})
}
