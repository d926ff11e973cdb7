package importer

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/store"
)

// maxErrors is how many problems a check reports before it stops: enough
// to fix the files in one go, few enough to read.
const maxErrors = 10

// lookupBatch is how many ids a check asks the store about at a time.
const lookupBatch = 5000

// Holders of ids, as store.Known names them.
const (
	holderSource   = "source"
	holderActor    = "actor"
	holderRelation = "relation"
)

// held is what the files hold under one id: which kind of record, the
// actor's kind, and the file it is in.
type held struct {
	holder string
	kind   store.Kind
	file   int
}

// ref is a reference the check could not settle when it read it: to an
// actor, a country or a source that no earlier record of the files
// holds. rel is the relation a from or to belongs to, whose type must fit
// the kind of the actor at its far end.
type ref struct {
	at    dataset.Place
	field string
	id    string
	want  string // holderSource, holderActor, or store.KindCountry's "country"
	rel   *store.Relation
}

const wantCountry = "country"

// pending is a record whose id the store has not yet been asked about.
type pending struct {
	at     dataset.Place
	id     string
	holder string
	kind   store.Kind
}

// checker is the first pass of an import.
type checker struct {
	ctx   context.Context
	store Store // nil when the files stand alone (ecograph validate)
	empty bool  // the store holds nothing: no need to ask it

	files   []File
	held    map[string]held
	refs    []ref // not settled by the files read so far, nor the store
	records []pending
	asks    []ref // references waiting for the store's answer
	errs    dataset.ErrorList
	// forward holds the classes of the records that a reference names
	// before they come; counts, per file, the records of each class.
	forward classes
	counts  [][numClasses]int
	max     int // records allowed; any number when zero

	report Report
}

// errFull stops a scan once the check has found enough problems.
var errFull = fmt.Errorf("too many problems")

func (c *checker) fail(e *dataset.Error) error {
	c.errs = append(c.errs, e)
	if len(c.errs) >= maxErrors {
		return errFull
	}
	return nil
}

// record checks one record of file i.
func (c *checker) record(i int, rec dataset.Record) error {
	if c.max > 0 && c.report.Records() == c.max {
		c.errs = append(c.errs, rec.At.Error("", fmt.Errorf("more than %d records: import larger files with the ecograph import command", c.max)))
		return errFull
	}
	switch {
	case rec.Source != nil:
		c.report.Sources++
		return c.claim(i, rec.At, rec.Source.ID, holderSource, "")
	case rec.Actor != nil:
		a := rec.Actor
		c.report.Actors++
		if err := c.claim(i, rec.At, a.ID, holderActor, a.Kind); err != nil {
			return err
		}
		if a.CountryID != "" {
			if err := c.refer(ref{at: rec.At, field: "country", id: a.CountryID, want: wantCountry}); err != nil {
				return err
			}
		}
		return c.cites(rec.At, a.Citations)
	case rec.Relation != nil:
		r := rec.Relation
		c.report.Relations++
		if err := c.claim(i, rec.At, r.ID, holderRelation, ""); err != nil {
			return err
		}
		ends := &store.Relation{ID: r.ID, Type: r.Type, From: r.From, To: r.To}
		if err := c.refer(ref{at: rec.At, field: "from", id: r.From, want: holderActor}); err != nil {
			return err
		}
		if err := c.refer(ref{at: rec.At, field: "to", id: r.To, want: holderActor, rel: ends}); err != nil {
			return err
		}
		return c.cites(rec.At, r.Citations)
	}
	return nil
}

func (c *checker) cites(at dataset.Place, cs []store.Citation) error {
	for j, ct := range cs {
		if err := c.refer(ref{at: at, field: fmt.Sprintf("citations[%d].source", j), id: ct.SourceID, want: holderSource}); err != nil {
			return err
		}
	}
	return nil
}

// claim takes id for a record of file i: no two records of the files may
// share an id (a file's own repeats are the scanner's to find).
func (c *checker) claim(i int, at dataset.Place, id, holder string, kind store.Kind) error {
	if h, ok := c.held[id]; ok {
		return c.fail(at.Error("id", fmt.Errorf("%q is also the id of a%s %s in %s: an id names one record", id, an(h.holder), h.holder, c.files[h.file].Name)))
	}
	c.held[id] = held{holder: holder, kind: kind, file: i}
	c.counts[i][classOf(holder, kind)]++
	if c.store != nil && !c.empty {
		c.records = append(c.records, pending{at: at, id: id, holder: holder, kind: kind})
		return c.flushIfFull()
	}
	return nil
}

func an(word string) string {
	if word != "" && slices.Contains([]byte("aeiou"), word[0]) {
		return "n"
	}
	return ""
}

// refer settles a reference against the records read so far, or keeps it
// for the store or for the records still to come.
func (c *checker) refer(r ref) error {
	if h, ok := c.held[r.id]; ok {
		return c.settle(r, h.holder, h.kind)
	}
	if c.store != nil && !c.empty {
		c.asks = append(c.asks, r)
		return c.flushIfFull()
	}
	c.refs = append(c.refs, r)
	return nil
}

// settle checks a reference to a record held as holder (of kind kind,
// for an actor).
func (c *checker) settle(r ref, holder string, kind store.Kind) error {
	var err error
	switch {
	case r.want == holderSource && holder != holderSource:
		err = fmt.Errorf("%q is a%s %s, not a source", r.id, an(holder), holder)
	case r.want != holderSource && holder != holderActor:
		err = fmt.Errorf("%q is a%s %s, not an actor", r.id, an(holder), holder)
	case r.want == wantCountry && kind != store.KindCountry:
		err = fmt.Errorf("%q is of kind %s, not %s", r.id, kind, store.KindCountry)
	case r.rel != nil:
		// The scanner checked the rest of the relation; what is left is
		// whether its type fits the kind of the actor it points to.
		err = store.ValidateRelation(r.rel, "", kind)
	}
	if err != nil {
		return c.fail(r.at.Error(r.field, err))
	}
	return nil
}

func (c *checker) flushIfFull() error {
	if len(c.records)+len(c.asks) < lookupBatch {
		return nil
	}
	return c.flush()
}

// flush asks the store about the ids of the records read since the last
// flush, and about the references they made that the files did not
// settle.
func (c *checker) flush() error {
	if len(c.records)+len(c.asks) == 0 {
		return nil
	}
	ids := make([]string, 0, len(c.records)+len(c.asks))
	for _, p := range c.records {
		ids = append(ids, p.id)
	}
	for _, r := range c.asks {
		ids = append(ids, r.id)
	}
	k, err := c.store.Lookup(c.ctx, ids)
	if err != nil {
		return err
	}
	records, asks := c.records, c.asks
	c.records, c.asks = c.records[:0], c.asks[:0]
	for _, p := range records {
		switch h := k.Holder(p.id); {
		case h == "":
		case h != p.holder:
			if err := c.fail(p.at.Error("id", fmt.Errorf("%q is the id of a%s %s in the store: an id names one record", p.id, an(h), h))); err != nil {
				return err
			}
		case h == holderActor && k.Actor(p.id).Kind != p.kind:
			if err := c.fail(p.at.Error("kind", fmt.Errorf("actor %q is a %s in the store and cannot become a %s", p.id, k.Actor(p.id).Kind, p.kind))); err != nil {
				return err
			}
		default:
			c.report.Stored++
		}
	}
	for _, r := range asks {
		var err error
		if h := k.Holder(r.id); h != "" {
			var kind store.Kind
			if a := k.Actor(r.id); a != nil {
				kind = a.Kind
			}
			err = c.settle(r, h, kind)
		} else {
			c.refs = append(c.refs, r)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// finish settles what is left once every file is read: references to
// records that came after them, or to nothing.
func (c *checker) finish() error {
	if c.store != nil && !c.empty {
		if err := c.flush(); err != nil {
			return err
		}
	}
	for _, r := range c.refs {
		h, ok := c.held[r.id]
		if !ok {
			noun := holderActor
			if r.want == holderSource {
				noun = holderSource
			}
			if err := c.fail(r.at.Error(r.field, fmt.Errorf("no %s has the id %q", noun, r.id))); err != nil {
				return err
			}
			continue
		}
		c.forward |= classOf(h.holder, h.kind).set()
		if err := c.settle(r, h.holder, h.kind); err != nil {
			return err
		}
	}
	c.refs = nil
	return nil
}

// sorted puts errors in the order of the files, then of lines.
func (c *checker) sorted() dataset.ErrorList {
	file := map[string]int{}
	for i, f := range c.files {
		if _, ok := file[f.Name]; !ok {
			file[f.Name] = i
		}
	}
	line := func(e *dataset.Error) int {
		if e.Line == 0 {
			return math.MaxInt
		}
		return e.Line
	}
	slices.SortStableFunc(c.errs, func(a, b *dataset.Error) int {
		return cmp.Or(cmp.Compare(file[a.File], file[b.File]), cmp.Compare(line(a), line(b)), cmp.Compare(a.Column, b.Column))
	})
	return c.errs
}
