package importer

import (
	"context"
	"errors"

	"golang.org/x/sync/errgroup"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/progress"
	"github.com/ecograph/ecograph/internal/store"
)

// writer is the second pass of an import: it reads the files and hands
// their records to the store in batches. Reading and writing overlap: one
// goroutine reads the next batch while another loads the last.
type writer struct {
	ctx     context.Context // ends when the loader fails
	store   Store
	batch   int
	total   int
	written int // by the loader alone
	meter   progress.Meter
	pending store.Dataset
	size    int
	batches chan store.Dataset
}

// run writes the files through a loader goroutine.
func (w *writer) run(files []File, counts [][numClasses]int, forward classes) error {
	g, ctx := errgroup.WithContext(w.ctx)
	w.ctx = ctx
	w.batches = make(chan store.Dataset, 1)
	g.Go(func() error {
		for d := range w.batches {
			if err := w.store.Load(ctx, d); err != nil {
				return err
			}
			n := len(d.Sources) + len(d.Actors) + len(d.Relations)
			w.written += n
			w.meter.Add(n)
		}
		return nil
	})
	g.Go(func() error {
		defer close(w.batches)
		return w.write(files, counts, forward)
	})
	return g.Wait()
}

// write writes every record of the files so that each batch refers only
// to records written before it or in it. When every reference points
// back, one pass in file order does that. When some point forward, the
// records go in sweeps, the order of classes cut after each class that a
// reference named before it came: with countries named ahead of
// themselves, sources and countries first, then actors and relations.
// counts, per file and class, lets a sweep stop reading a file once it
// has taken the file's records of its classes.
func (w *writer) write(files []File, counts [][numClasses]int, forward classes) error {
	var sweep classes
	for c := range numClasses {
		sweep |= c.set()
		if forward&c.set() != 0 || c == numClasses-1 {
			if err := w.pass(files, counts, sweep); err != nil {
				return err
			}
			sweep = 0
		}
	}
	return w.flush()
}

// errTaken ends the reading of a file that has no more records to give.
var errTaken = errors.New("taken")

// pass reads the files and writes the records of the classes in sweep.
func (w *writer) pass(files []File, counts [][numClasses]int, sweep classes) error {
	for i, f := range files {
		want := 0
		for c := range numClasses {
			if sweep&c.set() != 0 {
				want += counts[i][c]
			}
		}
		if want == 0 {
			continue
		}
		taken := 0
		err := f.Scan(func(rec dataset.Record) error {
			if sweep&classOfRecord(rec).set() == 0 {
				return nil
			}
			w.add(rec)
			if taken++; taken == want {
				return errTaken
			}
			if w.size >= w.batch {
				return w.flush()
			}
			return nil
		})
		if err != nil && !errors.Is(err, errTaken) {
			return err
		}
	}
	return nil
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

// flush hands the pending batch to the loader.
func (w *writer) flush() error {
	if w.size == 0 {
		return nil
	}
	select {
	case w.batches <- w.pending:
	case <-w.ctx.Done():
		return w.ctx.Err()
	}
	w.pending = store.Dataset{}
	w.size = 0
	return nil
}
