package main

import (
	"reflect"
	"testing"

	"github.com/ecograph/ecograph/internal/store/storetest"
)

const importMutation = `mutation($doc: String!, $dry: Boolean) {
  importGraph(document: $doc, dryRun: $dry) { sources actors relations stored written dryRun }
}`

type importResult struct {
	ImportGraph struct {
		Sources, Actors, Relations, Stored, Written int
		DryRun                                      bool
	}
}

// A small batch that joins a new startup to the seed's SCH and Uzbekistan.
const importDoc = `{
  "format": "ecograph/v1",
  "sources": [{"id": "note-2024-08", "title": "Field notes, August 2024"}],
  "actors": [
    {"id": "sch-startup-6", "kind": "STARTUP", "name": "A sixth SCH startup", "country": "uzbekistan",
     "names": [{"value": "Oltinchi startap", "lang": "uz-Latn"}],
     "citations": [{"source": "note-2024-08"}]}
  ],
  "relations": [
    {"id": "sch-founded-startup-6", "type": "FOUNDED", "from": "soonchunhyang-university", "to": "sch-startup-6", "since": "2024-08"}
  ]
}`

// TestImportGraph: a small batch goes in whole; again, it changes
// nothing; its actors and relations join the network at once.
func TestImportGraph(t *testing.T) {
	s := startAPI(t, nil)
	var dry importResult
	s.mutate(importMutation, map[string]any{"doc": importDoc, "dry": true}, &dry)
	if got := dry.ImportGraph; got.Sources != 1 || got.Actors != 1 || got.Relations != 1 || got.Written != 0 || !got.DryRun {
		t.Errorf("dry run: %+v", got)
	}
	var none struct{ Actor *struct{ ID string } }
	s.query(`{ actor(id: "sch-startup-6") { id } }`, nil, &none)
	if none.Actor != nil {
		t.Fatal("a dry run wrote the actor")
	}

	var first, again importResult
	s.mutate(importMutation, map[string]any{"doc": importDoc}, &first)
	if got := first.ImportGraph; got.Written != 3 || got.Stored != 0 || got.DryRun {
		t.Errorf("first import: %+v", got)
	}
	before := storetest.Dump(t, s.store)
	s.mutate(importMutation, map[string]any{"doc": importDoc}, &again)
	if got := again.ImportGraph; got.Stored != 3 {
		t.Errorf("second import: %+v, want all 3 records already stored", got)
	}
	if after := storetest.Dump(t, s.store); !reflect.DeepEqual(before, after) {
		t.Error("importing the same document again changed the store")
	}

	var founded struct {
		Actor struct {
			Relations struct {
				Edges []struct{ Other struct{ ID string } }
			}
		}
	}
	s.query(`{ actor(id: "sch-startup-6") { relations(types: [FOUNDED]) { edges { other { id } } } } }`, nil, &founded)
	if e := founded.Actor.Relations.Edges; len(e) != 1 || e[0].Other.ID != "soonchunhyang-university" {
		t.Errorf("the imported startup's founder: %+v", e)
	}
}

// TestImportGraphRefusesBadDocuments: one bad record refuses the whole
// document with its line and column, and nothing is written.
func TestImportGraphRefusesBadDocuments(t *testing.T) {
	s := startAPI(t, nil)
	before := storetest.Dump(t, s.store)
	for _, c := range []struct {
		name, doc string
		line, col int
		want      string
	}{
		{"bad date", `{"format": "ecograph/v1",
 "actors": [{"id": "x-startup", "kind": "STARTUP", "name": "X",
   "founded": "24 July"}]}`, 3, 15, `document:3:15: actors[0] ("x-startup"): founded: "24 July" is not a date`},
		{"missing actor", `{"format": "ecograph/v1",
 "actors": [{"id": "x-startup", "kind": "STARTUP", "name": "X"}],
 "relations": [{"id": "x-founded", "type": "FOUNDED", "from": "nobody", "to": "x-startup"}]}`, 3, 63, `document:3:63: relations[0] ("x-founded"): from: no actor has the id "nobody"`},
		{"taken by a relation", `{"format": "ecograph/v1",
 "actors": [{"id": "sch-founded-sch-startup-1", "kind": "STARTUP", "name": "X"}]}`, 2, 20, `is the id of a relation in the store`},
		{"not JSON", `format: ecograph/v1`, 1, 2, `document:1:2: not valid JSON`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := s.post(importMutation, map[string]any{"doc": c.doc}, testKey)
			e := wantError(t, r, "BAD_USER_INPUT", c.want)
			if len(e.Extensions.Problems) == 0 || e.Extensions.Problems[0].Line != c.line || e.Extensions.Problems[0].Column != c.col {
				t.Errorf("extensions.problems: %+v, want the first at %d:%d", e.Extensions.Problems, c.line, c.col)
			}
		})
	}
	if r := s.post(importMutation, map[string]any{"doc": importDoc}, ""); len(r.Errors) == 0 || r.Errors[0].Extensions.Code != "UNAUTHENTICATED" {
		t.Errorf("importGraph without a key: %+v", r.Errors)
	}
	if after := storetest.Dump(t, s.store); !reflect.DeepEqual(before, after) {
		t.Error("a refused import changed the store")
	}
}
