package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
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
// records refer to: that is Check's work, or Read's.
//
// A bad file gives an ErrorList of up to ten *Error, each naming the file,
// line, column, record and field; errors.Is(err, store.ErrInvalid) holds
// for it. A failure to read r is returned as it is, wrapped.
func Decode(r io.Reader, name string) (store.Dataset, error) {
	d, _, err := decode(r, name)
	return d, err
}

// Read is Decode and then Check: it reads a file and makes sure that what
// its records refer to is in the file or known, reporting a dangling
// reference at its place in the file. known may be nil.
func Read(r io.Reader, name string, known func(id string) bool) (store.Dataset, error) {
	d, at, err := decode(r, name)
	if err != nil {
		return store.Dataset{}, err
	}
	if err := checkRefs(&d, known, at).err(); err != nil {
		return store.Dataset{}, err
	}
	return d, nil
}

// decoder reads one file, a record at a time.
type decoder struct {
	name string
	in   *tracker
	dec  *json.Decoder
	d    store.Dataset
	at   *places
	errs ErrorList
	// ctx is JSON that puts a fresh scanner where dec is in the file's
	// frame, so that a syntax error can be placed: encoding/json's
	// Decoder reports offsets of syntax errors inexactly.
	ctx string
}

var (
	errTooMany = errors.New("too many errors")
	// errStop ends decoding after a problem that leaves nothing sensible
	// to read further; the problem is in errs.
	errStop = errors.New("stop")
)

func decode(r io.Reader, name string) (store.Dataset, *places, error) {
	p := &decoder{name: name, in: newTracker(r), at: newPlaces(name)}
	p.dec = json.NewDecoder(p.in)
	p.dec.UseNumber()
	err := p.file()
	switch {
	case errors.Is(err, errTooMany):
		p.errs = append(p.errs, &Error{File: name, Err: errTooMany})
	case err != nil && !errors.Is(err, errStop):
		return store.Dataset{}, nil, fmt.Errorf("reading %s: %w", name, err)
	case len(p.errs) == 0:
		p.errs = checkIDs(&p.d, p.at)
	}
	if len(p.errs) > 0 {
		return store.Dataset{}, nil, p.errs.sorted()
	}
	return p.d, p.at, nil
}

// file reads the frame: {"format": "ecograph/v1", "sources": [...], ...}.
func (p *decoder) file() error {
	tok, off, err := p.token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return p.stop(off, "", fmt.Errorf("want a JSON object that starts {\"format\": %q, got %s", Format, describe(tok)))
	}
	p.ctx = "{"
	seen := map[string]bool{}
	for p.dec.More() {
		tok, off, err := p.token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		switch {
		case len(seen) == 0 && key != "format":
			return p.stop(off, "", fmt.Errorf("the file must start with \"format\": %q, not %q", Format, clip(key)))
		case seen[key]:
			return p.stop(off, key, errors.New("appears twice"))
		}
		seen[key] = true
		p.ctx = `{"k"`
		switch key {
		case "format":
			err = p.format()
		case "sources":
			err = records(p, key, &p.d.Sources, (*wireSource).toStore, validateSource)
		case "actors":
			err = records(p, key, &p.d.Actors, (*wireActor).toStore, validateActor)
		case "relations":
			err = records(p, key, &p.d.Relations, (*wireRelation).toStore, validateRelation)
		default:
			return p.stop(off, key, errors.New("unknown field: a dataset has format, sources, actors and relations"))
		}
		if err != nil {
			return err
		}
		p.ctx = `{"k":0`
	}
	if len(seen) == 0 {
		return p.stop(p.in.skip(p.dec.InputOffset()), "", fmt.Errorf("missing \"format\": %q", Format))
	}
	if _, _, err := p.token(); err != nil { // }
		return err
	}
	// Nothing but blanks may follow.
	before := p.dec.InputOffset()
	if _, err := p.dec.Token(); err != io.EOF {
		if err != nil && !isSyntax(err) {
			return err
		}
		return p.stop(p.in.skip(before), "", errors.New("unexpected data after the end of the dataset"))
	}
	return nil
}

func (p *decoder) format() error {
	tok, off, err := p.token()
	if err != nil {
		return err
	}
	if v, _ := tok.(string); v != Format {
		return p.stop(off, "format", fmt.Errorf("%s is not a format this program reads: want %q", describe(tok), Format))
	}
	return nil
}

// section reads one list of records, handing each to read whole.
func (p *decoder) section(key string, read func(i int, raw []byte, start int64)) error {
	tok, off, err := p.token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		return p.stop(off, key, fmt.Errorf("want a list of records, got %s", describe(tok)))
	}
	p.ctx = `{"k":[`
	for i := 0; p.dec.More(); i++ {
		before := p.dec.InputOffset()
		var raw json.RawMessage
		if err := p.dec.Decode(&raw); err != nil {
			return p.syntax(err, before)
		}
		read(i, raw, p.dec.InputOffset()-int64(len(raw)))
		p.in.forget(p.dec.InputOffset())
		if len(p.errs) >= maxErrors {
			return errTooMany
		}
		p.ctx = `{"k":[0`
	}
	_, _, err = p.token() // ]
	return err
}

// records reads a section into a list of the dataset, keeping the good
// records and reporting the bad.
func records[W, T any](p *decoder, key string, into *[]T,
	convert func(*W) (T, *fieldError), validate func(*T) *fieldError,
) error {
	return p.section(key, func(i int, raw []byte, start int64) {
		if v, rec, ok := record(p, key, i, raw, start, convert, validate); ok {
			*into = append(*into, v)
			p.at.add(key, rec)
		}
	})
}

// record reads one record: its shape, then its values, then the store's
// rules. It reports what is wrong and returns ok false.
func record[W, T any](p *decoder, section string, i int, raw []byte, start int64,
	convert func(*W) (T, *fieldError), validate func(*T) *fieldError,
) (v T, rec recordPlace, ok bool) {
	at, id, fe, off := walk(raw, reflect.TypeFor[W]())
	fail := func(fe *fieldError, off int) (T, recordPlace, bool) {
		pos := p.in.position(start + int64(off))
		p.errs = append(p.errs, &Error{File: p.name, Line: pos.line, Column: pos.col,
			Record: label(section, i, id), Field: fe.path, Err: fe.err})
		return v, rec, false
	}
	if fe != nil {
		if id == "" { // the walk stopped before the id
			id = idOf(raw)
		}
		return fail(fe, off)
	}
	var w W
	if err := json.Unmarshal(raw, &w); err != nil { // cannot happen after walk
		return fail(&fieldError{"", err}, 0)
	}
	v, fe = convert(&w)
	if fe == nil {
		fe = validate(&v)
	}
	if fe != nil {
		return fail(fe, offsetOf(at, fe.path))
	}
	rec = recordPlace{index: i, id: id, at: map[string]position{}}
	for path, off := range at {
		if keep(path) {
			rec.at[path] = p.in.position(start + int64(off))
		}
	}
	return v, rec, true
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

// token reads one token and the offset it starts at.
func (p *decoder) token() (json.Token, int64, error) {
	before := p.dec.InputOffset()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, 0, p.syntax(err, before)
	}
	return tok, p.in.skip(before), nil
}

// syntax turns what the JSON decoder says of a bad file into an *Error at
// the right place, and passes on a failure to read the file.
func (p *decoder) syntax(err error, before int64) error {
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		if p.ctx == "" {
			return p.stop(p.in.end(), "", fmt.Errorf("empty file: want a JSON object that starts {\"format\": %q", Format))
		}
		return p.stop(p.in.end(), "", errors.New("unexpected end of file: the JSON is cut short"))
	case !isSyntax(err):
		return err
	}
	// Scan again from before with a fresh scanner, put in the same state
	// by ctx, and find the bad byte.
	off := p.in.end()
	fresh := json.NewDecoder(io.MultiReader(strings.NewReader(p.ctx), bytes.NewReader(p.in.from(before))))
	var raw json.RawMessage
	var se *json.SyntaxError
	if e := fresh.Decode(&raw); errors.As(e, &se) && se.Offset > int64(len(p.ctx)) {
		err = se
		off = before + se.Offset - 1 - int64(len(p.ctx))
	}
	return p.stop(off, "", fmt.Errorf("not valid JSON: %w", err))
}

func isSyntax(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se)
}

// stop records a problem in the file's frame and ends decoding.
func (p *decoder) stop(off int64, field string, err error) error {
	pos := p.in.position(off)
	p.errs = append(p.errs, &Error{File: p.name, Line: pos.line, Column: pos.col, Field: field, Err: err})
	return errStop
}
