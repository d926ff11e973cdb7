package dataset

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// hostile has text that CSV and the list cells must carry through:
// quotes, commas, line breaks, bars, backslashes, colons, non-ASCII, and
// blanks at either end.
func hostile() store.Dataset {
	d := example()
	nasty := []string{`"quoted", with commas`, "two\nlines", `a|b`, `back\slash`, `\|\\`, ` lead`, `trail `, "  ", `x: y`, `:`, "Ўзбекистон 순천향", `'=1+1`}
	a := &d.Actors[3] // startup
	a.Aliases = append(a.Aliases, nasty[:len(nasty)-1]...)
	a.Aliases = slices.DeleteFunc(a.Aliases, func(s string) bool { return s == "  " }) // a blank alias is not valid
	a.Names = []store.LocalizedName{{Value: " ko: 순천향 | x ", Lang: "ko"}, {Value: `\`, Lang: "en"}}
	a.Description = strings.Join(nasty, ",")
	for _, s := range nasty {
		a.Citations = append(a.Citations, store.Citation{SourceID: "article", Excerpt: s})
	}
	a.Citations = append(a.Citations, store.Citation{SourceID: "a-note"})
	d.Relations[0].Note = `"` + strings.Join(nasty, "|") + `"`
	d.Sources[0].Title = " " + strings.Join(nasty, "\\") + " "
	return d
}

// JSON → CSV → JSON gives the same records and the same JSON; the
// canonical CSV read and written again is the same bytes.
func TestRoundTripJSONCSV(t *testing.T) {
	for name, d := range map[string]store.Dataset{"example": example(), "hostile": hostile(), "empty": {}} {
		t.Run(name, func(t *testing.T) {
			if err := Check(d, nil); err != nil {
				t.Fatalf("the dataset is not valid: %v", err)
			}
			var js bytes.Buffer
			if err := Encode(&js, d); err != nil {
				t.Fatal(err)
			}
			fromJSON, err := Read(bytes.NewReader(js.Bytes()), "x.json", nil)
			if err != nil {
				t.Fatal(err)
			}
			files := encodeCSV(t, fromJSON)
			fromCSV, err := scanAll(scanCSV, files[0].Bytes(), files[1].Bytes(), files[2].Bytes())
			if err != nil {
				t.Fatalf("%v\n%s%s%s", err, files[0].String(), files[1].String(), files[2].String())
			}
			if !reflect.DeepEqual(fromCSV, fromJSON) {
				t.Errorf("JSON → CSV → records:\n%+v\nwant\n%+v", fromCSV, fromJSON)
			}
			var again bytes.Buffer
			if err := Encode(&again, fromCSV); err != nil {
				t.Fatal(err)
			}
			if again.String() != js.String() {
				t.Errorf("JSON → CSV → JSON differs:\n%s\nwant\n%s", again.String(), js.String())
			}
			twice := encodeCSV(t, fromCSV)
			for i := range files {
				if twice[i].String() != files[i].String() {
					t.Errorf("%s written again differs:\n%s\nwant\n%s", csvNames[i], twice[i].String(), files[i].String())
				}
			}
		})
	}
}

func TestScanSkipsByteOrderMark(t *testing.T) {
	file, err := os.ReadFile("testdata/bad-date.json")
	if err != nil {
		t.Fatal(err)
	}
	err = Scan(bytes.NewReader(append([]byte("\ufeff"), file...)), "bad-date.json", func(Record) error { return nil })
	assertError(t, err, `bad-date.json:7:18: actors[0] ("sch-startup-1"): founded: "24 July" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`)
	n := 0
	err = ScanCSV(strings.NewReader("\ufeffid,title\ns,T\n"), "s.csv", func(Record) error { n++; return nil })
	if err != nil || n != 1 {
		t.Errorf("ScanCSV with a byte order mark: %d records, %v", n, err)
	}
}

func TestScanPassesGoodRecordsOnly(t *testing.T) {
	text := `{"format": "ecograph/v1", "actors": [
		{"id": "a", "kind": "STARTUP", "name": "A"},
		{"id": "b", "kind": "STARTUP", "name": "B", "founded": "soon"},
		{"id": "a", "kind": "STARTUP", "name": "A again"},
		{"id": "c", "kind": "STARTUP", "name": "C"}]}`
	var got []string
	err := Scan(strings.NewReader(text), "x.json", func(r Record) error {
		got = append(got, r.Actor.ID+"@"+r.At.Error("id", errors.New("x")).Error()[:8])
		return nil
	})
	if want := []string{"a@x.json:2", "c@x.json:5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("visited %q, want %q", got, want)
	}
	assertError(t, err, "x.json:3:58: actors[1] (\"b\"): founded: \"soon\" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD\n"+
		"x.json:4:10: actors[2] (\"a\"): id: \"a\" is already the id of actors[0] (line 2)")
}

func TestScanStopsAtVisitError(t *testing.T) {
	stop := errors.New("enough")
	for name, scan := range map[string]func() error{
		"json": func() error {
			return ScanFile("testdata/canonical.json", func(Record) error { return stop })
		},
		"csv": func() error {
			return ScanFile("testdata/csv/actors.csv", func(Record) error { return stop })
		},
	} {
		if err := scan(); err != stop {
			t.Errorf("%s: got %v, want the visit error as it is", name, err)
		}
	}
}

// Place.Error points at the fields that refer to other records, in both
// formats, as the importer needs when it checks them across files.
func TestPlaceError(t *testing.T) {
	at := map[string]Place{}
	keep := func(r Record) error { at[r.At.File+":"+r.At.ID] = r.At; return nil }
	if err := ScanFile("testdata/canonical.json", keep); err != nil {
		t.Fatal(err)
	}
	if err := ScanFiles([]string{"testdata/csv/sources.csv", "testdata/csv/actors.csv", "testdata/csv/relations.csv"}, keep); err != nil {
		t.Fatal(err)
	}
	bad := errors.New("bad")
	tests := []struct {
		file, id, field, want string
	}{
		{"testdata/canonical.json", "it-park-hosted-forum", "to", `testdata/canonical.json:78:13: relations[0] ("it-park-hosted-forum"): to: bad`},
		{"testdata/canonical.json", "it-park-hosted-forum", "citations[0].source", `testdata/canonical.json:84:21: relations[0] ("it-park-hosted-forum"): citations[0].source: bad`},
		{"testdata/canonical.json", "startup", "country", `testdata/canonical.json:53:18: actors[3] ("startup"): country: bad`},
		{"testdata/canonical.json", "startup", "note", `testdata/canonical.json:44:5: actors[3] ("startup"): note: bad`},
		{"testdata/csv/relations.csv", "it-park-hosted-forum", "from", `testdata/csv/relations.csv:2:3: relations[0] ("it-park-hosted-forum"): from: bad`},
		{"testdata/csv/relations.csv", "it-park-hosted-forum", "citations[0].source", `testdata/csv/relations.csv:2:8: relations[0] ("it-park-hosted-forum"): citations[0].source: bad`},
		// The description before it takes two lines.
		{"testdata/csv/actors.csv", "startup", "country", `testdata/csv/actors.csv:6:7: actors[3] ("startup"): country: bad`},
		{"testdata/csv/actors.csv", "uzbekistan", "name", `testdata/csv/actors.csv:7:1: actors[4] ("uzbekistan"): name: bad`},
	}
	for _, tt := range tests {
		p, ok := at[tt.file+":"+tt.id]
		if !ok {
			t.Errorf("no record %s in %s", tt.id, tt.file)
			continue
		}
		if got := p.Error(tt.field, bad).Error(); got != tt.want {
			t.Errorf("Place.Error(%q):\n got %s\nwant %s", tt.field, got, tt.want)
		}
	}
	if got := (Place{Section: "actors", Index: 2, ID: "x"}).Error("country", bad).Error(); got != `actors[2] ("x"): country: bad` {
		t.Errorf("the Place of a record not from a file: %s", got)
	}
}

// ScanFiles shares one space of ids across files, and ScanFile tells the
// format by the name, or else by the first character.
func TestScanFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	sources := write("sources.txt", "\n\nid,title\nx,X\n")
	actors := write("actors", "  {\"format\": \"ecograph/v1\", \"actors\": [{\"id\": \"x\", \"kind\": \"STARTUP\", \"name\": \"X\"}]}")
	err := ScanFiles([]string{sources, actors}, func(Record) error { return nil })
	assertError(t, err, actors+`:1:47: actors[0] ("x"): id: "x" is already the id of sources[0] (`+sources+`, line 4)`)

	bad := write("bad.json", "id,title\n")
	err = ScanFile(bad, func(Record) error { return nil })
	assertError(t, err, bad+`:1:1: not valid JSON: invalid character 'i' looking for beginning of value`)
	if err := ScanFile(filepath.Join(dir, "missing.csv"), func(Record) error { return nil }); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

// An encoder refuses records out of the order a Dumper gives them in.
func TestEncodersRefuseDisorder(t *testing.T) {
	tests := []struct {
		name string
		feed func(v store.Visitor) error
		want string
	}{
		{"ids", func(v store.Visitor) error {
			_ = v.Actor(&store.Actor{ID: "b"})
			return v.Actor(&store.Actor{ID: "a"})
		}, `dataset: actor "a" after "b": write each kind in id order`},
		{"twice", func(v store.Visitor) error {
			_ = v.Relation(&store.Relation{ID: "r"})
			return v.Relation(&store.Relation{ID: "r"})
		}, `dataset: relation "r" written twice`},
		{"kinds", func(v store.Visitor) error {
			_ = v.Actor(&store.Actor{ID: "b"})
			return v.Source(&store.Source{ID: "s"})
		}, `dataset: source "s" after the actors: write sources, then actors, then relations`},
	}
	for _, tt := range tests {
		json, csv := NewEncoder(&bytes.Buffer{}), NewCSVEncoder(&bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{})
		for _, e := range []interface {
			Visitor() store.Visitor
			Close() error
		}{json, csv} {
			assertError(t, tt.feed(e.Visitor()), tt.want)
			assertError(t, e.Close(), tt.want)
		}
	}
	e := NewCSVEncoder(nil, &bytes.Buffer{}, nil)
	assertError(t, e.Visitor().Source(&store.Source{ID: "s"}), `dataset: source "s", and no file for the sources`)
}

// Encode is NewEncoder fed by Dump: an empty encoder writes the frame.
func TestEncoderEmpty(t *testing.T) {
	var b bytes.Buffer
	e := NewEncoder(&b)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := Encode(&want, store.Dataset{}); err != nil {
		t.Fatal(err)
	}
	if b.String() != want.String() {
		t.Errorf("got %q, want %q", b.String(), want.String())
	}
	var s, a, r bytes.Buffer
	c := NewCSVEncoder(&s, &a, &r)
	if err := (store.Dataset{}).Dump(context.Background(), c.Visitor()); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if got := s.String() + a.String() + r.String(); got != "id,title,published,lang,url\n"+
		"id,kind,name,names,aliases,description,country,citations,isoCode,founded,category,startDate,endDate,online\n"+
		"id,type,from,to,since,until,note,citations\n" {
		t.Errorf("empty CSV files: %q", got)
	}
}
