package search_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/fold"
	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// RealFold reports whether internal/fold does what its documentation
// promises (punctuation, apostrophes, scripts), rather than the placeholder
// that only lower-cases: the cases marked needsFold run only then.
func realFold() bool {
	return fold.Name("IT-Park", "").Exact == "it park" && fold.Name("Oʻzbekiston", "").Readings[0][0] == "ozbekiston"
}

var soonchunhyang = &store.Actor{ID: "sch", Kind: store.KindUniversity, Name: "Soonchunhyang University",
	Names: []store.LocalizedName{{Value: "Soonchunhyang University", Lang: "en"}, {Value: "순천향대학교", Lang: "ko"},
		{Value: "Sun Chun Xyan universiteti", Lang: "uz-Latn"}, {Value: "Университет Сунчхонхян", Lang: "ru"}},
	Aliases: []string{"SCH", "Sun Chun Xyan"}}

var uzbekistan = &store.Actor{ID: "uz", Kind: store.KindCountry, Name: "Uzbekistan",
	Names: []store.LocalizedName{{Value: "Oʻzbekiston", Lang: "uz-Latn"}, {Value: "Ўзбекистон", Lang: "uz-Cyrl"}, {Value: "Узбекистан", Lang: "ru"}}}

var forum = &store.Actor{ID: "gbs", Kind: store.KindEvent, Name: "Global Business Service Forum"}

func TestScore(t *testing.T) {
	for _, c := range []struct {
		text      string
		actor     *store.Actor
		score     float64
		matched   string
		needsFold bool
	}{
		{"Soonchunhyang University", soonchunhyang, search.ScoreExact, "Soonchunhyang University", false},
		{"  soonchunhyang   UNIVERSITY ", soonchunhyang, search.ScoreExact, "Soonchunhyang University", false},
		{"순천향대학교", soonchunhyang, search.ScoreExact, "순천향대학교", false},
		{"SCH", soonchunhyang, search.ScoreAlias, "SCH", false},
		{"Sun Chun Xyan", soonchunhyang, search.ScoreAlias, "Sun Chun Xyan", false},
		{"SunChunXyan", soonchunhyang, search.ScoreAlias, "Sun Chun Xyan", false},   // an alias's loose form
		{"SU", soonchunhyang, search.ScoreAlias, "Soonchunhyang University", false}, // initials
		{"Soonchunhyanguniversity", soonchunhyang, search.ScoreFolded, "Soonchunhyang University", false},
		{"Soonchunhyang", soonchunhyang, search.ScorePrefix, "Soonchunhyang University", false},
		{"Soon Chun Hyang", soonchunhyang, search.ScorePrefix, "Soonchunhyang University", false},
		{"univ", soonchunhyang, search.ScorePrefix, "Университет Сунчхонхян", false}, // the first word of the Russian name
		{"Soonchunhyan", soonchunhyang, search.ScorePrefix, "Soonchunhyang University", false},
		{"Soonchunhyanf", soonchunhyang, search.ScoreFuzzy1 - search.StepBeginning, "Soonchunhyang University", false},
		{"Sonchunhyang", soonchunhyang, search.ScoreFuzzy1 - search.StepBeginning, "Soonchunhyang University", false},
		{"Soonchnhyanf", soonchunhyang, search.ScoreFuzzy2 - search.StepBeginning, "Soonchunhyang University", false},
		{"universitx", soonchunhyang, search.ScoreFuzzy1 - search.StepBeginning, "Университет Сунчхонхян", false},
		{"Suncheonhyang", soonchunhyang, search.ScorePrefix, "순천향대학교", true},
		{"Oʻzbekiston", uzbekistan, search.ScoreExact, "Oʻzbekiston", false},
		{"Ўзбекистон", uzbekistan, search.ScoreExact, "Ўзбекистон", false},
		{"O'zbekiston", uzbekistan, search.ScoreExact, "Oʻzbekiston", true},
		{"Ozbekiston", uzbekistan, search.ScoreFolded, "Oʻzbekiston", true},
		{"uzbek", uzbekistan, search.ScorePrefix, "Uzbekistan", false},
		{"Global Business Service Forum", forum, search.ScoreExact, "Global Business Service Forum", false},
		{"gbsf", forum, search.ScoreAlias, "Global Business Service Forum", false},
		{"GBS", forum, search.ScoreAlias, "Global Business Service Forum", true},
		{"Business", forum, search.ScorePrefixWord, "Global Business Service Forum", false},
		{"Forun", forum, search.ScoreFuzzy1 - search.StepLaterWord, "Global Business Service Forum", false},
		{"Frum", forum, 0, "", false}, // a typo in the first two letters
		{"Fom", forum, 0, "", false},  // under four letters: no typo allowed
		{"Service Forum X", forum, search.ScoreFuzzy1 - search.StepLaterWord, "Global Business Service Forum", false}, // one letter more
		// Two words of three, two of the name's four: a partial match.
		{"Service Forum XYZ", forum, search.ScorePartial * 2 / 3 * (1 + 0.5) / 2, "Global Business Service Forum", false},
		{"Forum Global", forum, search.ScorePartial * (1 + 0.5) / 2, "Global Business Service Forum", false},
		{"Uzbekistn", uzbekistan, search.ScoreFuzzy1, "Uzbekistan", false},      // a typo of the whole name
		{"Uzbekiston", uzbekistan, search.ScoreFolded, "Oʻzbekiston", false},    // oʻ typed u
		{"Oʻzbekistonda", uzbekistan, search.ScoreFolded, "Oʻzbekiston", false}, // the locative
		{"SCH universiteti", soonchunhyang, search.ScorePartial * (1 + 1) / 2, "SCH", false},
		{"Suncheonhyang", soonchunhyang, search.ScorePrefix, "순천향대학교", false},
		{"Sunchonhyang Taehakkyo", soonchunhyang, search.ScoreFuzzy1, "순천향대학교", false}, // McCune-Reischauer (one word in Hangul: dae)
		{"Sunchonhyangdaehakkyo", soonchunhyang, search.ScoreFolded, "순천향대학교", false},
		{"Soonchunhyang Daehakkyo", soonchunhyang, search.ScoreFolded, "순천향대학교", false}, // the university's own spelling, MR after it
	} {
		if c.needsFold && !realFold() {
			t.Logf("%q: skipped until internal/fold folds for real", c.text)
			continue
		}
		q, err := search.Parse(c.text)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.text, err)
		}
		score, matched, ok := q.Score(search.Keys(c.actor))
		c.score = math.Round(c.score*1e4) / 1e4
		if score != c.score || matched != c.matched || ok != (c.score > 0) {
			t.Errorf("Score(%q, %s) = %v %q %v, want %v %q", c.text, c.actor.ID, score, matched, ok, c.score, c.matched)
		}
	}
}

func TestParseRefusesEmptyText(t *testing.T) {
	texts := []string{"", "   "}
	if realFold() {
		texts = append(texts, " - ' ")
	}
	for _, text := range texts {
		if _, err := search.Parse(text); err == nil {
			t.Errorf("Parse(%q) accepted it", text)
		}
	}
}

// TestLookupsFindEveryMatch checks what the stores rest on: an actor that
// scores a tier is found through the lookups for it. An actor scoring
// ScoreFolded or better holds a term of q.Lookups; ScorePrefix, a loose
// term beginning with a prefix; ScorePrefixWord, a word term so; a fuzzy
// tier, a word term beginning with a stem that q.Near accepts; a partial
// match, a term of q.WordTerms.
func TestLookupsFindEveryMatch(t *testing.T) {
	words := []string{"Soon", "chun", "Hyang", "IT", "Park", "park", "Oʻzbek", "iston", "Ўзбек", "истон", "Global", "Globel", "Forum", "Fora", "S", "Sch", "Parc"}
	rng := rand.New(rand.NewPCG(1, 2))
	name := func() string {
		n := 1 + rng.IntN(4)
		var b strings.Builder
		for i := range n {
			if i > 0 && rng.IntN(3) > 0 {
				b.WriteString([]string{" ", "-", "  "}[rng.IntN(3)])
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String()
	}
	for i := range 3000 {
		a := &store.Actor{ID: fmt.Sprint(i), Name: name(), Aliases: []string{name()},
			Names: []store.LocalizedName{{Value: name(), Lang: []string{"", "uz-Cyrl", "ru", "en"}[rng.IntN(4)]}}}
		keys := search.Keys(a)
		terms := search.Terms(keys)
		q, err := search.Parse(name())
		if err != nil {
			t.Fatal(err)
		}
		score, _, ok := q.Score(keys)
		if !ok {
			continue
		}
		// The band each retrieval finds, best first: the stores read them
		// in this order, so an actor must be found by its score's band.
		has := func(kind search.TermKind, ok func(text string) bool) bool {
			return slices.ContainsFunc(terms, func(t search.Term) bool { return t.Kind == kind && ok(t.Text) })
		}
		begins := func(text string) bool {
			return slices.ContainsFunc(q.Prefixes(), func(p string) bool { return strings.HasPrefix(text, p) })
		}
		var found float64
		switch {
		case slices.ContainsFunc(q.Lookups(), func(l search.Term) bool { return slices.Contains(terms, l) }):
			found = search.ScoreFolded
		case has(search.TermLoose, begins):
			found = search.ScorePrefix
		case has(search.TermWord, begins):
			found = search.ScorePrefixWord
		case has(search.TermWord, func(text string) bool {
			return q.Near(text) > 0 && slices.ContainsFunc(q.Stems(), func(s string) bool { return strings.HasPrefix(text, s) })
		}):
			found = search.ScoreFuzzy1
		case slices.ContainsFunc(q.WordTerms(), func(l search.Term) bool { return slices.Contains(terms, l) }):
			found = search.ScorePartial
		}
		band := search.ScorePartial
		switch {
		case score >= search.ScoreFolded:
			band = search.ScoreFolded
		case score == search.ScorePrefix || score == search.ScorePrefixWord:
			band = score
		case score > search.ScorePartial:
			band = search.ScoreFuzzy1
		}
		if found != band {
			t.Fatalf("actor %+v scores %v for %+v, but its terms %v are found as %v", a, score, q, terms, found)
		}
		// A typo score is the best NearScores of the word terms ScanNear
		// visits, as the embedded store reads it.
		if band == search.ScoreFuzzy1 {
			best := 0.0
			for _, term := range terms {
				if d := q.Near(term.Text); term.Kind == search.TermWord && d > 0 {
					atBeginning, atLaterWord := q.NearScores(term.Text, d)
					if slices.Contains(terms, search.Term{Kind: search.TermLoose, Text: term.Text}) {
						atLaterWord = max(atLaterWord, atBeginning)
					}
					best = max(best, atLaterWord)
				}
			}
			if best != score {
				t.Fatalf("actor %+v: Score(%v) = %v, NearScores' best %v", a, q.Loose, score, best)
			}
		}
	}
}

func TestCompare(t *testing.T) {
	hit := func(id, name string, score float64) store.SearchHit {
		return store.SearchHit{Actor: &store.Actor{ID: id, Name: name}, Score: score}
	}
	hits := []store.SearchHit{hit("b", "Nova", 0.6), hit("a", "nova", 0.6), hit("c", "Alpha", 0.6), hit("d", "Zeta", 1)}
	slices.SortFunc(hits, search.Compare)
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.Actor.ID)
	}
	if got := strings.Join(ids, " "); got != "d c a b" {
		t.Errorf("order %s, want d c a b", got)
	}
}

func BenchmarkScore(b *testing.B) {
	keys := search.Keys(soonchunhyang)
	q, _ := search.Parse("Soonchunhyanf")
	b.ReportAllocs()
	for b.Loop() {
		q.Score(keys)
	}
}

// TestScanNearFindsWhatNearAccepts: skipping runs of words never skips a
// word Near accepts.
func TestScanNearFindsWhatNearAccepts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	letters := []rune("abcsoруб")
	word := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = letters[rng.IntN(len(letters))]
		}
		return string(r)
	}
	var words []string
	for range 5000 {
		words = append(words, word(2+rng.IntN(10)))
	}
	slices.Sort(words)
	words = slices.Compact(words)
	seek := func(from string) (string, bool) {
		i, _ := slices.BinarySearch(words, from)
		if i == len(words) {
			return "", false
		}
		return words[i], true
	}
	for range 300 {
		q, err := search.Parse(word(4 + rng.IntN(8)))
		if err != nil {
			t.Fatal(err)
		}
		var got, want []string
		q.ScanNear(seek, func(w string, edits int) {
			if edits != q.Near(w) {
				t.Errorf("ScanNear(%v) gives %q %d edits, Near %d", q.Loose, w, edits, q.Near(w))
			}
			got = append(got, w)
		})
		for _, w := range words {
			if q.Near(w) > 0 {
				want = append(want, w)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("ScanNear(%v) = %q, want %q", q.Loose, got, want)
		}
	}
}

// TestNoTypoSearchPastMaxLength: a typo is looked for in texts of up to
// 47 letters only; a longer one (a pasted document) reads no word in the
// typo walk, has no stems, and is near no word, whatever it begins with.
func TestNoTypoSearchPastMaxLength(t *testing.T) {
	words := []string{"soaaaaaa", "soab", "sobaaaaa", "somebody"}
	for _, c := range []struct {
		text  string
		typos bool
	}{
		{"so" + strings.Repeat("a", 45), true},
		{"so" + strings.Repeat("a", 46), false},
		{"so" + strings.Repeat("a", 900_000), false},
	} {
		q, err := search.Parse(c.text)
		if err != nil {
			t.Fatal(err)
		}
		read := 0
		q.ScanNear(func(from string) (string, bool) {
			read++
			i, _ := slices.BinarySearch(words, from)
			if i == len(words) {
				return "", false
			}
			return words[i], true
		}, func(string, int) {})
		if got := read > 0 || len(q.Stems()) > 0; got != c.typos {
			t.Errorf("text of %d letters: typo walk read %d words, stems %v; want a typo walk %v", len(c.text), read, q.Stems(), c.typos)
		}
	}
}

// BenchmarkParseLongText: a 900 KB search text, folded and made ready
// for every tier once; each word the typo walk then compares costs
// nothing more (it converted the text to runes for each word, which
// took seconds at 100,000 actors).
func BenchmarkParseLongText(b *testing.B) {
	text := "so" + strings.Repeat("a", 900_000)
	keys := search.Keys(soonchunhyang)
	b.ReportAllocs()
	for b.Loop() {
		q, err := search.Parse(text)
		if err != nil {
			b.Fatal(err)
		}
		for range 1000 {
			q.Near("soonchunhyang")
		}
		q.Score(keys)
	}
}
