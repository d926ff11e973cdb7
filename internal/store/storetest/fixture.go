package storetest

import "github.com/ecograph/ecograph/internal/store"

// Fixture is the small network the suite runs on: three sources, three
// countries, universities, startups, organisations, government bodies,
// events and programmes in Uzbekistan and Korea, named in Latin, Cyrillic
// and Hangul, and the relations between them, some with dates, notes and
// citations. Every call returns a fresh copy.
//
// Its shape is what the suite's exact expectations rest on: change it and
// the expected orders, totals, hits and paths change with it.
func Fixture() store.Dataset {
	yes, no := true, false
	d := store.MustDate
	return store.Dataset{
		Sources: []store.Source{
			{ID: "src-itpark-news", Title: "IT Park opens a new residency round", Published: d("2024-07-24"), Lang: "en", URL: "https://example.org/it-park/residency"},
			{ID: "src-decree", Title: "Qaror PQ-4567", Published: d("2023"), Lang: "uz-Latn"},
			{ID: "src-kr-press", Title: "한국-우즈베키스탄 스타트업 협력", Published: d("2024-06"), Lang: "ko"},
		},
		Actors: []store.Actor{
			{ID: "uz", Kind: store.KindCountry, Name: "Uzbekistan", IsoCode: "UZ",
				Names:   []store.LocalizedName{{Value: "Oʻzbekiston", Lang: "uz-Latn"}, {Value: "Ўзбекистон", Lang: "uz-Cyrl"}, {Value: "Узбекистан", Lang: "ru"}},
				Aliases: []string{"UZ"}},
			{ID: "kr", Kind: store.KindCountry, Name: "South Korea", IsoCode: "KR",
				Names:   []store.LocalizedName{{Value: "대한민국", Lang: "ko"}},
				Aliases: []string{"Korea", "ROK"}},
			{ID: "kz", Kind: store.KindCountry, Name: "Kazakhstan", IsoCode: "KZ",
				Names: []store.LocalizedName{{Value: "Қазақстан", Lang: "kk"}}},

			{ID: "inha-tashkent", Kind: store.KindUniversity, Name: "Inha University in Tashkent", CountryID: "uz", Aliases: []string{"IUT"}},
			{ID: "kaist", Kind: store.KindUniversity, Name: "KAIST", CountryID: "kr",
				Names:   []store.LocalizedName{{Value: "한국과학기술원", Lang: "ko"}},
				Aliases: []string{"Korea Advanced Institute of Science and Technology"}},
			{ID: "tuit", Kind: store.KindUniversity, Name: "Tashkent University of Information Technologies", CountryID: "uz", Aliases: []string{"TUIT"}},

			{ID: "uzum", Kind: store.KindStartup, Name: "Uzum", CountryID: "uz", Founded: d("2022"),
				Description: "E-commerce marketplace and fintech group.",
				Citations:   []store.Citation{{SourceID: "src-itpark-news", Excerpt: "Uzum is one of the residents."}}},
			{ID: "payme", Kind: store.KindStartup, Name: "Payme", CountryID: "uz", Founded: d("2017-03")},
			{ID: "toss", Kind: store.KindStartup, Name: "Toss", CountryID: "kr", Founded: d("2013-04-23"),
				Names: []store.LocalizedName{{Value: "토스", Lang: "ko"}}},
			{ID: "nova-kr", Kind: store.KindStartup, Name: "Nova", CountryID: "kr"},
			{ID: "nova-uz", Kind: store.KindStartup, Name: "nova", CountryID: "uz"},

			{ID: "it-park", Kind: store.KindOrganization, Name: "IT Park Uzbekistan", Category: "technology park", CountryID: "uz",
				Names:     []store.LocalizedName{{Value: "IT Park Uzbekistan", Lang: "en"}, {Value: "Ай Ти Парк", Lang: "ru"}},
				Aliases:   []string{"IT-Park", "it park"},
				Citations: []store.Citation{{SourceID: "src-itpark-news"}}},
			{ID: "kised", Kind: store.KindOrganization, Name: "Korea Institute for Startup & Entrepreneurship Development", Category: "agency", CountryID: "kr",
				Names:   []store.LocalizedName{{Value: "창업진흥원", Lang: "ko"}},
				Aliases: []string{"KISED"}},

			{ID: "mitc", Kind: store.KindGovernmentBody, Name: "Ministry of Digital Technologies", CountryID: "uz",
				Names:     []store.LocalizedName{{Value: "Raqamli texnologiyalar vazirligi", Lang: "uz-Latn"}},
				Citations: []store.Citation{{SourceID: "src-decree", Excerpt: "The Ministry shall found IT Park."}}},
			{ID: "uz-innovation-agency", Kind: store.KindGovernmentBody, Name: "Агентство инновационного развития", CountryID: "uz",
				Names: []store.LocalizedName{{Value: "Innovatsion rivojlanish agentligi", Lang: "uz-Latn"}}},

			{ID: "ict-week", Kind: store.KindEvent, Name: "ICT Week Uzbekistan 2024", CountryID: "uz",
				StartDate: d("2024-09-16"), EndDate: d("2024-09-20"), Online: &no},
			{ID: "demo-day", Kind: store.KindEvent, Name: "K-Startup Demo Day", CountryID: "kr", StartDate: d("2024-06"), Online: &yes},

			{ID: "it-park-residency", Kind: store.KindProgram, Name: "IT Park Residency", CountryID: "uz"},
			{ID: "k-startup-grand-challenge", Kind: store.KindProgram, Name: "K-Startup Grand Challenge", CountryID: "kr"},
		},
		Relations: []store.Relation{
			{ID: "inha-in-uz", Type: store.LocatedIn, From: "inha-tashkent", To: "uz"},
			{ID: "tuit-in-uz", Type: store.LocatedIn, From: "tuit", To: "uz"},
			{ID: "itpark-in-uz", Type: store.LocatedIn, From: "it-park", To: "uz"},
			{ID: "uzum-in-uz", Type: store.LocatedIn, From: "uzum", To: "uz"},
			{ID: "ictweek-in-uz", Type: store.LocatedIn, From: "ict-week", To: "uz"},
			{ID: "kaist-in-kr", Type: store.LocatedIn, From: "kaist", To: "kr"},
			{ID: "mitc-founded-itpark", Type: store.Founded, From: "mitc", To: "it-park", Since: d("2019-05"),
				Citations: []store.Citation{{SourceID: "src-decree", Excerpt: "The Ministry shall found IT Park."}}},
			{ID: "itpark-offers-residency", Type: store.Offers, From: "it-park", To: "it-park-residency"},
			{ID: "uzum-in-residency", Type: store.ParticipatedIn, From: "uzum", To: "it-park-residency", Since: d("2022")},
			{ID: "payme-in-residency", Type: store.ParticipatedIn, From: "payme", To: "it-park-residency", Since: d("2020"), Until: d("2023")},
			{ID: "itpark-organized-ictweek", Type: store.Organized, From: "it-park", To: "ict-week"},
			{ID: "mitc-hosted-ictweek", Type: store.Hosted, From: "mitc", To: "ict-week"},
			{ID: "kaist-at-ictweek", Type: store.ParticipatedIn, From: "kaist", To: "ict-week", Since: d("2024-09-16")},
			{ID: "inha-at-ictweek", Type: store.ParticipatedIn, From: "inha-tashkent", To: "ict-week"},
			{ID: "kised-organized-demoday", Type: store.Organized, From: "kised", To: "demo-day"},
			{ID: "kised-offers-kgc", Type: store.Offers, From: "kised", To: "k-startup-grand-challenge"},
			{ID: "toss-at-demoday", Type: store.ParticipatedIn, From: "toss", To: "demo-day"},
			{ID: "itpark-partners-kised", Type: store.PartnersWith, From: "it-park", To: "kised", Since: d("2023-05"),
				Note:      "Memorandum on startup exchange",
				Citations: []store.Citation{{SourceID: "src-kr-press", Excerpt: "IT Park and KISED signed a memorandum."}}},
			{ID: "inha-partners-kaist", Type: store.PartnersWith, From: "inha-tashkent", To: "kaist", Since: d("2014")},
			{ID: "kaist-partners-inha", Type: store.PartnersWith, From: "kaist", To: "inha-tashkent", Since: d("2022")},
			{ID: "itpark-interested-kaist", Type: store.InterestedIn, From: "it-park", To: "kaist"},
			{ID: "payme-invited-demoday", Type: store.InvitedTo, From: "payme", To: "demo-day", Since: d("2024-05")},
			{ID: "mitc-negotiates-kised", Type: store.NegotiatesWith, From: "mitc", To: "kised", Since: d("2024")},
		},
	}
}

// fixtureOrder is every actor of the Fixture in the Actors order:
// SortKey(name), then id ("Nova" and "nova" tie), Cyrillic after Latin.
var fixtureOrder = []string{
	"ict-week", "inha-tashkent", "it-park-residency", "it-park", "demo-day",
	"k-startup-grand-challenge", "kaist", "kz", "kised", "mitc",
	"nova-kr", "nova-uz", "payme", "kr", "tuit",
	"toss", "uz", "uzum", "uz-innovation-agency",
}
