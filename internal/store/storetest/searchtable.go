package storetest

import (
	"slices"
	"testing"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store"
)

// SearchTableNetwork is the seed network with the Fixture's actors that
// are not in it (Kazakhstan, KAIST, Inha, TUIT, KISED, the startups,
// events and programmes, placed in the seed's countries), without
// relations or citations: the actors the search table looks for, among
// others that share their words (University, Tashkent, Korea, IT Park,
// Uzbekistan).
func SearchTableNetwork(t testing.TB) store.Dataset {
	t.Helper()
	d, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	country := map[string]string{"uz": "uzbekistan", "kr": "south-korea"}
	for _, a := range Fixture().Actors {
		switch a.ID {
		case "uz", "kr", "it-park", "mitc": // the seed has these
			continue
		}
		if c, ok := country[a.CountryID]; ok {
			a.CountryID = c
		}
		a.Citations = nil
		d.Actors = append(d.Actors, a)
	}
	d.Relations = nil
	for i := range d.Actors {
		d.Actors[i].Citations = nil
	}
	return d
}

// searchTable is what people type for the actors of SearchTableNetwork,
// as Uzbek, Russian, Korean and English writing spells them, and the
// actor each must find first. Most texts come from the seed's article
// (shared/seed) and the names it uses, inflected as it inflects them.
var searchTable = []struct{ text, id string }{
	// Uzbekistan: its names, the apostrophe of oʻ typed or dropped, u for
	// oʻ, Uzbek case endings, Cyrillic, Hangul, the official long form.
	{"Uzbekistan", "uzbekistan"},
	{"Oʻzbekiston", "uzbekistan"},
	{"O'zbekiston", "uzbekistan"},
	{"Ozbekiston", "uzbekistan"},
	{"Uzbekiston", "uzbekistan"},
	{"Oʻzbekistonda", "uzbekistan"},
	{"Oʻzbekistonning", "uzbekistan"},
	{"Узбекистан", "uzbekistan"},
	{"Ўзбекистон", "uzbekistan"},
	{"우즈베키스탄", "uzbekistan"},
	{"Uzbekistn", "uzbekistan"},
	{"Uzbekistan's", "uzbekistan"},
	{"Oʻzbekiston Respublikasi", "uzbekistan"},
	{"Republic of Uzbekistan", "uzbekistan"}, // an alias, before the Ministry "… of the Republic of Uzbekistan"
	{"Узбекистон Республикаси", "uzbekistan"},

	// South Korea: Uzbek (with the article's genitive), Russian in
	// BGN/PCGN and in the passport scheme, Korean in RR and MR, and the
	// official long forms in English (both orders) and Uzbek.
	{"South Korea", "south-korea"},
	{"Janubiy Koreya", "south-korea"},
	{"Janubiy Koreyaning", "south-korea"},
	{"Южная Корея", "south-korea"},
	{"Yuzhnaya Koreya", "south-korea"},
	{"Iuzhnaia Koreia", "south-korea"},
	{"대한민국", "south-korea"},
	{"Daehan Minguk", "south-korea"},
	{"Taehan Min'guk", "south-korea"},
	{"Republic of Korea", "south-korea"},
	{"Korea Republic", "south-korea"},
	{"Koreya Respublikasi", "south-korea"},

	// Soonchunhyang University: its own spelling, the article's "Sun
	// Chun Xyan" and SCH with a word, inflected; Hangul, RR, MR.
	{"Soonchunhyang University", "soonchunhyang-university"},
	{"Soonchunhyang", "soonchunhyang-university"},
	{"SCH", "soonchunhyang-university"},
	{"SCH universiteti", "soonchunhyang-university"},
	{"SCH universitetining", "soonchunhyang-university"},
	{"Sun Chun Xyan", "soonchunhyang-university"},
	{"Sun Chun Xyan universiteti", "soonchunhyang-university"},
	{"순천향대학교", "soonchunhyang-university"},
	{"순천향대", "soonchunhyang-university"},
	{"Suncheonhyang University", "soonchunhyang-university"},
	{"Sunchonhyang Taehakkyo", "soonchunhyang-university"},
	{"Soonchunhyang Daehakkyo", "soonchunhyang-university"},
	{"Soonchunhyang Univ", "soonchunhyang-university"},
	{"Университет Сунчхонхян", "soonchunhyang-university"},
	{"Soonchunhyang Asan", "soonchunhyang-university"},

	// IT Park: spaced, hyphenated, run together, in the article's dative
	// and genitive, half Cyrillic, with its country or its city.
	{"IT Park", "it-park-uzbekistan"},
	{"IT Park Uzbekistan", "it-park-uzbekistan"},
	{"IT-Park", "it-park-uzbekistan"},
	{"ITPark", "it-park-uzbekistan"},
	{"IT Parkka", "it-park-uzbekistan"},
	{"IT Parkning", "it-park-uzbekistan"},
	{"IT Парк", "it-park-uzbekistan"},
	{"Ит парк", "it-park-uzbekistan"},
	{"IT Park Toshkent", "it-park-uzbekistan"},
	{"IT Park Uzbekistan Tashkent", "it-park-uzbekistan"},

	// The Ministry: English, Uzbek in both scripts, Russian and its
	// passport transliteration, the words in another order.
	{"Ministry of Digital Technologies", "ministry-of-digital-technologies"},
	{"Raqamli texnologiyalar vazirligi", "ministry-of-digital-technologies"},
	{"Рақамли технологиялар вазирлиги", "ministry-of-digital-technologies"},
	{"Министерство цифровых технологий", "ministry-of-digital-technologies"},
	{"Ministerstvo tsifrovykh tekhnologii", "ministry-of-digital-technologies"},
	{"Digital Technologies Ministry", "ministry-of-digital-technologies"},
	{"Ministry of Digital Technologies of Uzbekistan", "ministry-of-digital-technologies"},

	// The events and programmes, by their English and Uzbek names.
	{"Global Business Service Forum", "global-business-service-forum-2024"},
	{"GBS Forum", "global-business-service-forum-2024"},
	{"GBSF", "global-business-service-forum-2024"},
	{"Global Business Forum", "global-business-service-forum-2024"},
	{"Global Business Servise Forum", "global-business-service-forum-2024"},
	{"Global Business Service Forum Tashkent", "global-business-service-forum-2024"},
	{"Onlayn seminar", "online-seminar-2024-06-13"},
	{"onlayn seminarga", "online-seminar-2024-06-13"},
	{"онлайн семинар", "online-seminar-2024-06-13"},
	{"Online seminar 13 June", "online-seminar-2024-06-13"},
	{"SCH delegation visit", "sch-delegation-visit-it-park"},
	{"SCH tashrifi", "sch-delegation-visit-it-park"},
	{"SCH visit IT Park", "sch-delegation-visit-it-park"},
	{"IT Parkka tashrif", "sch-delegation-visit-it-park"},
	{"IT Park startup support programmes", "it-park-startup-support-programmes"},
	{"startaplarni qoʻllab-quvvatlash dasturlari", "it-park-startup-support-programmes"},
	{"startap qo'llab-quvvatlash dasturi", "it-park-startup-support-programmes"},
	{"startup support programmes", "it-park-startup-support-programmes"},
	{"special benefits for international partners", "it-park-international-partner-benefits"},
	{"xalqaro hamkorlar uchun maxsus imtiyozlar", "it-park-international-partner-benefits"},
	{"maxsus imtiyozlar", "it-park-international-partner-benefits"},
	{"IT Park imtiyozlari", "it-park-international-partner-benefits"},
	{"SCH startup 3", "sch-startup-3"},
	{"startap kompaniya 2", "sch-startup-2"},

	// The others, among which the seed's actors must still come first.
	{"Inha University in Tashkent", "inha-tashkent"},
	{"Inha Toshkent", "inha-tashkent"},
	{"KAIST", "kaist"},
	{"한국과학기술원", "kaist"},
	{"Hanguk Kwahak Kisulwon", "kaist"},
	{"Korea Advanced Institute of Science and Technology", "kaist"},
	{"토스", "toss"},
	{"Казахстан", "kz"},
	{"Kazakstan", "kz"},
	{"창업진흥원", "kised"},
	{"Agentstvo innovatsionnogo razvitiya", "uz-innovation-agency"},
	{"Innovatsion rivojlanish agentligi", "uz-innovation-agency"},
	{"ICT Week 2024", "ict-week"},
	{"K Startup Demo Day", "demo-day"},
}

// testSearchTable: every text of searchTable finds its actor first.
func testSearchTable(t *testing.T, open Opener) {
	s := open(t)
	if err := s.Load(t.Context(), SearchTableNetwork(t)); err != nil {
		t.Fatalf("Load(SearchTableNetwork): %v", err)
	}
	if len(searchTable) < 60 {
		t.Errorf("the table has %d texts; the issue asks for 60 or more", len(searchTable))
	}
	for _, c := range searchTable {
		hits, err := s.Search(t.Context(), store.SearchQuery{Text: c.text, First: 5})
		if err != nil {
			t.Errorf("Search(%q): %v", c.text, err)
			continue
		}
		if len(hits) == 0 || hits[0].Actor.ID != c.id {
			got := make([]string, len(hits))
			for i, h := range hits {
				got[i] = h.Actor.ID + " " + h.Matched
			}
			t.Errorf("Search(%q) = %q, want %s first", c.text, got, c.id)
		}
	}
}

// testSearchRanking: full matches come before partial ones, and a typo
// of a whole name before the same typo in a word of a longer name.
func testSearchRanking(t *testing.T, open Opener) {
	s := open(t)
	if err := s.Load(t.Context(), SearchTableNetwork(t)); err != nil {
		t.Fatalf("Load(SearchTableNetwork): %v", err)
	}
	for _, c := range []struct {
		text string
		want []string // the first hits' ids, in order
		full int      // how many of them are full matches
	}{
		// The exact name, then the partial matches: the names with two
		// of its three words, the one they cover more first, before
		// those with one (the country, which is all that word, first).
		{"IT Park Uzbekistan", []string{"it-park-uzbekistan", "it-park-residency", "it-park-startup-support-programmes",
			"sch-delegation-visit-it-park", "it-park-international-partner-benefits", "uzbekistan", "ict-week", "ministry-of-digital-technologies"}, 1},
		// The alias, then the names beginning with it (by name), then
		// the English name of the visit, which has it at a later word.
		{"IT Park", []string{"it-park-uzbekistan", "it-park-residency", "it-park-international-partner-benefits", "it-park-startup-support-programmes", "sch-delegation-visit-it-park"}, 5},
		// A typo of the whole name first, then the same word in longer
		// names.
		{"Uzbekistn", []string{"uzbekistan", "ict-week", "it-park-uzbekistan", "ministry-of-digital-technologies"}, 4},
		{"Kazakstan", []string{"kz"}, 1},
		// No full match: the partial matches by weight.
		{"Korea Republic", []string{"south-korea"}, 0},
	} {
		hits, err := s.Search(t.Context(), store.SearchQuery{Text: c.text, First: 20})
		if err != nil {
			t.Fatalf("Search(%q): %v", c.text, err)
		}
		var ids []string
		full := 0
		for i, h := range hits {
			ids = append(ids, h.Actor.ID)
			if h.Score > search.ScorePartial {
				if i > full {
					t.Errorf("Search(%q): full match %s (%v) after a partial one", c.text, h.Actor.ID, h.Score)
				}
				full++
			}
		}
		if len(ids) < len(c.want) || !slices.Equal(ids[:len(c.want)], c.want) || full != c.full {
			t.Errorf("Search(%q) = %v, %d full; want %v first, %d full", c.text, hits, full, c.want, c.full)
		}
	}
	// Kinds keep to their own among partial matches too.
	hits, err := s.Search(t.Context(), store.SearchQuery{Text: "IT Park Uzbekistan", First: 20, Kinds: []store.Kind{store.KindCountry}})
	if err != nil || len(hits) != 1 || hits[0].Actor.ID != "uzbekistan" || hits[0].Score > search.ScorePartial || hits[0].Matched != "Uzbekistan" {
		t.Errorf("Search(IT Park Uzbekistan, COUNTRY) = %v, %v; want uzbekistan alone, matched partially", hits, err)
	}
}
