package dataset

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// Decode reads a dataset file. name is the file's name as errors should
// show it. Decode holds every record to the store's rules (ValidateSource,
// ValidateActor, ValidateRelation but for the kind of a relation's far
// end) and makes sure no id is used twice; it does not look at what the
// records refer to: that is Check's work, or Read's. Decode is Scan,
// keeping every record.
//
// A bad file gives an ErrorList of up to ten *Error, each naming the file,
// line, column, record and field; errors.Is(err, store.ErrInvalid) holds
// for it. A failure to read r is returned as it is, wrapped.
func Decode(r io.Reader, name string) (store.Dataset, error) {
	c, err := decode(r, name)
	return c.d, err
}

// Read is Decode and then Check: it reads a file and makes sure that what
// its records refer to is in the file or known, reporting a dangling
// reference at its place in the file. known may be nil.
func Read(r io.Reader, name string, known func(id string) bool) (store.Dataset, error) {
	c, err := decode(r, name)
	if err != nil {
		return store.Dataset{}, err
	}
	if err := checkRefs(&c.d, known, c.at).err(); err != nil {
		return store.Dataset{}, err
	}
	return c.d, nil
}

func decode(r io.Reader, name string) (collect, error) {
	c := collect{at: places{}}
	if err := Scan(r, name, c.visit); err != nil {
		return collect{}, err
	}
	return c, nil
}

// records reads a section, passing the good records on and reporting the
// bad.
func records[W, T any](p *decoder, key string,
	convert func(*W) (T, *fieldError), validate func(*T) *fieldError, wrap func(*T) Record,
) error {
	return p.section(key, func(i int, raw []byte, start int64) error {
		if v, q, ok := quickRecord(raw, convert, validate); ok {
			rec := wrap(v)
			rec.At = p.quickPlace(key, i, start, q)
			rec.At.ID = rec.id()
			return p.accept(rec)
		}
		if !json.Valid(raw) {
			return errSyntax
		}
		v, id, offs, fe, off := record(raw, convert, validate)
		if fe != nil {
			pos := p.in.position(start + int64(off))
			return p.fail(&Error{File: p.name, Line: pos.line, Column: pos.col,
				Record: label(key, i, id), Field: fe.path, Err: fe.err})
		}
		rec := wrap(v)
		rec.At = p.place(key, i, id, start, offs)
		return p.accept(rec)
	})
}

// quickRecord reads a record that is as it should be, quickly; ok is
// false if it is not, and then record says what is wrong with it.
func quickRecord[W, T any](raw []byte, convert func(*W) (T, *fieldError), validate func(*T) *fieldError,
) (v *T, q *quick, ok bool) {
	var w W
	q = &quick{raw: raw}
	if !q.read(reflect.ValueOf(&w)) {
		return nil, nil, false
	}
	t, fe := convert(&w)
	if fe == nil {
		fe = validate(&t)
	}
	if fe != nil {
		return nil, nil, false
	}
	return &t, q, true
}

// quickPlace builds the Place of a record that quick read.
func (p *decoder) quickPlace(section string, i int, start int64, q *quick) Place {
	pl := Place{File: p.name, Section: section, Index: i}
	pos := p.in.position(start)
	pl.Line, pl.Column = pos.line, pos.col
	for r, off := range q.refs {
		if off > 0 {
			pl.refs[r] = p.in.position(start + int64(off))
		}
	}
	if len(q.cite) > 0 {
		pl.citations = make([]position, len(q.cite))
		for j, off := range q.cite {
			pl.citations[j] = p.in.position(start + int64(off))
		}
	}
	return pl
}

// record reads one record: its shape, then its values, then the store's
// rules. It returns the record, its id and where in raw its fields are, or
// what is wrong with it and where.
func record[W, T any](raw []byte, convert func(*W) (T, *fieldError), validate func(*T) *fieldError,
) (v *T, id string, offs map[string]int, fe *fieldError, off int) {
	offs, id, fe, off = walk(raw, reflect.TypeFor[W]())
	if fe != nil {
		if id == "" { // the walk stopped before the id
			id = idOf(raw)
		}
		return nil, id, nil, fe, off
	}
	var w W
	if err := json.Unmarshal(raw, &w); err != nil { // cannot happen after walk
		return nil, id, nil, &fieldError{"", err}, 0
	}
	t, fe := convert(&w)
	if fe == nil {
		fe = validate(&t)
	}
	if fe != nil {
		return nil, id, nil, fe, offsetOf(offs, fe.path)
	}
	return &t, id, offs, nil, 0
}

// place builds the Place of a record that starts at offset start, given
// where in it its fields are.
func (p *decoder) place(section string, i int, id string, start int64, offs map[string]int) Place {
	at := func(off int) position { return p.in.position(start + int64(off)) }
	pl := Place{File: p.name, Section: section, Index: i, ID: id}
	pos := at(offs[""])
	pl.Line, pl.Column = pos.line, pos.col
	for r, field := range refFields {
		if off, ok := offs[field]; ok {
			pl.refs[r] = at(off)
		}
	}
	for j := 0; ; j++ {
		off, ok := offs[fmt.Sprintf("citations[%d].source", j)]
		if !ok {
			break
		}
		pl.citations = append(pl.citations, at(off))
	}
	return pl
}

// offsetOf is where path's value starts, or that of the nearest enclosing
// value present: a missing field is placed at its record.
func offsetOf(at map[string]int, path string) int {
	for {
		if off, ok := at[path]; ok {
			return off
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return at[""]
		}
		path = path[:i]
	}
}

// idOf reads a record's id, if it has a string one, to name the record.
func idOf(raw []byte) string {
	var r struct {
		ID any `json:"id"`
	}
	_ = json.Unmarshal(raw, &r)
	id, _ := r.ID.(string)
	return id
}
