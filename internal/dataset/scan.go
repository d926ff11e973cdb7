package dataset

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// Scan reads an ecograph/v1 JSON file a record at a time and calls visit
// with each valid record, in file order. name is the file's name as errors
// should show it. Each record is held to the store's rules as Decode holds
// it, and an id used twice is refused; what a record refers to is not
// looked at (that needs the other records: Check, or the importer).
//
// Scan keeps in memory one record at a time and the ids it has seen, about
// 70 bytes each; a file of a million relations is read in under ten
// seconds (BenchmarkScan).
//
// A bad record is not passed to visit: its problem is noted and Scan goes
// on, to report up to ten problems at the end as an ErrorList (see Decode).
// An error from visit stops Scan and is returned as it is. A failure to
// read r is returned wrapped. A UTF-8 byte order mark at the start is
// skipped.
func Scan(r io.Reader, name string, visit func(Record) error) error {
	s := newScanner(visit)
	return s.finish(s.json(r, name))
}

// ScanFile reads the file at path with Scan or ScanCSV: by its extension,
// .json or .csv (in any case), and for any other name by its first
// character that is not blank: a JSON file starts with "{".
func ScanFile(path string, visit func(Record) error) error {
	s := newScanner(visit)
	return s.finish(s.file(path))
}

// ScanFiles reads several files as one dataset, one after another in the
// order given, with ScanFile's choice of format: an id may be used once in
// all of them, and the problems found in all of them are reported together
// (up to ten). Give the files that define sources and actors before those
// that refer to them, such as sources.csv, actors.csv, relations.csv.
func ScanFiles(paths []string, visit func(Record) error) error {
	s := newScanner(visit)
	for _, path := range paths {
		if err := s.file(path); err != nil {
			return s.finish(err)
		}
	}
	return s.finish(nil)
}

// scanner is what reading one or more files shares: the visitor, the ids
// seen and the problems found.
type scanner struct {
	visit func(Record) error
	ids   *idSet
	errs  ErrorList
}

var (
	errTooMany = errors.New("too many errors")
	// errStop ends reading a file after a problem that leaves nothing
	// sensible to read further in it; the problem is in errs.
	errStop = errors.New("stop")
)

// visitError carries an error from visit out, to be returned as it is.
type visitError struct{ err error }

func (e visitError) Error() string { return e.err.Error() }

func newScanner(visit func(Record) error) *scanner {
	return &scanner{visit: visit, ids: newIDSet()}
}

// file reads one file in the format its name or start says.
func (s *scanner) file(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	in := bufio.NewReaderSize(f, 64<<10)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return s.json(in, path)
	case ".csv":
		return s.csv(in, path)
	}
	if looksLikeCSV(in) {
		return s.csv(in, path)
	}
	return s.json(in, path)
}

// looksLikeCSV says whether a file of unknown format holds something other
// than JSON: its first character that is not blank is not "{". An empty file
// is left to the JSON reader, which says what the file should hold.
func looksLikeCSV(in *bufio.Reader) bool {
	for n := 64; ; n *= 2 {
		b, err := in.Peek(n)
		b = bytes.TrimPrefix(b, bom)
		if i := bytes.IndexFunc(b, func(r rune) bool { return !strings.ContainsRune(" \t\r\n", r) }); i >= 0 {
			return b[i] != '{'
		}
		if err != nil || n >= in.Size() {
			return false
		}
	}
}

// bom is the UTF-8 byte order mark some programs, spreadsheets above all,
// start a file with.
var bom = []byte("\ufeff")

// skipBOM returns r without a byte order mark at its start.
func skipBOM(r io.Reader) io.Reader {
	in, ok := r.(*bufio.Reader)
	if !ok {
		in = bufio.NewReaderSize(r, 64<<10)
	}
	if b, _ := in.Peek(len(bom)); bytes.Equal(b, bom) {
		_, _ = in.Discard(len(bom))
	}
	return in
}

// accept takes a valid record: if its id is new, it goes to visit.
func (s *scanner) accept(rec Record) error {
	if err := s.ids.add(rec.At.ID, &rec.At); err != nil {
		return s.fail(rec.At.Error("id", err))
	}
	if err := s.visit(rec); err != nil {
		return visitError{err}
	}
	return nil
}

// fail notes a problem; after maxErrors of them it ends the reading.
func (s *scanner) fail(e *Error) error {
	s.errs = append(s.errs, e)
	if len(s.errs) >= maxErrors {
		return errTooMany
	}
	return nil
}

// finish gives what a scan returns, given how reading the last file ended.
func (s *scanner) finish(err error) error {
	var ve visitError
	switch {
	case errors.As(err, &ve):
		return ve.err
	case errors.Is(err, errTooMany):
		file := ""
		if len(s.ids.files) > 0 {
			file = s.ids.files[len(s.ids.files)-1]
		}
		s.errs = append(s.errs, &Error{File: file, Err: errTooMany})
	case err != nil && !errors.Is(err, errStop):
		return err
	}
	return s.errs.err()
}

// readFailure wraps a failure to read a file.
func readFailure(name string, err error) error {
	return fmt.Errorf("reading %s: %w", name, err)
}

// collect gathers what a scan visits into a dataset, and where each record
// is, for Decode and Read.
type collect struct {
	d  store.Dataset
	at places
}

func (c *collect) visit(rec Record) error {
	switch {
	case rec.Source != nil:
		c.d.Sources = append(c.d.Sources, *rec.Source)
	case rec.Actor != nil:
		c.d.Actors = append(c.d.Actors, *rec.Actor)
	case rec.Relation != nil:
		c.d.Relations = append(c.d.Relations, *rec.Relation)
	}
	c.at[rec.At.Section] = append(c.at[rec.At.Section], rec.At)
	return nil
}
