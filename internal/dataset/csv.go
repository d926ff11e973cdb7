package dataset

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// ScanCSV reads one CSV file of records, as docs/format.md describes, and
// calls visit with each valid record in file order; it keeps to Scan's
// contract. Its header row says which records the file holds: an actors
// file has a kind column, a relations file a type column, a sources file a
// title column. Errors name the line and the number of the column (from
// 1), and the column's name as the field:
//
//	actors.csv:7:4: actors[5] ("x"): founded: "24 July" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD
func ScanCSV(r io.Reader, name string, visit func(Record) error) error {
	s := newScanner(visit)
	return s.finish(s.csv(r, name))
}

// table is what a CSV file's header says: which records its rows are and
// which field each column fills.
type table struct {
	kind  recordKind
	shape *shape
	typ   reflect.Type // the wire struct of a row
	cols  []int        // for each column, the index of its field in shape
	at    map[string]int
}

// tables are the three sorts of CSV file, each known by a column only it has.
var tables = []struct {
	column string
	kind   recordKind
	typ    reflect.Type
}{
	{"title", kindSource, reflect.TypeFor[wireSource]()},
	{"kind", kindActor, reflect.TypeFor[wireActor]()},
	{"type", kindRelation, reflect.TypeFor[wireRelation]()},
}

// csvReader reads one CSV file.
type csvReader struct {
	*scanner
	name string
	in   *csv.Reader
	t    *table
}

func (s *scanner) csv(r io.Reader, name string) error {
	s.ids.file(name)
	in := skipBOM(r).(*bufio.Reader)
	if err := s.notJSON(in, name); err != nil {
		return err
	}
	c := &csvReader{scanner: s, name: name, in: csv.NewReader(in)}
	c.in.FieldsPerRecord = -1 // a row of the wrong length is reported as such
	c.in.ReuseRecord = true
	header, err := c.in.Read()
	switch {
	case err == io.EOF:
		return c.stop(position{1, 1}, "", errors.New("empty file: want a header row that names the columns, such as id,kind,name"))
	case err != nil:
		return c.readError(err)
	}
	if c.t, err = c.header(header); err != nil {
		return err
	}
	for i := 0; ; i++ {
		row, err := c.in.Read()
		switch {
		case err == io.EOF:
			return nil
		case err != nil:
			return c.readError(err)
		}
		if err := c.row(i, row); err != nil {
			return err
		}
	}
}

// notJSON refuses a JSON file given as CSV, which the CSV reader would
// call a bad quote.
func (s *scanner) notJSON(in *bufio.Reader, name string) error {
	b, _ := in.Peek(64)
	trimmed := bytes.TrimLeft(b, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil
	}
	blanks := b[:len(b)-len(trimmed)]
	line := 1 + bytes.Count(blanks, []byte{'\n'})
	col := 1 + len(blanks) - (bytes.LastIndexByte(blanks, '\n') + 1)
	if s.fail(&Error{File: name, Line: line, Column: col, Err: errors.New(
		`not CSV: the file starts with "{", as JSON does; a CSV file starts with a header row, such as id,kind,name`)}) != nil {
		return errTooMany
	}
	return errStop
}

// header reads the header row.
func (c *csvReader) header(names []string) (*table, error) {
	t := &table{at: map[string]int{}}
	for _, tt := range tables {
		for _, n := range names {
			if n == tt.column && t.shape == nil {
				t.kind, t.typ, t.shape = tt.kind, tt.typ, shapes[tt.typ]
			}
		}
	}
	if t.shape == nil {
		return nil, c.stop(position{1, 1}, "", fmt.Errorf(
			"%q is not a header row: the first row names the columns; an actors file has a column kind, a relations file type, a sources file title", clip(strings.Join(names, ","))))
	}
	var err error
	fail := func(col int, field string, e error) {
		if err == nil || !errors.Is(err, errTooMany) {
			err = c.stop(position{c.line(col), col + 1}, field, e)
		}
	}
	for col, n := range names {
		f := -1
		for j := range t.shape.fields {
			if t.shape.fields[j].key == n {
				f = j
			}
		}
		_, twice := t.at[n]
		switch {
		case n == "":
			fail(col, "", fmt.Errorf("a column without a name: %s", t.columns()))
		case f < 0:
			fail(col, n, fmt.Errorf("unknown column: %s", t.columns()))
		case twice:
			fail(col, n, errors.New("appears twice"))
		}
		t.cols = append(t.cols, f)
		t.at[n] = col
	}
	for _, f := range t.shape.fields {
		if _, ok := t.at[f.key]; f.required && !ok {
			fail(0, f.key, fmt.Errorf("missing column: %s", t.columns()))
		}
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// columns says which columns a file of t's records has.
func (t *table) columns() string {
	var need, may []string
	for _, f := range t.shape.fields {
		if f.required {
			need = append(need, f.key)
		} else {
			may = append(may, f.key)
		}
	}
	article := "a"
	if t.kind == kindActor {
		article = "an"
	}
	return fmt.Sprintf("%s %s file needs %s and may have %s", article, t.kind.section(), strings.Join(need, ", "), strings.Join(may, ", "))
}

// row reads the i-th row after the header.
func (c *csvReader) row(i int, row []string) error {
	t := c.t
	section := t.kind.section()
	id := ""
	if col, ok := t.at["id"]; ok && col < len(row) {
		id = row[col]
	}
	at := Place{File: c.name, Section: section, Index: i, ID: id, Line: c.line(0), Column: 1}
	fail := func(col int, fe *fieldError) error {
		return c.fail(&Error{File: c.name, Line: c.line(min(col, len(row)-1)), Column: col + 1,
			Record: label(section, i, id), Field: fe.path, Err: fe.err})
	}
	if len(row) != len(t.cols) {
		return fail(min(len(row), len(t.cols)), &fieldError{"", fmt.Errorf("the row has %d cells and the header %d", len(row), len(t.cols))})
	}
	w := reflect.New(t.typ)
	for col, cell := range row {
		f := &t.shape.fields[t.cols[col]]
		if err := badCell(cell); err != nil {
			return fail(col, &fieldError{f.key, err})
		}
		if cell == "" {
			if f.required {
				return fail(col, &fieldError{f.key, fmt.Errorf("missing: %s needs one", t.shape.noun)})
			}
			continue
		}
		if fe := setCell(w.Elem().Field(f.index), f, cell); fe != nil {
			return fail(col, fe)
		}
	}
	var rec Record
	var fe *fieldError
	switch t.kind {
	case kindSource:
		rec.Source, fe = check(w.Interface().(*wireSource), (*wireSource).toStore, validateSource)
	case kindActor:
		rec.Actor, fe = check(w.Interface().(*wireActor), (*wireActor).toStore, validateActor)
	case kindRelation:
		rec.Relation, fe = check(w.Interface().(*wireRelation), (*wireRelation).toStore, validateRelation)
	}
	if fe != nil {
		key, _, _ := strings.Cut(fe.path, ".")
		key, _, _ = strings.Cut(key, "[")
		col, ok := t.at[key]
		if !ok {
			col = 0
		}
		return fail(col, fe)
	}
	for r, field := range refFields {
		if col, ok := t.at[field]; ok {
			at.refs[r] = position{c.line(col), col + 1}
		}
	}
	if col, ok := t.at["citations"]; ok {
		at.citeCell = position{c.line(col), col + 1}
	}
	rec.At = at
	return c.accept(rec)
}

// check converts a wire record and holds it to the store's rules.
func check[W, T any](w *W, convert func(*W) (T, *fieldError), validate func(*T) *fieldError) (*T, *fieldError) {
	v, fe := convert(w)
	if fe == nil {
		fe = validate(&v)
	}
	if fe != nil {
		return nil, fe
	}
	return &v, nil
}

// setCell fills the field f of a wire record from its cell.
func setCell(v reflect.Value, f *shapeField, cell string) *fieldError {
	switch f.typ {
	case reflect.TypeFor[string]():
		v.SetString(cell)
		return nil
	case reflect.TypeFor[*bool]():
		var b bool
		switch {
		case strings.EqualFold(cell, "true"):
			b = true
		case strings.EqualFold(cell, "false"):
		default:
			return &fieldError{f.key, fmt.Errorf("want true or false, got %q", clip(cell))}
		}
		v.Set(reflect.ValueOf(&b))
		return nil
	}
	// A list: aliases, or names and citations, whose items split at a colon.
	items, i, err := splitList(cell, f.typ.Elem().Kind() == reflect.Struct)
	if err != nil {
		return &fieldError{fmt.Sprintf("%s[%d]", f.key, i), err}
	}
	for i, it := range items {
		var e any
		switch f.typ {
		case reflect.TypeFor[[]string]():
			e = it.a
		case reflect.TypeFor[[]wireName]():
			if !it.colon {
				return &fieldError{fmt.Sprintf("%s[%d]", f.key, i),
					fmt.Errorf("%q has no language: write a name as lang:name, such as ko:서울", clip(it.a))}
			}
			e = wireName{Lang: it.a, Value: it.b}
		case reflect.TypeFor[[]wireCitation]():
			e = wireCitation{Source: it.a, Excerpt: it.b}
		}
		v.Set(reflect.Append(v, reflect.ValueOf(e)))
	}
	return nil
}

// line is the line the cell in column col (from 0) of the row just read
// starts on: a quoted cell may hold line breaks.
func (c *csvReader) line(col int) int {
	line, _ := c.in.FieldPos(max(col, 0))
	return line
}

// readError turns what the CSV reader says of a bad file into an *Error,
// and passes on a failure to read the file.
func (c *csvReader) readError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return readFailure(c.name, err)
	}
	return c.stop(position{pe.Line, pe.Column}, "", fmt.Errorf("not valid CSV: %w", pe.Err))
}

// stop notes a problem with the file as a whole and ends reading it.
func (c *csvReader) stop(at position, field string, err error) error {
	if c.fail(&Error{File: c.name, Line: at.line, Column: at.col, Field: field, Err: err}) != nil {
		return errTooMany
	}
	return errStop
}
