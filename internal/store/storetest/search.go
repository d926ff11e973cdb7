package storetest

import (
	"fmt"
	"testing"

	"github.com/ecograph/ecograph/internal/fold"
	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// hit is an expected search hit: actor id, score and the name matched.
type hit struct {
	id      string
	score   float64
	matched string
}

// searchCase is one search and the hits it must give. A case that needs
// folding across punctuation, apostrophes or scripts (needsFold) runs
// only once internal/fold does that (foldIsReal).
type searchCase struct {
	text      string
	first     int
	kinds     []store.Kind
	want      []hit
	needsFold bool
}

// foldIsReal reports whether internal/fold folds as it documents, rather
// than only lower-casing.
func foldIsReal() bool {
	r := fold.Name("Oʻzbekiston", "").Readings
	return fold.Name("IT-Park", "").Exact == "it park" && len(r) > 0 && r[0][0] == "ozbekiston"
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

func checkSearches(t *testing.T, s store.Store, cases []searchCase) {
	t.Helper()
	real := foldIsReal()
	for _, c := range cases {
		if c.needsFold && !real {
			t.Logf("Search(%q) waits for internal/fold to fold for real", c.text)
			continue
		}
		first := c.first
		if first == 0 {
			first = 10
		}
		checkSearch(t, s, store.SearchQuery{Text: c.text, First: first, Kinds: c.kinds}, c.want)
	}
}

const (
	exact  = search.ScoreExact
	alias  = search.ScoreAlias
	folded = search.ScoreFolded
	prefix = search.ScorePrefix
	// prefixWord is a prefix at a later word of the name.
	prefixWord = search.ScorePrefixWord
	fuzzy1     = search.ScoreFuzzy1
	fuzzy2     = search.ScoreFuzzy2
)

func testSearch(t *testing.T, open Opener) {
	s := Loaded(t, open)
	uni := []store.Kind{store.KindStartup, store.KindUniversity}
	checkSearches(t, s, []searchCase{
		// Each tier: the name matched exactly, an alias, a loose form, a
		// prefix at a word, a typo or two.
		{text: "  Uzbekistan ", want: []hit{{"uz", exact, "Uzbekistan"}, {"ict-week", prefixWord, "ICT Week Uzbekistan 2024"}, {"it-park", prefixWord, "IT Park Uzbekistan"}}},
		{text: "korea", want: []hit{{"kr", alias, "Korea"}, {"kaist", prefix, "Korea Advanced Institute of Science and Technology"},
			{"kised", prefix, "Korea Institute for Startup & Entrepreneurship Development"}}},
		{text: "R O K", want: []hit{{"kr", alias, "ROK"}}},        // an alias's loose form
		{text: "SK", want: []hit{{"kr", alias, "South Korea"}}},   // initials
		{text: "Pay me", want: []hit{{"payme", folded, "Payme"}}}, // the loose form of a name
		{text: "Raqamli", want: []hit{{"mitc", prefix, "Raqamli texnologiyalar vazirligi"}}},
		{text: "park", want: []hit{{"it-park-residency", prefixWord, "IT Park Residency"}, {"it-park", prefixWord, "IT Park Uzbekistan"}}},
		{text: "Kazakstan", want: []hit{{"kz", fuzzy1, "Kazakhstan"}}},
		{text: "Payne", want: []hit{{"payme", fuzzy1, "Payme"}}},
		{text: "Tashkemt Universiti", want: []hit{{"tuit", fuzzy2 - search.StepBeginning, "Tashkent University of Information Technologies"}}},
		{text: "Pyame"}, // a typo in the first two letters is not found
		{text: "zbek"},  // nor text inside a word: the substring tier is gone
		{text: "Kaz", want: []hit{{"kz", prefix, "Kazakhstan"}}},
		{text: "Kzz"}, // no typo under four letters

		// A name that begins with the text before one with it at a later
		// word; within a tier by name, then id; per actor its best tier,
		// and of equal tiers its earliest name (Name, Names, Aliases).
		{text: "tashkent", want: []hit{{"tuit", prefix, "Tashkent University of Information Technologies"}, {"inha-tashkent", prefixWord, "Inha University in Tashkent"}}},
		{text: "K", first: 6, want: []hit{
			{"demo-day", prefix, "K-Startup Demo Day"},
			{"k-startup-grand-challenge", prefix, "K-Startup Grand Challenge"},
			{"kaist", prefix, "KAIST"},
			{"kz", prefix, "Kazakhstan"},
			{"kised", prefix, "Korea Institute for Startup & Entrepreneurship Development"},
			{"kr", prefix, "Korea"},
		}},
		{text: "k", first: 3, want: []hit{{"demo-day", prefix, "K-Startup Demo Day"}, {"k-startup-grand-challenge", prefix, "K-Startup Grand Challenge"}, {"kaist", prefix, "KAIST"}}},
		{text: "NOVA", want: []hit{{"nova-kr", exact, "Nova"}, {"nova-uz", exact, "nova"}}},
		{text: "nova", first: 1, want: []hit{{"nova-kr", exact, "Nova"}}},
		// The initials of a name but its last word are an abbreviation.
		{text: "tui", want: []hit{{"tuit", alias, "Tashkent University of Information Technologies"}}},
		// A better tier of a later name wins over an earlier name's prefix.
		{text: "it park", needsFold: true, want: []hit{{"it-park", alias, "IT-Park"}, {"it-park-residency", prefix, "IT Park Residency"}}},
		{text: "IT-Park", needsFold: true, want: []hit{{"it-park", alias, "IT-Park"}, {"it-park-residency", prefix, "IT Park Residency"}}},

		// Kinds, and nothing found.
		{text: "tashkent", kinds: []store.Kind{store.KindStartup}},
		{text: "tashkent", kinds: uni, want: []hit{{"tuit", prefix, "Tashkent University of Information Technologies"}, {"inha-tashkent", prefixWord, "Inha University in Tashkent"}}},
		{text: "k", first: 3, kinds: []store.Kind{store.KindCountry}, want: []hit{{"kz", prefix, "Kazakhstan"}, {"kr", prefix, "Korea"}}},
		{text: "nothing like this"},
	})
	checkSearch(t, s, store.SearchQuery{Text: "k", First: 0}, nil)

	texts := []string{"", "   "}
	if foldIsReal() {
		texts = append(texts, " -'. ")
	}
	for _, text := range texts {
		_, err := s.Search(t.Context(), store.SearchQuery{Text: text, First: 10})
		wantInvalid(t, fmt.Sprintf("Search(%q)", text), err, "text")
	}
	_, err := s.Search(t.Context(), store.SearchQuery{Text: "k", First: 10, Kinds: []store.Kind{"PLANET"}})
	wantInvalid(t, "Search of an unknown kind", err, "kinds")
}

func testSearchScripts(t *testing.T, open Opener) {
	s := Loaded(t, open)
	checkSearches(t, s, []searchCase{
		{text: "ЎЗБЕКИСТОН", want: []hit{{"uz", exact, "Ўзбекистон"}}},
		{text: "oʻzbekiston", want: []hit{{"uz", exact, "Oʻzbekiston"}}},
		{text: "대한민국", want: []hit{{"kr", exact, "대한민국"}}},
		{text: "한국", want: []hit{{"kaist", prefix, "한국과학기술원"}}},
		{text: "агентство", want: []hit{{"uz-innovation-agency", prefix, "Агентство инновационного развития"}}},
		{text: "Ай Ти", want: []hit{{"it-park", prefix, "Ай Ти Парк"}}},
		// Typed in Cyrillic, read in Latin letters too.
		{text: "узбек", want: []hit{{"uz", prefix, "Uzbekistan"}, {"ict-week", prefixWord, "ICT Week Uzbekistan 2024"}, {"it-park", prefixWord, "IT Park Uzbekistan"}}},

		// Across scripts and apostrophes: these need folding for real.
		{text: "O'zbekiston", needsFold: true, want: []hit{{"uz", exact, "Oʻzbekiston"}}},
		{text: "Ozbekiston", needsFold: true, want: []hit{{"uz", folded, "Oʻzbekiston"}}},
		{text: "Toseu", needsFold: true, want: []hit{{"toss", folded, "토스"}}},
		{text: "hanguk gwahak", needsFold: true, want: []hit{{"kaist", prefix, "한국과학기술원"}}},
		// The Uzbek name begins with it, the Russian one (read in Latin
		// letters) only at its second word.
		{text: "Innovatsion", needsFold: true, want: []hit{{"uz-innovation-agency", prefix, "Innovatsion rivojlanish agentligi"}}},
	})
}

func testSearchFollowsWrites(t *testing.T, open Opener) {
	ctx := t.Context()
	s := Loaded(t, open)
	q := func(text string) store.SearchQuery { return store.SearchQuery{Text: text, First: 10} }
	_, err := s.UpdateActor(ctx, "uzum", store.ActorPatch{Name: ptr("Zoomer Market")})
	must(t, "UpdateActor", err)
	checkSearch(t, s, q("uzum"), nil)
	checkSearch(t, s, q("zoomer"), []hit{{"uzum", prefix, "Zoomer Market"}})

	// An alias and a localized name are found as soon as they are added,
	// and no longer once removed.
	_, err = s.UpdateActor(ctx, "toss", store.ActorPatch{Aliases: &[]string{"Viva Republica"}})
	must(t, "UpdateActor", err)
	checkSearch(t, s, q("viva republica"), []hit{{"toss", alias, "Viva Republica"}})
	checkSearch(t, s, q("republ"), []hit{{"toss", prefixWord, "Viva Republica"}})
	_, err = s.UpdateActor(ctx, "payme", store.ActorPatch{Names: &[]store.LocalizedName{{Value: "Пэйми", Lang: "ru"}}})
	must(t, "UpdateActor", err)
	checkSearch(t, s, q("пэйми"), []hit{{"payme", exact, "Пэйми"}})
	_, err = s.UpdateActor(ctx, "toss", store.ActorPatch{Aliases: &[]string{}})
	must(t, "UpdateActor", err)
	checkSearch(t, s, q("viva republica"), nil)
	_, err = s.UpdateActor(ctx, "payme", store.ActorPatch{Names: &[]store.LocalizedName{}})
	must(t, "UpdateActor", err)
	checkSearch(t, s, q("пэйми"), nil)
	checkSearch(t, s, q("payme"), []hit{{"payme", exact, "Payme"}})

	must(t, "DeleteActor", s.DeleteActor(ctx, "kaist"))
	checkSearch(t, s, q("한국"), nil)
	checkSearch(t, s, q("kaist"), nil)
	_, err = s.CreateActor(ctx, store.Actor{ID: "uzcard", Kind: store.KindStartup, Name: "Uzcard", CountryID: "uz"})
	must(t, "CreateActor", err)
	checkSearch(t, s, q("uzc"), []hit{{"uzcard", prefix, "Uzcard"}})
	// A load that renames an actor moves it in the index too.
	d := Fixture()
	for i := range d.Actors {
		if d.Actors[i].ID == "uzcard" || d.Actors[i].ID == "kz" {
			d.Actors[i].Name = "Qozogʻiston"
			d.Actors = d.Actors[i : i+1]
			break
		}
	}
	must(t, "Load", s.Load(ctx, store.Dataset{Actors: d.Actors}))
	checkSearch(t, s, q("qozogʻiston"), []hit{{"kz", exact, "Qozogʻiston"}})
}
