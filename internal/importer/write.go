package importer

import (
	"context"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/progress"
	"github.com/ecograph/ecograph/internal/store"
)

// writer is the second pass of an import: it hands records to the store
// in batches.
type writer struct {
	ctx     context.Context
	store   Store
	batch   int
	total   int
	written int
	meter   progress.Meter
	pending store.Dataset
	size    int
}

// sweeps are the classes of record that are written together when some
// references point forward: each sweep's records refer only to records
// of earlier sweeps, or of their own batch.
var sweeps = []func(dataset.Record) bool{
	func(r dataset.Record) bool { return r.Source != nil },
	func(r dataset.Record) bool { return r.Actor != nil && r.Actor.Kind == store.KindCountry },
	func(r dataset.Record) bool { return r.Actor != nil && r.Actor.Kind != store.KindCountry },
	func(r dataset.Record) bool { return r.Relation != nil },
}

// write writes every record of the files: in one pass in file order
// when every reference points back, else in sweeps.
func (w *writer) write(files []File, forward bool) error {
	if !forward {
		return w.pass(files, func(dataset.Record) bool { return true })
	}
	for _, take := range sweeps {
		if err := w.pass(files, take); err != nil {
			return err
		}
	}
	return nil
}

// pass reads the files and writes the records take takes.
func (w *writer) pass(files []File, take func(dataset.Record) bool) error {
	for _, f := range files {
		err := f.Scan(func(rec dataset.Record) error {
			if !take(rec) {
				return nil
			}
			w.add(rec)
			if w.size >= w.batch {
				return w.flush()
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return w.flush()
}

func (w *writer) add(rec dataset.Record) {
	switch {
	case rec.Source != nil:
		w.pending.Sources = append(w.pending.Sources, *rec.Source)
	case rec.Actor != nil:
		w.pending.Actors = append(w.pending.Actors, *rec.Actor)
	case rec.Relation != nil:
		w.pending.Relations = append(w.pending.Relations, *rec.Relation)
	}
	w.size++
}

func (w *writer) flush() error {
	if w.size == 0 {
		return nil
	}
	if err := w.store.Load(w.ctx, w.pending); err != nil {
		return err
	}
	w.written += w.size
	w.meter.Add(w.size)
	w.pending = store.Dataset{
		Sources:   w.pending.Sources[:0],
		Actors:    w.pending.Actors[:0],
		Relations: w.pending.Relations[:0],
	}
	w.size = 0
	return nil
}
