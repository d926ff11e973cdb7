package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/ecograph/ecograph/internal/store"
)

// The fixtures in testdata, each with the one error a person should see.
func TestDecodeFixtures(t *testing.T) {
	tests := []struct {
		file string
		read bool // through Read, which also checks references
		want string
	}{
		{"bad-date.json", false,
			`bad-date.json:7:18: actors[0] ("sch-startup-1"): founded: "24 July" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`},
		{"missing-actor.json", true,
			`missing-actor.json:15:13: relations[0] ("sch-founded-sch-startup-6"): to: no actor has the id "sch-startup-6"`},
		{"duplicate-id.json", false,
			`duplicate-id.json:10:13: actors[1] ("it-park-uzbekistan"): id: "it-park-uzbekistan" is already the id of actors[0] (line 5)`},
		{"not-json.json", false,
			`not-json.json:1:1: not valid JSON: invalid character 'i' looking for beginning of value`},
		{"unknown-field.json", false,
			`unknown-field.json:9:7: actors[0] ("south-korea"): capital: unknown field: an actor has id, kind, name, names, aliases, description, country, citations, isoCode, founded, category, startDate, endDate, online`},
		{"wrong-format.json", false,
			`wrong-format.json:2:13: format: "ecograph/v2" is not a format this program reads: want "ecograph/v1"`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := fixture(t, tt.file)
			var err error
			if tt.read {
				_, err = Read(f, tt.file, nil)
			} else {
				_, err = Decode(f, tt.file)
			}
			assertError(t, err, tt.want)
		})
	}
}

// A reference to an actor outside the file is Check's business, not Decode's.
func TestDecodeLeavesReferencesToCheck(t *testing.T) {
	d, err := Decode(fixture(t, "missing-actor.json"), "missing-actor.json")
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	known := func(id string) bool { return id == "sch-startup-6" }
	if err := Check(d, known); err != nil {
		t.Errorf("Check with the startup known: %v", err)
	}
	assertError(t, Check(d, nil), `relations[0] ("sch-founded-sch-startup-6"): to: no actor has the id "sch-startup-6"`)
}

func TestDecodeErrors(t *testing.T) {
	const head = "{\n  \"format\": \"ecograph/v1\",\n"
	tests := []struct {
		name string
		text string
		want string
	}{
		{"empty file", "", `x.json:1:1: empty file: want a JSON object that starts {"format": "ecograph/v1"`},
		{"blank file", "\n\n", `x.json:3:1: empty file: want a JSON object that starts {"format": "ecograph/v1"`},
		{"not an object", "[]", `x.json:1:1: want a JSON object that starts {"format": "ecograph/v1", got a list`},
		{"no format", "{}", `x.json:1:2: missing "format": "ecograph/v1"`},
		{"format not first", `{"actors": [], "format": "ecograph/v1"}`,
			`x.json:1:2: the file must start with "format": "ecograph/v1", not "actors"`},
		{"format not a string", `{"format": 1}`,
			`x.json:1:12: format: 1 is not a format this program reads: want "ecograph/v1"`},
		{"unknown section", head + `  "people": []}`,
			`x.json:3:3: people: unknown field: a dataset has format, sources, actors and relations`},
		{"section twice", head + `  "actors": [], "actors": []}`,
			`x.json:3:17: actors: appears twice`},
		{"section not a list", head + `  "actors": {}}`,
			`x.json:3:13: actors: want a list of records, got an object`},
		{"record not an object", head + `  "actors": ["x"]}`,
			`x.json:3:14: actors[0]: want an actor (an object), got "x"`},
		{"cut short", head + `  "actors": [{"id": "a", "kind"`,
			`x.json:3:32: unexpected end of file: the JSON is cut short`},
		{"missing comma in a record", head + "  \"actors\": [\n    {\"id\": \"a\"\n     \"kind\": \"STARTUP\"}]}",
			`x.json:5:6: not valid JSON: invalid character '"' after object key:value pair`},
		{"missing comma between records", head + "  \"actors\": [\n    {\"id\": \"a\", \"kind\": \"STARTUP\", \"name\": \"A\"}\n    {\"id\": \"b\"}]}",
			`x.json:5:5: not valid JSON: invalid character '{' after array element`},
		{"missing comma between sections", head + "  \"sources\": []\n  \"actors\": []}",
			`x.json:4:3: not valid JSON: invalid character '"' after object key:value pair`},
		{"data after the end", head + "  \"actors\": []\n}\n{}\n",
			`x.json:5:1: unexpected data after the end of the dataset`},
		{"garbage after the end", head + "  \"actors\": []\n} x",
			`x.json:4:3: unexpected data after the end of the dataset`},
		{"unknown kind", head + `  "actors": [{"id": "a", "kind": "PERSON", "name": "A"}]}`,
			`x.json:3:34: actors[0] ("a"): kind: "PERSON" is not an actor kind: use COUNTRY, UNIVERSITY, STARTUP, ORGANIZATION, GOVERNMENT_BODY, EVENT, PROGRAM`},
		{"unknown relation type", head + `  "relations": [{"id": "r", "type": "OWNS", "from": "a", "to": "b"}]}`,
			`x.json:3:37: relations[0] ("r"): type: "OWNS" is not a relation type: use LOCATED_IN, FOUNDED, PARTICIPATED_IN, HOSTED, ORGANIZED, INVITED_TO, OFFERS, INTERESTED_IN, NEGOTIATES_WITH, PARTNERS_WITH`},
		{"date as a number", head + `  "actors": [{"id": "a", "kind": "STARTUP", "name": "A", "founded": 2024}]}`,
			`x.json:3:69: actors[0] ("a"): founded: want a string, got 2024`},
		{"null", head + `  "actors": [{"id": "a", "kind": "STARTUP", "name": null}]}`,
			`x.json:3:53: actors[0] ("a"): name: want a string, got null: leave the field out instead`},
		{"online as a string", head + `  "actors": [{"id": "e", "kind": "EVENT", "name": "E", "online": "yes"}]}`,
			`x.json:3:66: actors[0] ("e"): online: want true or false, got "yes"`},
		{"missing name", head + "  \"actors\": [\n    {\"id\": \"a\", \"kind\": \"STARTUP\"}]}",
			`x.json:4:5: actors[0] ("a"): name: missing: an actor needs one`},
		{"missing citation source", head + `  "actors": [{"id": "a", "kind": "STARTUP", "name": "A", "citations": [{"excerpt": "x"}]}]}`,
			`x.json:3:72: actors[0] ("a"): citations[0].source: missing: a citation needs one`},
		{"field twice", head + `  "actors": [{"id": "a", "kind": "STARTUP", "name": "A", "name": "B"}]}`,
			`x.json:3:58: actors[0] ("a"): name: appears twice`},
		{"unknown field before the id", head + `  "actors": [{"capital": "Seoul", "id": "kr"}]}`,
			`x.json:3:15: actors[0] ("kr"): capital: unknown field: an actor has id, kind, name, names, aliases, description, country, citations, isoCode, founded, category, startDate, endDate, online`},
		{"unknown field in a name", head + `  "actors": [{"id": "a", "kind": "STARTUP", "name": "A", "names": [{"value": "A", "language": "en"}]}]}`,
			`x.json:3:83: actors[0] ("a"): names[0].language: unknown field: a name has value, lang`},
		{"bad language tag", head + `  "actors": [{"id": "a", "kind": "STARTUP", "name": "A", "names": [{"value": "A", "lang": "en"}, {"value": "B", "lang": "english!"}]}]}`,
			`x.json:3:121: actors[0] ("a"): names[1].lang: "english!" is not a BCP 47 language tag such as en, uz-Latn or ko`},
		{"empty alias", head + `  "actors": [{"id": "a", "kind": "STARTUP", "name": "A", "aliases": ["A1", " "]}]}`,
			`x.json:3:76: actors[0] ("a"): aliases[1]: must not be empty`},
		{"bad id", head + `  "actors": [{"id": "Not An Id", "kind": "STARTUP", "name": "A"}]}`,
			`x.json:3:21: actors[0] ("Not An Id"): id: "Not An Id" is not a valid id: use lower-case letters, digits, '.', '_' and '-' (at most 100)`},
		{"country without iso code", head + `  "actors": [{"id": "kr", "kind": "COUNTRY", "name": "Korea"}]}`,
			`x.json:3:14: actors[0] ("kr"): isoCode: a COUNTRY needs an ISO 3166-1 alpha-2 code such as KR, got ""`},
		{"field of another kind", head + `  "actors": [{"id": "u", "kind": "UNIVERSITY", "name": "U", "founded": "1978"}]}`,
			`x.json:3:72: actors[0] ("u"): founded: only a STARTUP has founded, not a UNIVERSITY`},
		{"end before start", head + `  "actors": [{"id": "e", "kind": "EVENT", "name": "E", "startDate": "2024-07-24", "endDate": "2024-07"}]}`,
			`x.json:3:94: actors[0] ("e"): endDate: 2024-07 is before startDate 2024-07-24`},
		{"relation to itself", head + `  "relations": [{"id": "r", "type": "PARTNERS_WITH", "from": "a", "to": "a"}]}`,
			`x.json:3:73: relations[0] ("r"): to: a relation cannot join "a" to itself`},
		{"until before since", head + `  "relations": [{"id": "r", "type": "FOUNDED", "from": "a", "to": "b", "since": "2024", "until": "2023"}]}`,
			`x.json:3:98: relations[0] ("r"): until: 2023 is before since 2024`},
		{"bad citation source id", head + `  "relations": [{"id": "r", "type": "HOSTED", "from": "a", "to": "b", "citations": [{"source": "s"}, {"source": "S 2"}]}]}`,
			`x.json:3:113: relations[0] ("r"): citations[1].source: "S 2" is not a valid id: use lower-case letters, digits, '.', '_' and '-' (at most 100)`},
		{"month zero", head + `  "relations": [{"id": "r", "type": "HOSTED", "from": "a", "to": "b", "until": "2024-00-15"}]}`,
			`x.json:3:80: relations[0] ("r"): until: "2024-00-15" is not a date: month 0 is out of range`},
		{"bad source", head + `  "sources": [{"id": "s", "title": "T", "published": "10.06.2024"}]}`,
			`x.json:3:54: sources[0] ("s"): published: "10.06.2024" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`},
		{"source without title", head + `  "sources": [{"id": "s", "title": ""}]}`,
			`x.json:3:36: sources[0] ("s"): title: must not be empty`},
		{"id shared by an actor and a source", head + "  \"sources\": [{\"id\": \"x\", \"title\": \"T\"}],\n  \"actors\": [{\"id\": \"x\", \"kind\": \"STARTUP\", \"name\": \"X\"}]}",
			`x.json:4:21: actors[0] ("x"): id: "x" is already the id of sources[0] (line 3)`},
		{"columns count characters", `{"format": "ecograph/v1", "actors": [{"id": "uz", "kind": "COUNTRY", "name": "Oʻzbekiston", "isoCode": "uz"}]}`,
			`x.json:1:104: actors[0] ("uz"): isoCode: a COUNTRY needs an ISO 3166-1 alpha-2 code such as KR, got "uz"`},
		{"not UTF-8", head + "  \"actors\": [{\"id\": \"a\", \"kind\": \"STARTUP\", \"name\": \"Caf\xe9 Labs\"}]}",
			`x.json:3:57: actors[0] ("a"): name: is not valid UTF-8: byte 0xE9 cannot stand there; save the file as UTF-8`},
		{"not UTF-8 after an escape", head + "  \"actors\": [{\"id\": \"a\", \"kind\": \"STARTUP\", \"name\": \"A\\n\xc3(\"}]}",
			`x.json:3:57: actors[0] ("a"): name: is not valid UTF-8: byte 0xC3 cannot stand there; save the file as UTF-8`},
		{"not UTF-8 in a name's value", head + "  \"actors\": [{\"id\": \"a\", \"kind\": \"STARTUP\", \"name\": \"A\", \"names\": [{\"value\": \"\xed\xa0\x80\", \"lang\": \"ko\"}]}]}",
			`x.json:3:79: actors[0] ("a"): names[0].value: is not valid UTF-8: byte 0xED cannot stand there; save the file as UTF-8`},
		{"half a surrogate pair", head + `  "actors": [{"id": "a", "kind": "STARTUP", "name": "A \ud83d B"}]}`,
			`x.json:3:56: actors[0] ("a"): name: \ud83d is half of a UTF-16 surrogate pair, not a character: write the character itself, or both halves`},
		{"low half alone", head + `  "actors": [{"id": "a", "kind": "STARTUP", "name": "A", "founded": "2024", "description": "x\udc00"}]}`,
			`x.json:3:94: actors[0] ("a"): description: \udc00 is half of a UTF-16 surrogate pair, not a character: write the character itself, or both halves`},
		{"CRLF line ends", "{\r\n  \"format\": \"ecograph/v2\"\r\n}\r\n",
			`x.json:2:13: format: "ecograph/v2" is not a format this program reads: want "ecograph/v1"`},
		{"every bad record", head + "  \"actors\": [\n" +
			"    {\"id\": \"a\", \"kind\": \"STARTUP\", \"name\": \"A\", \"founded\": \"soon\"},\n" +
			"    {\"id\": \"b\", \"kind\": \"STARTUP\", \"name\": \"B\"},\n" +
			"    {\"id\": \"c\", \"kind\": \"BAND\", \"name\": \"C\"}\n  ]\n}",
			"x.json:4:60: actors[0] (\"a\"): founded: \"soon\" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD\n" +
				"x.json:6:25: actors[2] (\"c\"): kind: \"BAND\" is not an actor kind: use COUNTRY, UNIVERSITY, STARTUP, ORGANIZATION, GOVERNMENT_BODY, EVENT, PROGRAM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tt.text), "x.json")
			assertError(t, err, tt.want)
		})
	}
}

// Read places what Check finds in the file.
func TestReadErrors(t *testing.T) {
	const head = "{\n  \"format\": \"ecograph/v1\",\n"
	actors := `  "actors": [
    {"id": "kr", "kind": "COUNTRY", "name": "South Korea", "isoCode": "KR"},
    {"id": "u", "kind": "UNIVERSITY", "name": "U", "country": "kr"}
  ],
`
	tests := []struct {
		name string
		text string
		want string
	}{
		{"relation to an actor of the wrong kind", head + actors + `  "relations": [{"id": "r", "type": "LOCATED_IN", "from": "kr", "to": "u"}]}`,
			`x.json:7:71: relations[0] ("r"): to: LOCATED_IN points to a COUNTRY, and "u" is a UNIVERSITY`},
		{"country that is not a country", head + actors[:len(actors)-6] + ",\n" +
			`    {"id": "s", "kind": "STARTUP", "name": "S", "country": "u"}` + "\n  ]\n}",
			`x.json:6:60: actors[2] ("s"): country: "u" is of kind UNIVERSITY, not COUNTRY`},
		{"country that is nothing", head + `  "actors": [{"id": "u", "kind": "UNIVERSITY", "name": "U", "country": "kp"}]}`,
			`x.json:3:72: actors[0] ("u"): country: no actor has the id "kp"`},
		{"citation of a missing source", head + `  "actors": [{"id": "u", "kind": "UNIVERSITY", "name": "U", "citations": [{"source": "article"}]}]}`,
			`x.json:3:86: actors[0] ("u"): citations[0].source: no source has the id "article"`},
		{"citation of an actor", head + actors + `  "relations": [{"id": "r", "type": "LOCATED_IN", "from": "u", "to": "kr", "citations": [{"source": "kr"}]}]}`,
			`x.json:7:101: relations[0] ("r"): citations[0].source: "kr" is an actor, not a source`},
		{"relation from a source", head + "  \"sources\": [{\"id\": \"s\", \"title\": \"T\"}],\n" + actors +
			`  "relations": [{"id": "r", "type": "INTERESTED_IN", "from": "s", "to": "kr"}]}`,
			`x.json:8:62: relations[0] ("r"): from: "s" is a source, not an actor`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.text), "x.json", nil)
			assertError(t, err, tt.want)
		})
	}
}

func TestErrorDetails(t *testing.T) {
	_, err := Decode(fixture(t, "bad-date.json"), "bad-date.json")
	if !errors.Is(err, store.ErrInvalid) {
		t.Errorf("errors.Is(%v, store.ErrInvalid) = false", err)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("errors.As(%T, *Error) = false", err)
	}
	want := Error{File: "bad-date.json", Line: 7, Column: 18, Record: `actors[0] ("sch-startup-1")`, Field: "founded"}
	if e.File != want.File || e.Line != want.Line || e.Column != want.Column || e.Record != want.Record || e.Field != want.Field {
		t.Errorf("got %+v, want %+v", *e, want)
	}
}

func TestDecodeStopsAfterTenErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format": "ecograph/v1", "actors": [`)
	for i := range 15 {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"id": "a", "kind": "STARTUP", "name": "A", "founded": "x"}`)
	}
	b.WriteString("]}")
	_, err := Decode(strings.NewReader(b.String()), "x.json")
	var l ErrorList
	if !errors.As(err, &l) {
		t.Fatalf("got %T, want an ErrorList", err)
	}
	if len(l) != maxErrors+1 || l[maxErrors].Error() != "x.json: too many errors" {
		t.Errorf("got %d errors ending %q, want %d and then too many errors", len(l), l[len(l)-1], maxErrors)
	}
}

func TestDecodeReadFailure(t *testing.T) {
	cause := errors.New("disk on fire")
	_, err := Decode(iotest.ErrReader(cause), "x.json")
	if !errors.Is(err, cause) || errors.Is(err, store.ErrInvalid) {
		t.Errorf("got %v, want the read failure and not ErrInvalid", err)
	}
}

func fixture(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func assertError(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want\n%s", want)
	}
	if got := err.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Text is kept as written: escapes of whole characters, surrogate pairs
// included, decode to those characters, and nothing is replaced.
func TestDecodeKeepsEscapedCharacters(t *testing.T) {
	text := `{"format": "ecograph/v1", "actors": [{"id": "a", "kind": "STARTUP", "name": "A \ud83d\ude80 \u00e9\n", "description": "\ufffd stays"}]}`
	d, err := Decode(strings.NewReader(text), "x.json")
	if err != nil {
		t.Fatal(err)
	}
	if a := d.Actors[0]; a.Name != "A 🚀 é\n" || a.Description != "\ufffd stays" {
		t.Errorf("decoded name %q, description %q", a.Name, a.Description)
	}
}
