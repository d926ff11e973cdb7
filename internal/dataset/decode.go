package dataset

import (
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

// decoder reads one JSON file, a record at a time. It reads the frame
// itself and finds where each record ends by counting brackets, which is
// several times faster than encoding/json's Decoder; what is wrong it
// hands to encoding/json, to say what and where as encoding/json does.
type decoder struct {
	*scanner
	name string
	in   *tracker
	off  int64 // just past what has been read
	// ctx is JSON that puts a fresh encoding/json scanner where the
	// decoder is in the file's frame, so that a syntax error can be
	// placed and told as encoding/json tells it.
	ctx string
}

// errSyntax is what the decoder finds wrong with JSON before encoding/json
// says what it is.
var errSyntax = errors.New("not valid JSON")

// json reads one JSON file.
func (s *scanner) json(r io.Reader, name string) error {
	s.ids.file(name)
	p := &decoder{scanner: s, name: name, in: newTracker(skipBOM(r))}
	err := p.file()
	var ve visitError
	switch {
	case err == nil, errors.Is(err, errTooMany), errors.Is(err, errStop), errors.As(err, &ve):
		return err
	}
	return readFailure(name, err)
}

// file reads the frame: {"format": "ecograph/v1", "sources": [...], ...}.
func (p *decoder) file() error {
	c, off, err := p.peek()
	if err != nil {
		return p.syntax(err, p.off)
	}
	if c != '{' {
		return p.want(off, "", fmt.Sprintf("a JSON object that starts {\"format\": %q", Format))
	}
	p.off, p.ctx = off+1, "{"
	seen := map[string]bool{}
	for {
		before := p.off
		c, off, err := p.peek()
		if err == nil && c == ',' && len(seen) > 0 {
			p.off = off + 1
			c, off, err = p.peek()
		} else if err == nil && c != '}' && len(seen) > 0 {
			err = errSyntax
		}
		if err == nil && c == '}' && (len(seen) == 0 || p.off == before) {
			p.off = off + 1
			if len(seen) == 0 {
				return p.stop(off, "", fmt.Errorf("missing \"format\": %q", Format))
			}
			break
		}
		if err == nil && c != '"' {
			err = errSyntax
		}
		if err != nil {
			return p.syntax(err, before)
		}
		tok, end, err := p.token(off)
		if err != nil {
			return p.syntax(err, before)
		}
		key := tok.(string)
		switch {
		case len(seen) == 0 && key != "format":
			return p.stop(off, "", fmt.Errorf("the file must start with \"format\": %q, not %q", Format, clip(key)))
		case seen[key]:
			return p.stop(off, key, errors.New("appears twice"))
		}
		seen[key] = true
		p.off, p.ctx = end, `{"k"`
		switch key {
		case "format":
			err = p.format()
		case "sources":
			err = records(p, key, (*wireSource).toStore, validateSource, func(v *store.Source) Record { return Record{Source: v} })
		case "actors":
			err = records(p, key, (*wireActor).toStore, validateActor, func(v *store.Actor) Record { return Record{Actor: v} })
		case "relations":
			err = records(p, key, (*wireRelation).toStore, validateRelation, func(v *store.Relation) Record { return Record{Relation: v} })
		default:
			return p.stop(off, key, errors.New("unknown field: a dataset has format, sources, actors and relations"))
		}
		if err != nil {
			return err
		}
		p.ctx = `{"k":0`
	}
	// Nothing but blanks may follow.
	switch _, off, err := p.peek(); {
	case err == io.EOF:
		return nil
	case err != nil:
		return err
	default:
		return p.stop(off, "", errors.New("unexpected data after the end of the dataset"))
	}
}

// colon reads the colon after a key, and returns the offset of the value.
func (p *decoder) colon() (byte, int64, error) {
	c, off, err := p.peek()
	if err == nil && c != ':' {
		err = errSyntax
	}
	if err != nil {
		return 0, 0, p.syntax(err, p.off)
	}
	p.off = off + 1
	c, off, err = p.peek()
	if err != nil {
		return 0, 0, p.syntax(err, p.off)
	}
	return c, off, nil
}

func (p *decoder) format() error {
	_, off, err := p.colon()
	if err != nil {
		return err
	}
	tok, end, err := p.token(off)
	if err != nil {
		return p.syntax(err, p.off)
	}
	if v, _ := tok.(string); v != Format {
		return p.stop(off, "format", fmt.Errorf("%s is not a format this program reads: want %q", describe(tok), Format))
	}
	p.off = end
	return nil
}

// section reads one list of records, handing each to read whole.
func (p *decoder) section(key string, read func(i int, raw []byte, start int64) error) error {
	c, off, err := p.colon()
	if err != nil {
		return err
	}
	if c != '[' {
		return p.want(off, key, "a list of records")
	}
	p.off, p.ctx = off+1, `{"k":[`
	for i := 0; ; i++ {
		before := p.off
		c, off, err := p.peek()
		if err == nil && c == ',' && i > 0 {
			p.off = off + 1
			c, off, err = p.peek()
		} else if err == nil && c != ']' && i > 0 {
			err = errSyntax
		}
		if err == nil && c == ']' && p.off == before {
			p.off = off + 1
			return nil
		}
		if err != nil {
			return p.syntax(err, before)
		}
		end, err := p.valueEnd(off)
		if err != nil {
			return p.syntax(err, before)
		}
		p.in.forget(before)
		if err := read(i, p.in.bytes(off, end), off); err != nil {
			if errors.Is(err, errSyntax) {
				return p.syntax(err, before)
			}
			return err
		}
		p.off, p.ctx = end, `{"k":[0`
	}
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

// peek reads past blanks from p.off, and returns the next byte and its
// offset.
func (p *decoder) peek() (byte, int64, error) {
	for off := p.off; ; off++ {
		c, err := p.in.byteAt(off)
		if err != nil {
			return 0, off, err
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c, off, nil
	}
}

// token reads the JSON token at off with encoding/json, and returns it and
// where it ends. It is used for the few tokens of the frame.
func (p *decoder) token(off int64) (json.Token, int64, error) {
	dec := json.NewDecoder(p.in.readerFrom(off))
	dec.UseNumber()
	tok, err := dec.Token()
	return tok, off + dec.InputOffset(), err
}

// want reports that the value at off is not what it should be.
func (p *decoder) want(off int64, field, want string) error {
	tok, _, err := p.token(off)
	if err != nil {
		return p.syntax(err, p.off)
	}
	return p.stop(off, field, fmt.Errorf("want %s, got %s", want, describe(tok)))
}

// valueEnd finds where the JSON value at off ends. An object, as a record
// should be, is read by counting brackets; anything else, or an object cut
// short, is left to encoding/json, which says what is wrong with it.
func (p *decoder) valueEnd(off int64) (int64, error) {
	if c, err := p.in.byteAt(off); err == nil && c == '{' {
		depth, inString, escaped := 0, false, false
		for i := off; ; {
			b := p.in.bytes(i, p.in.end())
			for j, c := range b {
				switch {
				case escaped:
					escaped = false
				case inString:
					escaped = c == '\\'
					inString = c != '"'
				case c == '"':
					inString = true
				case c == '{' || c == '[':
					depth++
				case c == '}' || c == ']':
					if depth--; depth == 0 {
						return i + int64(j) + 1, nil
					}
				}
			}
			i += int64(len(b))
			if p.in.fill() != nil {
				break
			}
		}
	}
	dec := json.NewDecoder(p.in.readerFrom(off))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return 0, err
	}
	return off + dec.InputOffset(), nil
}

// syntax turns what is wrong with the JSON from offset before on into an
// *Error at the right place, as encoding/json tells it, and passes on a
// failure to read the file.
func (p *decoder) syntax(err error, before int64) error {
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		if p.ctx == "" {
			return p.stop(p.in.end(), "", fmt.Errorf("empty file: want a JSON object that starts {\"format\": %q", Format))
		}
		return p.stop(p.in.end(), "", errors.New("unexpected end of file: the JSON is cut short"))
	case err != errSyntax && !isSyntax(err):
		return err
	}
	// Scan again from before with a fresh scanner, put in the same state
	// by ctx, and find the bad byte.
	fresh := json.NewDecoder(io.MultiReader(strings.NewReader(p.ctx), p.in.readerFrom(before)))
	var raw json.RawMessage
	var se *json.SyntaxError
	switch e := fresh.Decode(&raw); {
	case errors.As(e, &se) && se.Offset > int64(len(p.ctx)):
		return p.stop(before+se.Offset-1-int64(len(p.ctx)), "", fmt.Errorf("not valid JSON: %w", se))
	case e == io.ErrUnexpectedEOF:
		return p.syntax(e, before)
	}
	return p.stop(p.in.end(), "", fmt.Errorf("not valid JSON: %w", err))
}

func isSyntax(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se)
}

// stop records a problem in the file's frame and ends decoding.
func (p *decoder) stop(off int64, field string, err error) error {
	pos := p.in.position(off)
	if p.fail(&Error{File: p.name, Line: pos.line, Column: pos.col, Field: field, Err: err}) != nil {
		return errTooMany
	}
	return errStop
}
