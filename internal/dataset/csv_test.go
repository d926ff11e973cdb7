package dataset

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/store"
)

// encodeCSV writes d as canonical CSV: sources, actors, relations.
func encodeCSV(t testing.TB, d store.Dataset) (files [3]bytes.Buffer) {
	t.Helper()
	e := NewCSVEncoder(&files[0], &files[1], &files[2])
	if err := d.Dump(context.Background(), e.Visitor()); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	return files
}

// scanAll reads files with scan into a dataset.
func scanAll(scan func(r *bytes.Reader, name string, visit func(Record) error) error, files ...[]byte) (store.Dataset, error) {
	c := collect{at: places{}}
	for i, f := range files {
		if err := scan(bytes.NewReader(f), sections[i%3]+".csv", c.visit); err != nil {
			return store.Dataset{}, err
		}
	}
	return c.d, nil
}

func scanCSV(r *bytes.Reader, name string, visit func(Record) error) error {
	return ScanCSV(r, name, visit)
}

var csvNames = [3]string{"sources.csv", "actors.csv", "relations.csv"}

// The canonical CSV of example() is in testdata/csv, and reading it gives
// example() back.
func TestCSVIsCanonical(t *testing.T) {
	files := encodeCSV(t, example())
	for i, name := range csvNames {
		path := filepath.Join("testdata", "csv", name)
		if *update {
			if err := os.WriteFile(path, files[i].Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if files[i].String() != string(want) {
			t.Errorf("the CSV encoder wrote\n%s\nwant %s (go test -update rewrites it):\n%s", files[i].String(), path, want)
		}
	}
	d, err := scanAll(scanCSV, files[0].Bytes(), files[1].Bytes(), files[2].Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := example()
	sortedByIDInPlace(&want)
	if !reflect.DeepEqual(d, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", d, want)
	}
}

func TestScanCSVErrors(t *testing.T) {
	const actors = "id,kind,name,founded,names,aliases,online\n"
	tests := []struct {
		name string
		text string
		want string
	}{
		{"bad date", actors + "a,STARTUP,A,,,,\nb,STARTUP,B,,,,\nx,STARTUP,X,24 July,,,\n",
			`x.csv:4:4: actors[2] ("x"): founded: "24 July" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`},
		{"unknown column", "id,kind,name,capital\n",
			`x.csv:1:4: capital: unknown column: an actors file needs id, kind, name and may have names, aliases, description, country, citations, isoCode, founded, category, startDate, endDate, online`},
		{"missing column", "id,type,from,note\n",
			`x.csv:1:1: to: missing column: a relations file needs id, type, from, to and may have since, until, note, citations`},
		{"column twice", "id,title,title\n", `x.csv:1:3: title: appears twice`},
		{"column without a name", "id,title,\n",
			`x.csv:1:3: a column without a name: a sources file needs id, title and may have published, lang, url`},
		{"no header", "a,STARTUP,A\n",
			`x.csv:1:1: "a,STARTUP,A" is not a header row: the first row names the columns; an actors file has a column kind, a relations file type, a sources file title`},
		{"bad kind", actors + "a,PERSON,A,,,,\n",
			`x.csv:2:2: actors[0] ("a"): kind: "PERSON" is not an actor kind: use COUNTRY, UNIVERSITY, STARTUP, ORGANIZATION, GOVERNMENT_BODY, EVENT, PROGRAM`},
		{"bad relation type", "type,id,from,to\nOWNS,r,a,b\n",
			`x.csv:2:1: relations[0] ("r"): type: "OWNS" is not a relation type: use LOCATED_IN, FOUNDED, PARTICIPATED_IN, HOSTED, ORGANIZED, INVITED_TO, OFFERS, INTERESTED_IN, NEGOTIATES_WITH, PARTNERS_WITH`},
		{"bad online", actors + "e,EVENT,E,,,,yes\n", `x.csv:2:7: actors[0] ("e"): online: want true or false, got "yes"`},
		{"empty required cell", "id,type,from,to\nr,FOUNDED,,b\n", `x.csv:2:3: relations[0] ("r"): from: missing: a relation needs one`},
		{"duplicate id", actors + "a,STARTUP,A,,,,\n\"a\",STARTUP,B,,,,\n",
			`x.csv:3:1: actors[1] ("a"): id: "a" is already the id of actors[0] (line 2)`},
		{"bad escape", actors + `a,STARTUP,A,,,SCH|C:\new,` + "\n",
			`x.csv:2:6: actors[0] ("a"): aliases[1]: \n is not an escape: in a list, write \\ for \, \| for |, \: for : and "\ " for a space at either end of an item`},
		{"lone backslash", actors + `a,STARTUP,A,,,SCH\,` + "\n",
			`x.csv:2:6: actors[0] ("a"): aliases[0]: a lone \ ends the cell: in a list, write \\ for \, \| for |, \: for : and "\ " for a space at either end of an item`},
		{"name without a language", actors + "a,STARTUP,A,,ko:서울|Seoul,,\n",
			`x.csv:2:5: actors[0] ("a"): names[1]: "Seoul" has no language: write a name as lang:name, such as ko:서울`},
		{"bad language", actors + "a,STARTUP,A,,en:A|english!:B,,\n",
			`x.csv:2:5: actors[0] ("a"): names[1].lang: "english!" is not a BCP 47 language tag such as en, uz-Latn or ko`},
		{"empty alias", actors + "a,STARTUP,A,,,A1||A2,\n", `x.csv:2:6: actors[0] ("a"): aliases[1]: must not be empty`},
		{"bad citation source", "id,type,from,to,citations\nr,HOSTED,a,b,s: one|S 2: two\n",
			`x.csv:2:5: relations[0] ("r"): citations[1].source: "S 2" is not a valid id: use lower-case letters, digits, '.', '_' and '-' (at most 100)`},
		{"not UTF-8", actors + "a,STARTUP,A,,,SCH|Soon\xe9,\n",
			`x.csv:2:6: actors[0] ("a"): aliases: is not valid UTF-8: byte 0xE9 cannot stand there; save the file as UTF-8`},
		{"not UTF-8 in an id", actors + "\"a\xff\",STARTUP,A,,,,\n",
			"x.csv:2:1: actors[0] (\"a\\xff\"): id: is not valid UTF-8: byte 0xFF cannot stand there; save the file as UTF-8"},
		{"row too short", actors + "a,STARTUP,A\n", `x.csv:2:4: actors[0] ("a"): the row has 3 cells and the header 7`},
		{"row too long", "id,title\ns,T,x\n", `x.csv:2:3: sources[0] ("s"): the row has 3 cells and the header 2`},
		{"a cell over two lines", "id,title,published\ns,\"Two\nlines\",soon\n",
			`x.csv:3:3: sources[0] ("s"): published: "soon" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`},
		{"not CSV", "id,title\ns,a \"quoted\" title\n", `x.csv:2:5: not valid CSV: bare " in non-quoted-field`},
		{"JSON", "\n  {\"format\": \"ecograph/v1\"}\n",
			`x.csv:2:3: not CSV: the file starts with "{", as JSON does; a CSV file starts with a header row, such as id,kind,name`},
		{"empty file", "", `x.csv:1:1: empty file: want a header row that names the columns, such as id,kind,name`},
		{"byte order mark", "\ufeffid,title,published\ns,T,soon\n",
			`x.csv:2:3: sources[0] ("s"): published: "soon" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`},
		{"every bad row", actors + "a,STARTUP,A,soon,,,\nb,STARTUP,B,,,,\nc,BAND,C,,,,\n",
			"x.csv:2:4: actors[0] (\"a\"): founded: \"soon\" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD\n" +
				"x.csv:4:2: actors[2] (\"c\"): kind: \"BAND\" is not an actor kind: use COUNTRY, UNIVERSITY, STARTUP, ORGANIZATION, GOVERNMENT_BODY, EVENT, PROGRAM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ScanCSV(strings.NewReader(tt.text), "x.csv", func(Record) error { return nil })
			assertError(t, err, tt.want)
			if !errors.Is(err, store.ErrInvalid) {
				t.Errorf("errors.Is(err, store.ErrInvalid) = false")
			}
		})
	}
}
