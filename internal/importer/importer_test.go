package importer_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/importer"
	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/store/embedded"
	"github.com/ecograph/ecograph/internal/store/storetest"
)

func open(t *testing.T) *embedded.Store {
	t.Helper()
	s, err := embedded.Open(filepath.Join(t.TempDir(), "ecograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// write puts files in a temp dir and returns their paths.
func write(t *testing.T, files ...string) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i := 0; i < len(files); i += 2 {
		p := filepath.Join(dir, files[i])
		if err := os.WriteFile(p, []byte(files[i+1]), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

const countries = `{"format": "ecograph/v1",
 "sources": [{"id": "src", "title": "A source"}],
 "actors": [
  {"id": "kr", "kind": "COUNTRY", "name": "South Korea", "isoCode": "KR"},
  {"id": "uz", "kind": "COUNTRY", "name": "Uzbekistan", "isoCode": "UZ"}
 ]}`

// The relations come in the first file, the actors they join in the
// second, and an actor refers to a country later in its own file.
const relationsFirst = `{"format": "ecograph/v1",
 "relations": [
  {"id": "a-founded-b", "type": "FOUNDED", "from": "a-uni", "to": "b-startup", "citations": [{"source": "src"}]},
  {"id": "b-in-uz", "type": "LOCATED_IN", "from": "b-startup", "to": "uz"},
  {"id": "a-in-kr", "type": "LOCATED_IN", "from": "a-uni", "to": "kr"}
 ]}`

const actorsLater = `{"format": "ecograph/v1",
 "actors": [
  {"id": "a-uni", "kind": "UNIVERSITY", "name": "A University", "country": "kr"},
  {"id": "b-startup", "kind": "STARTUP", "name": "B", "country": "uz", "citations": [{"source": "src"}]}
 ]}`

// TestImportForwardReferences: relations may name actors of later files;
// the import writes them all, in batches of any size.
func TestImportForwardReferences(t *testing.T) {
	for _, batch := range []int{1, 2, 1000} {
		t.Run(fmt.Sprint("batch ", batch), func(t *testing.T) {
			s := open(t)
			paths := write(t, "rel.json", relationsFirst, "actors.json", actorsLater, "countries.json", countries)
			r, err := importer.Import(t.Context(), s, importer.Paths(paths...), importer.Options{Batch: batch})
			if err != nil {
				t.Fatal(err)
			}
			want := importer.Report{Files: 3, Sources: 1, Actors: 4, Relations: 3, Written: 8}
			if *r != want {
				t.Errorf("report %+v, want %+v", *r, want)
			}
			d := storetest.Dump(t, s)
			if len(d.Actors) != 4 || len(d.Relations) != 3 || len(d.Sources) != 1 {
				t.Errorf("the store holds %d actors, %d relations, %d sources", len(d.Actors), len(d.Relations), len(d.Sources))
			}
			again, err := importer.Import(t.Context(), s, importer.Paths(paths...), importer.Options{Batch: batch})
			if err != nil || again.Stored != 8 {
				t.Fatalf("importing again: %+v, %v", again, err)
			}
			if after := storetest.Dump(t, s); !reflect.DeepEqual(d, after) {
				t.Error("importing the same files again changed the store")
			}
		})
	}
}

// TestImportChecksAgainstTheStore: references may name what the store
// holds; ids may not change what they name.
func TestImportChecksAgainstTheStore(t *testing.T) {
	s := open(t)
	if _, err := importer.Import(t.Context(), s, importer.Paths(write(t, "c.json", countries, "a.json", actorsLater)...), importer.Options{}); err != nil {
		t.Fatal(err)
	}
	before := storetest.Dump(t, s)
	for _, c := range []struct{ name, file, want string }{
		{"relation to a stored actor of the wrong kind", `{"format": "ecograph/v1", "relations": [
  {"id": "a-founded-kr", "type": "FOUNDED", "from": "a-uni", "to": "kr"}]}`,
			`f.json:2:68: relations[0] ("a-founded-kr"): to: FOUNDED points to`},
		{"a stored actor changing kind", `{"format": "ecograph/v1", "actors": [
  {"id": "a-uni", "kind": "STARTUP", "name": "A University"}]}`,
			`f.json:2:3: actors[0] ("a-uni"): kind: actor "a-uni" is a UNIVERSITY in the store and cannot become a STARTUP`},
		{"an actor taking a source's id", `{"format": "ecograph/v1", "actors": [
  {"id": "src", "kind": "STARTUP", "name": "Src"}]}`,
			`f.json:2:10: actors[0] ("src"): id: "src" is the id of a source in the store`},
		{"a citation of an actor", `{"format": "ecograph/v1", "actors": [
  {"id": "c-startup", "kind": "STARTUP", "name": "C", "citations": [{"source": "a-uni"}]}]}`,
			`citations[0].source: "a-uni" is an actor, not a source`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := importer.Import(t.Context(), s, importer.Paths(write(t, "f.json", c.file)...), importer.Options{})
			var list dataset.ErrorList
			if !errors.As(err, &list) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v\nwant a dataset.ErrorList containing %q", err, c.want)
			}
			if after := storetest.Dump(t, s); !reflect.DeepEqual(before, after) {
				t.Error("a refused import changed the store")
			}
		})
	}
}

// TestImportDuplicatesAcrossFiles: an id names one record of all the
// files; the error names the other file.
func TestImportDuplicatesAcrossFiles(t *testing.T) {
	s := open(t)
	paths := write(t, "one.json", countries, "two.json", `{"format": "ecograph/v1", "actors": [
  {"id": "uz", "kind": "COUNTRY", "name": "Uzbekistan again", "isoCode": "UZ"}]}`)
	_, err := importer.Import(t.Context(), s, importer.Paths(paths...), importer.Options{})
	want := fmt.Sprintf(`two.json:2:10: actors[0] ("uz"): id: "uz" is also the id of an actor in %s`, paths[0])
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %q", err, want)
	}
	if empty, _ := s.Empty(t.Context()); !empty {
		t.Error("a refused import wrote something")
	}
}

// TestImportStopsAfterTenProblems reports ten problems and stops.
func TestImportStopsAfterTenProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format": "ecograph/v1", "relations": [`)
	for i := range 30 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id": "r%d", "type": "PARTNERS_WITH", "from": "x%d", "to": "y%d"}`, i, i, i)
	}
	b.WriteString("]}")
	_, err := importer.Import(t.Context(), open(t), importer.Paths(write(t, "many.json", b.String())...), importer.Options{})
	var list dataset.ErrorList
	if !errors.As(err, &list) || len(list) != 10 {
		t.Fatalf("got %d problems (%v), want 10", len(list), err)
	}
}

// TestImportMaxRecords refuses a file of more records than allowed.
func TestImportMaxRecords(t *testing.T) {
	s := open(t)
	_, err := importer.Import(t.Context(), s, []importer.File{importer.JSON("document", countries)}, importer.Options{MaxRecords: 2})
	if err == nil || !strings.Contains(err.Error(), "more than 2 records") {
		t.Errorf("got %v", err)
	}
	if empty, _ := s.Empty(t.Context()); !empty {
		t.Error("a refused import wrote something")
	}
}

// failing is a real store whose Load fails from its nth call on, as a
// store that goes away mid-import does.
type failing struct {
	*embedded.Store
	n, calls int
}

func (f *failing) Load(ctx context.Context, d store.Dataset) error {
	f.calls++
	if f.calls >= f.n {
		return &store.UnavailableError{Message: "the store went away"}
	}
	return f.Store.Load(ctx, d)
}

// TestImportStoppedHalfway: a store that fails mid-import keeps the
// batches written, the error says how far it got, and importing again
// finishes the job.
func TestImportStoppedHalfway(t *testing.T) {
	s := open(t)
	paths := write(t, "countries.json", countries, "actors.json", actorsLater, "rel.json", relationsFirst)
	_, err := importer.Import(t.Context(), &failing{Store: s, n: 3}, importer.Paths(paths...), importer.Options{Batch: 2})
	var partial *importer.PartialError
	if !errors.As(err, &partial) || partial.Written != 4 || partial.Total != 8 {
		t.Fatalf("got %v, want a PartialError after 4 of 8 records", err)
	}
	if !strings.Contains(err.Error(), "importing the same files again finishes the job") {
		t.Errorf("the error does not say what to do: %v", err)
	}
	r, err := importer.Import(t.Context(), s, importer.Paths(paths...), importer.Options{Batch: 2})
	if err != nil || r.Stored != 4 || r.Written != 8 {
		t.Fatalf("importing again: %+v, %v", r, err)
	}
}
