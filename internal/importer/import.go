package importer

import (
	"context"
	"errors"
	"fmt"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/progress"
	"github.com/ecograph/ecograph/internal/store"
)

// Store is what an import needs of a store.
type Store interface {
	Empty(ctx context.Context) (bool, error)
	Lookup(ctx context.Context, ids []string) (store.Known, error)
	Load(ctx context.Context, d store.Dataset) error
}

// DefaultBatch is how many records go to the store in one Load: large
// enough that a transaction's cost is spread, small enough that Neo4j
// holds a batch's changes comfortably in memory.
const DefaultBatch = 10000

// Options shape an import.
type Options struct {
	// DryRun checks the files and counts their records, and writes
	// nothing.
	DryRun bool
	// Batch is how many records go to the store at a time;
	// DefaultBatch when zero.
	Batch int
	// Progress reports how far the import has got; nil reports nothing.
	Progress progress.Reporter
	// MaxRecords refuses files of more records; no limit when zero.
	MaxRecords int
}

// Report says what an import found and did.
type Report struct {
	Files     int
	Sources   int
	Actors    int
	Relations int
	// Stored counts the records whose id the store held already: they
	// are updated where they differ, and left as they are where not.
	Stored int
	// Written counts the records handed to the store: every record,
	// unless the import was a dry run.
	Written int
}

// Records is the number of records the files hold.
func (r *Report) Records() int { return r.Sources + r.Actors + r.Relations }

// Import checks files and, if nothing is wrong with them, writes them to
// s. A problem in the files comes back as a dataset.ErrorList, and then
// nothing is written.
func Import(ctx context.Context, s Store, files []File, opt Options) (*Report, error) {
	if opt.Progress == nil {
		opt.Progress = progress.Quiet{}
	}
	c, err := check(ctx, s, files, opt.Progress, opt.MaxRecords)
	if err != nil {
		return &c.report, err
	}
	if opt.DryRun {
		return &c.report, nil
	}
	w := &writer{ctx: ctx, store: s, batch: opt.Batch, total: c.report.Records()}
	if w.batch <= 0 {
		w.batch = DefaultBatch
	}
	w.meter = opt.Progress.Stage("writing", int64(w.total))
	err = w.run(files, c.counts, c.forward)
	w.meter.Done()
	c.report.Written = w.written
	if err != nil {
		return &c.report, &PartialError{Written: w.written, Total: w.total, Err: err}
	}
	return &c.report, nil
}

// Validate checks files that stand alone: every reference must name a
// record of the files.
func Validate(ctx context.Context, files []File, p progress.Reporter) (*Report, error) {
	if p == nil {
		p = progress.Quiet{}
	}
	c, err := check(ctx, nil, files, p, 0)
	return &c.report, err
}

// check is the first pass over the files.
func check(ctx context.Context, s Store, files []File, p progress.Reporter, max int) (*checker, error) {
	c := &checker{ctx: ctx, files: files, held: map[string]held{}, max: max, counts: make([][numClasses]int, len(files))}
	c.report.Files = len(files)
	if s != nil {
		c.store = s
		empty, err := s.Empty(ctx)
		if err != nil {
			return c, err
		}
		c.empty = empty
	}
	meter := p.Stage("checking", -1)
	defer meter.Done()
	for i, f := range files {
		err := f.Scan(func(rec dataset.Record) error {
			meter.Add(1)
			if err := ctx.Err(); err != nil {
				return err
			}
			return c.record(i, rec)
		})
		var list dataset.ErrorList
		switch {
		case errors.Is(err, errFull):
			return c, c.sorted()
		case errors.As(err, &list):
			for _, e := range list {
				if c.fail(e) != nil {
					return c, c.sorted()
				}
			}
		case err != nil:
			return c, err
		}
	}
	if err := c.finish(); err != nil && !errors.Is(err, errFull) {
		return c, err
	}
	if len(c.errs) > 0 {
		return c, c.sorted()
	}
	return c, nil
}

// PartialError is a write that failed after some batches were written:
// those stay, and importing the same files again finishes the job.
type PartialError struct {
	Written, Total int
	Err            error
}

func (e *PartialError) Error() string {
	return fmt.Sprintf("the import stopped after writing %d of %d records: %v; what was written stays, and importing the same files again finishes the job",
		e.Written, e.Total, e.Err)
}

func (e *PartialError) Unwrap() error { return e.Err }
