package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/export"
	"github.com/ecograph/ecograph/internal/seed"
	"github.com/ecograph/ecograph/internal/store"
)

// writer is GraphML or GEXF.
type writer func(context.Context, io.Writer, store.Dumper) error

var formats = []struct {
	name  string
	write writer
}{
	{"graphml", export.GraphML},
	{"gexf", export.GEXF},
}

// networks are the datasets every format is tried on: the seed, and text
// that breaks naive writers (quotes, <, &, ]]>, newlines, tabs, Uzbek in
// both scripts, Korean, an emoji, Cypher and JSON syntax).
func networks(t *testing.T) map[string]store.Dataset {
	t.Helper()
	s, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	return map[string]store.Dataset{"seed": s, "hostile": Hostile(t), "empty": {}}
}

// Hostile reads testdata/hostile.json.
func Hostile(t testing.TB) store.Dataset {
	t.Helper()
	f, err := os.Open("testdata/hostile.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := dataset.Read(f, "testdata/hostile.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestNetworkXReadsBack writes each network in each format, reads the file
// with NetworkX (read_graphml, read_gexf) and rebuilds every actor and
// relation from the nodes' and edges' attributes: they must be the
// dataset's, field for field.
func TestNetworkXReadsBack(t *testing.T) {
	py := pythonWithNetworkX(t)
	for name, d := range networks(t) {
		for _, f := range formats {
			t.Run(name+"/"+f.name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := f.write(t.Context(), &buf, d); err != nil {
					t.Fatal(err)
				}
				wellFormed(t, buf.Bytes())
				g := readWithNetworkX(t, py, f.name, buf.Bytes())
				checkGraph(t, f.name, g, d, buf.Bytes())
			})
		}
	}
}

// TestSeedFacts checks a few facts of the seed by hand, as a reader of the
// files would look them up in NetworkX.
func TestSeedFacts(t *testing.T) {
	py := pythonWithNetworkX(t)
	d := networks(t)["seed"]
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.write(t.Context(), &buf, d); err != nil {
				t.Fatal(err)
			}
			g := readWithNetworkX(t, py, f.name, buf.Bytes())
			sch := g.Nodes["soonchunhyang-university"]
			if names, _ := sch["names"].(string); !strings.Contains(names, `{"value":"순천향대학교","lang":"ko"}`) {
				t.Errorf("soonchunhyang-university names = %q, want the Korean name with lang ko", names)
			}
			if sch["kind"] != "UNIVERSITY" {
				t.Errorf("soonchunhyang-university kind = %v", sch["kind"])
			}
			e := g.edge(t, "sch-negotiates-with-it-park")
			if e.From != "soonchunhyang-university" || e.To != "it-park-uzbekistan" || e.Data["type"] != "NEGOTIATES_WITH" || e.Data["since"] != "2024-06" {
				t.Errorf("sch-negotiates-with-it-park = %+v, want NEGOTIATES_WITH since 2024-06 from SCH to IT Park", e)
			}
			cites, _ := e.Data["citations"].(string)
			if !strings.Contains(cites, `"source":"article-sch-itpark-2024-06-10","title":"Janubiy Koreya va O‘zbekiston`) {
				t.Errorf("sch-negotiates-with-it-park citations = %s, want the article's id and title", cites)
			}
			if f.name == "gexf" {
				if e.Data["start"] != "2024-06-01" || e.Data["end"] != nil {
					t.Errorf("sch-negotiates-with-it-park spans %v to %v, want from 2024-06-01 on", e.Data["start"], e.Data["end"])
				}
				if got := g.Nodes["global-business-service-forum-2024"]["start"]; got != "2024-07-24" {
					t.Errorf("the forum starts %v in GEXF, want 2024-07-24", got)
				}
			}
		})
	}
}

// TestSameBytes: the same network gives the same file, whatever order the
// dataset holds its records in.
func TestSameBytes(t *testing.T) {
	d := networks(t)["seed"]
	shuffled := d
	shuffled.Actors = append([]store.Actor(nil), d.Actors...)
	shuffled.Relations = append([]store.Relation(nil), d.Relations...)
	for i, j := 0, len(shuffled.Actors)-1; i < j; i, j = i+1, j-1 {
		shuffled.Actors[i], shuffled.Actors[j] = shuffled.Actors[j], shuffled.Actors[i]
	}
	for i, j := 0, len(shuffled.Relations)-1; i < j; i, j = i+1, j-1 {
		shuffled.Relations[i], shuffled.Relations[j] = shuffled.Relations[j], shuffled.Relations[i]
	}
	for _, f := range formats {
		var a, b bytes.Buffer
		if err := f.write(t.Context(), &a, d); err != nil {
			t.Fatal(err)
		}
		if err := f.write(t.Context(), &b, shuffled); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two exports of one network differ", f.name)
		}
	}
}

// TestRefusesWhatXMLCannotHold: a control character XML 1.0 cannot carry
// fails the export with ErrNotXML, naming the record and the field,
// rather than being dropped or replaced.
func TestRefusesWhatXMLCannotHold(t *testing.T) {
	for _, bad := range []string{"bell\x07", "nul\x00", "esc\x1b[0m", "\uFFFE"} {
		d := Hostile(t)
		d.Actors[1].Description = bad
		for _, f := range formats {
			err := f.write(t.Context(), io.Discard, d)
			if !errors.Is(err, export.ErrNotXML) || !strings.Contains(err.Error(), `actor "`+d.Actors[1].ID+`": description`) {
				t.Errorf("%s with description %q: error %v, want ErrNotXML naming the actor and field", f.name, bad, err)
			}
		}
	}
}

// TestStopsWithContext: a cancelled export ends with the context's error.
func TestStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, f := range formats {
		if err := f.write(ctx, io.Discard, networks(t)["seed"]); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v, want context.Canceled", f.name, err)
		}
	}
}

// wellFormed reads the document through encoding/xml to its end.
func wellFormed(t *testing.T, doc []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}

// nxGraph is what testdata/read.py prints.
type nxGraph struct {
	NetworkX string                    `json:"networkx"`
	Directed bool                      `json:"directed"`
	Graph    map[string]any            `json:"graph"`
	Nodes    map[string]map[string]any `json:"nodes"`
	Edges    []nxEdge                  `json:"edges"`
}

type nxEdge struct {
	From string         `json:"from"`
	To   string         `json:"to"`
	Key  any            `json:"key"`
	Data map[string]any `json:"data"`
}

func (g *nxGraph) edge(t *testing.T, id string) nxEdge {
	t.Helper()
	for _, e := range g.Edges {
		if e.Data["id"] == id || e.Key == id {
			return e
		}
	}
	t.Fatalf("NetworkX read no edge %q", id)
	return nxEdge{}
}

// checkGraph rebuilds the dataset from what NetworkX read and compares.
func checkGraph(t *testing.T, format string, g nxGraph, d store.Dataset, doc []byte) {
	t.Helper()
	if !g.Directed {
		t.Error("NetworkX read an undirected graph")
	}
	if len(g.Nodes) != len(d.Actors) || len(g.Edges) != len(d.Relations) {
		t.Fatalf("NetworkX read %d nodes and %d edges, want %d and %d", len(g.Nodes), len(g.Edges), len(d.Actors), len(d.Relations))
	}
	titles := map[string]string{}
	for _, s := range d.Sources {
		titles[s.ID] = s.Title
	}
	var sources []store.Source
	if format == "graphml" {
		sources = decodeSources(t, g.Graph["sources"])
	} else {
		sources = gexfSources(t, doc)
	}
	if !reflect.DeepEqual(sources, d.Sources) && (len(sources) > 0 || len(d.Sources) > 0) {
		t.Errorf("sources read back as %+v, want %+v", sources, d.Sources)
	}
	for _, want := range d.Actors {
		attrs, ok := g.Nodes[want.ID]
		if !ok {
			t.Errorf("no node %q", want.ID)
			continue
		}
		got := actorOf(t, want.ID, attrs, titles)
		if !reflect.DeepEqual(normalize(got), normalize(want)) {
			t.Errorf("node %q read back as\n%+v\nwant\n%+v", want.ID, got, want)
		}
		if format == "gexf" {
			if attrs["label"] != want.Name {
				t.Errorf("node %q label %q, want its name %q", want.ID, attrs["label"], want.Name)
			}
			wantStart := any(nil)
			if b := store.Begins(&want); b != store.Always {
				wantStart = gexfDay(b)
			}
			if attrs["start"] != wantStart {
				t.Errorf("node %q starts %v, want %v", want.ID, attrs["start"], wantStart)
			}
		}
	}
	for _, want := range d.Relations {
		e := g.edge(t, want.ID)
		got := relationOf(t, want.ID, e, titles)
		if !reflect.DeepEqual(got, normalizeRelation(want)) {
			t.Errorf("edge %q read back as\n%+v\nwant\n%+v", want.ID, got, want)
		}
		if format == "gexf" {
			checkSpan(t, want, e.Data)
		}
	}
}

func checkSpan(t *testing.T, r store.Relation, data map[string]any) {
	t.Helper()
	var start, end any
	if !r.Since.IsZero() {
		start = gexfDay(r.Since.FirstDay())
	}
	if !r.Until.IsZero() {
		end = gexfDay(r.Until.LastDay())
	}
	if data["start"] != start || data["end"] != end {
		t.Errorf("edge %q spans %v to %v, want %v to %v", r.ID, data["start"], data["end"], start, end)
	}
}

func gexfDay(d store.Day) string {
	return store.Date{Year: 1970, Month: 1, Day: 1}.First().AddDate(0, 0, int(d)).Format("2006-01-02")
}

func str(attrs map[string]any, k string) string {
	s, _ := attrs[k].(string)
	return s
}

func date(t *testing.T, attrs map[string]any, k string) store.Date {
	t.Helper()
	var d store.Date
	if err := d.UnmarshalText([]byte(str(attrs, k))); err != nil {
		t.Errorf("%s: %v", k, err)
	}
	return d
}

func jsonList[T any](t *testing.T, attrs map[string]any, k string) []T {
	t.Helper()
	s := str(attrs, k)
	if s == "" {
		return nil
	}
	var list []T
	if err := json.Unmarshal([]byte(s), &list); err != nil {
		t.Errorf("%s is not a JSON list: %v: %s", k, err, s)
	}
	return list
}

type citation struct {
	Source  string `json:"source"`
	Title   string `json:"title"`
	Excerpt string `json:"excerpt"`
}

func citationsOf(t *testing.T, attrs map[string]any, titles map[string]string) []store.Citation {
	t.Helper()
	var cs []store.Citation
	for _, c := range jsonList[citation](t, attrs, "citations") {
		if c.Title != titles[c.Source] {
			t.Errorf("a citation of %s has title %q, want %q", c.Source, c.Title, titles[c.Source])
		}
		cs = append(cs, store.Citation{SourceID: c.Source, Excerpt: c.Excerpt})
	}
	return cs
}

func actorOf(t *testing.T, id string, attrs map[string]any, titles map[string]string) store.Actor {
	t.Helper()
	a := store.Actor{
		ID: id, Kind: store.Kind(str(attrs, "kind")), Name: str(attrs, "name"),
		Aliases:     jsonList[string](t, attrs, "aliases"),
		Description: str(attrs, "description"), CountryID: str(attrs, "country"),
		Citations: citationsOf(t, attrs, titles),
		IsoCode:   str(attrs, "isoCode"), Founded: date(t, attrs, "founded"), Category: str(attrs, "category"),
		StartDate: date(t, attrs, "startDate"), EndDate: date(t, attrs, "endDate"),
	}
	for _, n := range jsonList[struct{ Value, Lang string }](t, attrs, "names") {
		a.Names = append(a.Names, store.LocalizedName{Value: n.Value, Lang: n.Lang})
	}
	if v, ok := attrs["online"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			t.Errorf("node %q online = %#v, want a boolean", id, v)
		}
		a.Online = &b
	}
	return a
}

func relationOf(t *testing.T, id string, e nxEdge, titles map[string]string) store.Relation {
	t.Helper()
	return normalizeRelation(store.Relation{
		ID: id, Type: store.RelationType(str(e.Data, "type")), From: e.From, To: e.To,
		Since: date(t, e.Data, "since"), Until: date(t, e.Data, "until"), Note: str(e.Data, "note"),
		Citations: citationsOf(t, e.Data, titles),
	})
}

func normalize(a store.Actor) store.Actor {
	if len(a.Names) == 0 {
		a.Names = nil
	}
	if len(a.Aliases) == 0 {
		a.Aliases = nil
	}
	if len(a.Citations) == 0 {
		a.Citations = nil
	}
	return a
}

func normalizeRelation(r store.Relation) store.Relation {
	if len(r.Citations) == 0 {
		r.Citations = nil
	}
	return r
}

type source struct {
	ID, Title, Published, Lang, URL string
}

func sourcesOf(t *testing.T, text string) []store.Source {
	t.Helper()
	var list []source
	if err := json.Unmarshal([]byte(text), &list); err != nil {
		t.Fatalf("sources are not a JSON list: %v: %s", err, text)
	}
	var out []store.Source
	for _, s := range list {
		var p store.Date
		if err := p.UnmarshalText([]byte(s.Published)); err != nil {
			t.Error(err)
		}
		out = append(out, store.Source{ID: s.ID, Title: s.Title, Published: p, Lang: s.Lang, URL: s.URL})
	}
	return out
}

func decodeSources(t *testing.T, v any) []store.Source {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("the graph's sources are %#v, want JSON text", v)
	}
	return sourcesOf(t, s)
}

// gexfSources reads the meta description, which NetworkX does not keep.
func gexfSources(t *testing.T, doc []byte) []store.Source {
	t.Helper()
	var g struct {
		Description string `xml:"meta>description"`
	}
	if err := xml.Unmarshal(doc, &g); err != nil {
		t.Fatal(err)
	}
	return sourcesOf(t, g.Description)
}

// pythonWithNetworkX finds the interpreter scripts/python provides:
// $ECOGRAPH_PYTHON (scripts/test sets it), else the repository's .venv.
// Without one the test skips, but in CI (CI=true) it fails: CI must run it.
func pythonWithNetworkX(t *testing.T) string {
	t.Helper()
	py := os.Getenv("ECOGRAPH_PYTHON")
	if py == "" {
		py = filepath.Join("..", "..", ".venv", "bin", "python")
	}
	out, err := exec.Command(py, "-c", "import networkx; print(networkx.__version__)").CombinedOutput()
	if err != nil {
		msg := fmt.Sprintf("no Python with NetworkX at %s (%v %s): run scripts/python, or scripts/test, which does", py, err, strings.TrimSpace(string(out)))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return py
}

func readWithNetworkX(t *testing.T, py, format string, doc []byte) nxGraph {
	t.Helper()
	path := filepath.Join(t.TempDir(), "network."+format)
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, filepath.Join("testdata", "read.py"), format, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("NetworkX could not read the %s file: %v\n%s", format, err, stderr.String())
	}
	var g nxGraph
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("read.py printed no JSON: %v\n%s", err, out)
	}
	return g
}
