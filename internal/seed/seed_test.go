package seed

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/fold"
	"github.com/ecograph/ecograph/internal/store"
)

var update = flag.Bool("update", false, "rewrite data/seed.json in canonical form")

// articlePath is the source article, kept outside the repository.
const articlePath = "../../../shared/seed/000_241b144eb5614b99.txt"

const sourceID = "article-sch-itpark-2024-06-10"

func seed(t *testing.T) store.Dataset {
	t.Helper()
	d, err := Dataset()
	if err != nil {
		t.Fatalf("Dataset: %v", err)
	}
	return d
}

func TestDatasetIsChecked(t *testing.T) {
	d := seed(t)
	// No id outside the file is known: everything it refers to is in it.
	if err := dataset.Check(d, nil); err != nil {
		t.Fatalf("Check: %v", err)
	}
	if len(d.Sources) != 1 || len(d.Actors) != 15 || len(d.Relations) != 25 {
		t.Errorf("got %d sources, %d actors, %d relations; want 1, 15, 25", len(d.Sources), len(d.Actors), len(d.Relations))
	}
}

// data/seed.json is in the form Encode writes, so that exporting the seed
// gives the file back; go test -update rewrites it so.
func TestFileIsCanonical(t *testing.T) {
	var b bytes.Buffer
	if err := dataset.Encode(&b, seed(t)); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("data/seed.json", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if b.String() != file {
		t.Error("data/seed.json is not in canonical form: run go test ./internal/seed -run TestFileIsCanonical -update")
	}
}

func TestSource(t *testing.T) {
	s := seed(t).Sources[0]
	want := store.Source{
		ID:        sourceID,
		Title:     "Janubiy Koreya va O\u2018zbekiston startap ekotizimlari o\u2018rtasidagi strategik hamkorlik imkoniyati",
		Published: store.MustDate("2024-06-10"),
		Lang:      "uz-Latn",
	}
	if s != want {
		t.Errorf("source = %+v, want %+v", s, want)
	}
	if article := readArticle(t); article != "" {
		if title, _, _ := strings.Cut(article, "\n"); title != s.Title {
			t.Errorf("title %q is not the article's %q", s.Title, title)
		}
	}
}

// Every actor and relation cites the article with the sentence that says
// so, copied verbatim, ʻ and ‘ as they are.
func TestEveryFactCitesTheArticle(t *testing.T) {
	d := seed(t)
	article := readArticle(t)
	check := func(what string, cs []store.Citation) {
		if len(cs) == 0 {
			t.Errorf("%s cites nothing", what)
		}
		for _, c := range cs {
			switch {
			case c.SourceID != sourceID:
				t.Errorf("%s cites %q, want %q", what, c.SourceID, sourceID)
			case strings.TrimSpace(c.Excerpt) == "":
				t.Errorf("%s cites no excerpt", what)
			case article != "" && !isSentence(article, c.Excerpt):
				t.Errorf("%s: excerpt is not a sentence of the article: %q", what, c.Excerpt)
			}
		}
	}
	for _, a := range d.Actors {
		check("actor "+a.ID, a.Citations)
	}
	for _, r := range d.Relations {
		check("relation "+r.ID, r.Citations)
	}
}

// isSentence reports whether s is a whole sentence of text, verbatim.
func isSentence(text, s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	for i := 0; ; {
		j := strings.Index(text[i:], s)
		if j < 0 {
			return false
		}
		at := i + j
		if at == 0 || text[at-1] == '\n' || strings.HasSuffix(text[:at], ". ") {
			return true
		}
		i = at + 1
	}
}

// readArticle returns the article, or "" with a note when it is not beside
// the repository (it is not copied into it).
func readArticle(t *testing.T) string {
	b, err := os.ReadFile(articlePath)
	if errors.Is(err, os.ErrNotExist) {
		t.Logf("%s not found: excerpts are checked for presence only, not against the article", articlePath)
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestActors(t *testing.T) {
	want := map[string]store.Kind{
		"south-korea":                            store.KindCountry,
		"uzbekistan":                             store.KindCountry,
		"soonchunhyang-university":               store.KindUniversity,
		"sch-startup-1":                          store.KindStartup,
		"sch-startup-2":                          store.KindStartup,
		"sch-startup-3":                          store.KindStartup,
		"sch-startup-4":                          store.KindStartup,
		"sch-startup-5":                          store.KindStartup,
		"it-park-uzbekistan":                     store.KindOrganization,
		"ministry-of-digital-technologies":       store.KindGovernmentBody,
		"sch-delegation-visit-it-park":           store.KindEvent,
		"online-seminar-2024-06-13":              store.KindEvent,
		"global-business-service-forum-2024":     store.KindEvent,
		"it-park-startup-support-programmes":     store.KindProgram,
		"it-park-international-partner-benefits": store.KindProgram,
	}
	actors := byID(seed(t).Actors)
	if len(actors) != len(want) {
		t.Errorf("got %d actors, want %d", len(actors), len(want))
	}
	for id, kind := range want {
		if a, ok := actors[id]; !ok {
			t.Errorf("no actor %q", id)
		} else if a.Kind != kind {
			t.Errorf("%s is a %s, want %s", id, a.Kind, kind)
		}
	}

	sk, uz, sch, park := actors["south-korea"], actors["uzbekistan"], actors["soonchunhyang-university"], actors["it-park-uzbekistan"]
	if sk.IsoCode != "KR" || uz.IsoCode != "UZ" {
		t.Errorf("iso codes %q, %q; want KR, UZ", sk.IsoCode, uz.IsoCode)
	}
	if sch.CountryID != "south-korea" || park.CountryID != "uzbekistan" || actors["ministry-of-digital-technologies"].CountryID != "uzbekistan" {
		t.Error("SCH should be in south-korea, IT Park and the Ministry in uzbekistan")
	}
	for _, n := range []struct{ actor, lang, value string }{
		{"soonchunhyang-university", "ko", "순천향대학교"},
		{"soonchunhyang-university", "uz-Latn", "Sun Chun Xyan universiteti"},
		{"uzbekistan", "uz-Latn", "O\u02BBzbekiston"},
		{"south-korea", "ko", "대한민국"},
		{"ministry-of-digital-technologies", "uz-Latn", "Raqamli texnologiyalar vazirligi"},
		{"online-seminar-2024-06-13", "uz-Latn", "Onlayn seminar"},
		{"sch-delegation-visit-it-park", "uz-Latn", "IT Parkka tashrif"},
	} {
		if !slices.Contains(actors[n.actor].Names, store.LocalizedName{Value: n.value, Lang: n.lang}) {
			t.Errorf("%s has no %s name %q", n.actor, n.lang, n.value)
		}
	}
	if !slices.Contains(sch.Aliases, "SCH") {
		t.Errorf("SCH's aliases %q lack SCH", sch.Aliases)
	}
	// The article names none of the startups, and the data says so.
	for i := 1; i <= 5; i++ {
		a := actors["sch-startup-"+string(rune('0'+i))]
		if !strings.Contains(a.Name, "not reported") || a.CountryID != "" || !a.Founded.IsZero() {
			t.Errorf("startup %s should be unnamed, with no country or founding date: %+v", a.ID, a)
		}
	}
	if seminar := actors["online-seminar-2024-06-13"]; seminar.Online == nil || !*seminar.Online {
		t.Error("the seminar is online")
	}
	if forum := actors["global-business-service-forum-2024"]; !forum.EndDate.IsZero() || len(forum.Aliases) != 0 {
		t.Errorf("the forum's end date and aliases are not reported: %+v", forum)
	}
}

// TestUzbekNames: every actor carries the name the article gives it, in
// uz-Latn, and one of the actor's cited sentences holds that name as
// written (folded: case, apostrophe forms, punctuation), so a reader of
// the article finds each actor by the words it uses. The startups'
// names say that the article gives none.
func TestUzbekNames(t *testing.T) {
	for _, a := range seed(t).Actors {
		var uz []string
		for _, n := range a.Names {
			if n.Lang == "uz-Latn" {
				uz = append(uz, n.Value)
			}
		}
		if len(uz) == 0 {
			t.Errorf("%s has no uz-Latn name", a.ID)
			continue
		}
		for _, name := range uz {
			if strings.HasPrefix(a.ID, "sch-startup-") {
				if l := strings.ToLower(name); !strings.Contains(l, "startap kompaniya") || !strings.Contains(l, "nomi keltirilmagan") {
					t.Errorf("%s: uz-Latn name %q should say it is a startup whose name is not given", a.ID, name)
				}
				name = "startap kompaniya"
			}
			// The name begins at a word; it may end inside one, where the
			// article adds a case ending ("imtiyozlar" in "imtiyozlarga").
			key := " " + fold.Exact(name)
			if !slices.ContainsFunc(a.Citations, func(c store.Citation) bool {
				return strings.Contains(" "+fold.Exact(c.Excerpt), key)
			}) {
				t.Errorf("%s: no cited sentence holds its uz-Latn name %q", a.ID, name)
			}
		}
	}
}

func TestRelations(t *testing.T) {
	d := seed(t)
	count := func(from string, typ store.RelationType) int {
		n := 0
		for _, r := range d.Relations {
			if r.From == from && r.Type == typ {
				n++
			}
		}
		return n
	}
	if n := count("soonchunhyang-university", store.Founded); n != 5 {
		t.Errorf("SCH founded %d startups, want 5", n)
	}
	for _, c := range []struct {
		from string
		typ  store.RelationType
		want int
	}{
		{"it-park-uzbekistan", store.Offers, 2},
		{"soonchunhyang-university", store.InterestedIn, 2},
		{"soonchunhyang-university", store.InvitedTo, 2},
		{"it-park-uzbekistan", store.Hosted, 1},
		{"ministry-of-digital-technologies", store.Organized, 1},
		{"it-park-uzbekistan", store.Organized, 1},
		{"south-korea", store.InterestedIn, 1},
		{"sch-startup-3", store.ParticipatedIn, 1},
	} {
		if n := count(c.from, c.typ); n != c.want {
			t.Errorf("%s has %d %s relations, want %d", c.from, n, c.typ, c.want)
		}
	}
	// Nobody is said to organise the online seminar.
	for _, r := range d.Relations {
		if r.To == "online-seminar-2024-06-13" && (r.Type == store.Organized || r.Type == store.Hosted) {
			t.Errorf("%s: the article does not say who runs the seminar", r.ID)
		}
	}
	rel := byRelationID(d.Relations)
	neg, ok := rel["sch-negotiates-with-it-park"]
	if !ok || neg.Type != store.NegotiatesWith || neg.Note == "" {
		t.Errorf("sch-negotiates-with-it-park = %+v", neg)
	}
}

// A month stays a month: the article gives no day for the visit.
func TestDatesKeepTheirPrecision(t *testing.T) {
	d := seed(t)
	actors := byID(d.Actors)
	for _, c := range []struct {
		got  store.Date
		want string
		p    store.Precision
	}{
		{actors["sch-delegation-visit-it-park"].StartDate, "2024-06", store.PrecisionMonth},
		{actors["online-seminar-2024-06-13"].StartDate, "2024-06-13", store.PrecisionDay},
		{actors["global-business-service-forum-2024"].StartDate, "2024-07-24", store.PrecisionDay},
		{byRelationID(d.Relations)["sch-negotiates-with-it-park"].Since, "2024-06", store.PrecisionMonth},
		{d.Sources[0].Published, "2024-06-10", store.PrecisionDay},
	} {
		if c.got.String() != c.want || c.got.Precision() != c.p {
			t.Errorf("got %s (%s), want %s (%s)", c.got, c.got.Precision(), c.want, c.p)
		}
	}
}

// fakeStore records what LoadIfEmpty does with it.
type fakeStore struct {
	empty    bool
	emptyErr error
	loaded   []store.Dataset
}

func (s *fakeStore) Empty(context.Context) (bool, error) { return s.empty, s.emptyErr }

func (s *fakeStore) Load(_ context.Context, d store.Dataset) error {
	s.loaded = append(s.loaded, d)
	return nil
}

func TestLoadIfEmpty(t *testing.T) {
	ctx := context.Background()
	s := &fakeStore{empty: true}
	if loaded, err := LoadIfEmpty(ctx, s); !loaded || err != nil || len(s.loaded) != 1 {
		t.Fatalf("empty store: loaded=%v err=%v loads=%d; want true, nil, 1", loaded, err, len(s.loaded))
	}
	if len(s.loaded[0].Actors) != 15 {
		t.Errorf("loaded %d actors, want 15", len(s.loaded[0].Actors))
	}

	s = &fakeStore{empty: false}
	if loaded, err := LoadIfEmpty(ctx, s); loaded || err != nil || len(s.loaded) != 0 {
		t.Errorf("full store: loaded=%v err=%v loads=%d; want false, nil, 0", loaded, err, len(s.loaded))
	}

	down := errors.New("down")
	s = &fakeStore{emptyErr: down}
	if loaded, err := LoadIfEmpty(ctx, s); loaded || !errors.Is(err, down) || len(s.loaded) != 0 {
		t.Errorf("failing store: loaded=%v err=%v; want false and the store's error", loaded, err)
	}
}

func byID(actors []store.Actor) map[string]store.Actor {
	m := map[string]store.Actor{}
	for _, a := range actors {
		m[a.ID] = a
	}
	return m
}

func byRelationID(rs []store.Relation) map[string]store.Relation {
	m := map[string]store.Relation{}
	for _, r := range rs {
		m[r.ID] = r
	}
	return m
}
