package dataset

import (
	"encoding/csv"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// CSVEncoder writes a dataset as three CSV files in the canonical form:
// each starts with its header row, every column in the order of
// docs/format.md, and has a row a record, written as the record comes;
// lists are encoded as ScanCSV reads them, a field left empty when it has
// no value, "\n" ends a row. Records must come as from a store.Dumper:
// sources, then actors, then relations, each kind in id order; one out of
// that order is refused with an error, and so is everything after it.
// Reading a canonical file with ScanCSV and writing what it gives again
// gives the file back byte for byte.
type CSVEncoder struct {
	files [3]*csv.Writer // by kind: sources, actors, relations
	order order
	row   []string
}

// NewCSVEncoder returns a CSVEncoder that writes sources, actors and
// relations to the three writers. A nil writer leaves its file out: a
// record of its kind is then an error. Nothing is complete until Close.
func NewCSVEncoder(sources, actors, relations io.Writer) *CSVEncoder {
	e := &CSVEncoder{}
	for i, w := range []io.Writer{sources, actors, relations} {
		if w == nil {
			continue
		}
		e.files[i] = csv.NewWriter(w)
		// The header cannot fail to write: the csv.Writer buffers it.
		_ = e.files[i].Write(csvHeader(i))
	}
	return e
}

// csvHeader is the header row of the file of kind i (from 0).
func csvHeader(i int) []string {
	s := shapes[tables[i].typ]
	names := make([]string, len(s.fields))
	for j, f := range s.fields {
		names[j] = f.key
	}
	return names
}

// Visitor is what a store.Dumper writes through.
func (e *CSVEncoder) Visitor() store.Visitor {
	return store.Visitor{
		Source: func(s *store.Source) error {
			w := sourceToWire(s)
			return e.write(kindSource, s.ID, reflect.ValueOf(&w).Elem())
		},
		Actor: func(a *store.Actor) error {
			w := actorToWire(a)
			return e.write(kindActor, a.ID, reflect.ValueOf(&w).Elem())
		},
		Relation: func(r *store.Relation) error {
			w := relationToWire(r)
			return e.write(kindRelation, r.ID, reflect.ValueOf(&w).Elem())
		},
	}
}

func (e *CSVEncoder) write(k recordKind, id string, w reflect.Value) error {
	if err := e.order.check(k, id); err != nil {
		return err
	}
	f := e.files[k-1]
	if f == nil {
		return e.order.fail(fmt.Errorf("dataset: %s %q, and no file for the %s", k.noun(), clip(id), k.section()))
	}
	if e.order.kind != k {
		e.order.start(k)
	}
	e.order.see(id)
	s := shapes[w.Type()]
	e.row = e.row[:0]
	for _, fl := range s.fields {
		e.row = append(e.row, cellOf(w.Field(fl.index)))
	}
	if err := f.Write(e.row); err != nil {
		return e.order.fail(err)
	}
	return nil
}

// cellOf writes one field of a wire record as its cell.
func cellOf(v reflect.Value) string {
	switch x := v.Interface().(type) {
	case string:
		return x
	case *bool:
		if x == nil {
			return ""
		}
		return fmt.Sprint(*x)
	case []string:
		items := make([]string, len(x))
		for i, s := range x {
			items[i] = escapeItem(s, false)
		}
		return strings.Join(items, "|")
	case []wireName:
		items := make([]string, len(x))
		for i, n := range x {
			items[i] = escapeItem(n.Lang, true) + ":" + escapeItem(n.Value, false)
		}
		return strings.Join(items, "|")
	case []wireCitation:
		items := make([]string, len(x))
		for i, c := range x {
			items[i] = escapeItem(c.Source, true)
			if c.Excerpt != "" {
				items[i] += ": " + escapeItem(c.Excerpt, false)
			}
		}
		return strings.Join(items, "|")
	}
	panic(fmt.Sprintf("dataset: no cell for a %s", v.Type()))
}

// Close flushes the files. It does not close the writers.
func (e *CSVEncoder) Close() error {
	if e.order.err != nil {
		return e.order.err
	}
	for _, f := range e.files {
		if f == nil {
			continue
		}
		f.Flush()
		if err := f.Error(); err != nil {
			return e.order.fail(err)
		}
	}
	e.order.fail(errClosed)
	return nil
}
