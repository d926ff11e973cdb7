package dataset

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

var update = flag.Bool("update", false, "rewrite testdata/canonical.json from example()")

// example has every field the format knows, its records out of order.
func example() store.Dataset {
	yes, no := true, false
	cite := []store.Citation{{SourceID: "article", Excerpt: "Uchrashuv natijasida <kelishuvga> & “erishildi”."}}
	return store.Dataset{
		Sources: []store.Source{
			{ID: "article", Title: "Janubiy Koreya va O‘zbekiston", Published: store.MustDate("2024-06-10"), Lang: "uz-Latn", URL: "https://example.org/a?b=1&c=2"},
			{ID: "a-note", Title: "A note"},
		},
		Actors: []store.Actor{
			{ID: "uzbekistan", Kind: store.KindCountry, Name: "Uzbekistan", IsoCode: "UZ",
				Names: []store.LocalizedName{{Value: "Oʻzbekiston", Lang: "uz-Latn"}, {Value: "Ўзбекистон", Lang: "uz-Cyrl"}}},
			{ID: "forum", Kind: store.KindEvent, Name: "Forum", StartDate: store.MustDate("2024-07-24"), EndDate: store.MustDate("2024-07-25"), Online: &no},
			{ID: "seminar", Kind: store.KindEvent, Name: "Seminar", StartDate: store.MustDate("2024-06"), Online: &yes, Citations: cite},
			{ID: "startup", Kind: store.KindStartup, Name: "Startup", Founded: store.MustDate("2024"), Aliases: []string{"S1", "Startup One"},
				Description: "Line one.\nLine two.", CountryID: "uzbekistan"},
			{ID: "it-park", Kind: store.KindOrganization, Name: "IT Park", Category: "technology park"},
		},
		Relations: []store.Relation{
			{ID: "it-park-hosted-forum", Type: store.Hosted, From: "it-park", To: "forum", Since: store.MustDate("2024-06"),
				Until: store.MustDate("2024-07-24"), Note: "A note.", Citations: cite},
			{ID: "it-park-located-in-uzbekistan", Type: store.LocatedIn, From: "it-park", To: "uzbekistan"},
		},
	}
}

func TestEncodeIsCanonical(t *testing.T) {
	var got bytes.Buffer
	if err := Encode(&got, example()); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("testdata/canonical.json", got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/canonical.json")
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("Encode wrote\n%s\nwant testdata/canonical.json (go test -update rewrites it):\n%s", got.String(), want)
	}
}

// Decoding a canonical file and encoding it again gives it back byte for
// byte, and the records come back as they went in, sorted by id.
func TestRoundTrip(t *testing.T) {
	file, err := os.ReadFile("testdata/canonical.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(bytes.NewReader(file), "canonical.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := Encode(&again, d); err != nil {
		t.Fatal(err)
	}
	if again.String() != string(file) {
		t.Errorf("encode(decode(canonical.json)) differs:\n%s", again.String())
	}
	want := example()
	sortedByIDInPlace(&want)
	if !reflect.DeepEqual(d, want) {
		t.Errorf("decode(encode(d)) = %+v\nwant %+v", d, want)
	}
}

func TestEncodeLeavesInputAlone(t *testing.T) {
	d := example()
	if err := Encode(&bytes.Buffer{}, d); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, example()) {
		t.Error("Encode reordered its input")
	}
}

func TestEncodeEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := Encode(&b, store.Dataset{}); err != nil {
		t.Fatal(err)
	}
	const want = "{\n  \"format\": \"ecograph/v1\",\n  \"sources\": [],\n  \"actors\": [],\n  \"relations\": []\n}\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	d, err := Decode(strings.NewReader(want), "empty.json")
	if err != nil || len(d.Sources)+len(d.Actors)+len(d.Relations) != 0 {
		t.Errorf("Decode(empty dataset) = %+v, %v", d, err)
	}
}

func sortedByIDInPlace(d *store.Dataset) {
	d.Sources = sortedByID(d.Sources, func(s *store.Source) string { return s.ID })
	d.Actors = sortedByID(d.Actors, func(a *store.Actor) string { return a.ID })
	d.Relations = sortedByID(d.Relations, func(r *store.Relation) string { return r.ID })
}

// sortedByID returns the records ordered by id, leaving the caller's slice as it is.
func sortedByID[T any](records []T, id func(*T) string) []T {
	sorted := slices.Clone(records)
	slices.SortStableFunc(sorted, func(a, b T) int { return strings.Compare(id(&a), id(&b)) })
	return sorted
}
