package dataset

import (
	"strconv"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// Record is one record read from a file: exactly one of Source, Actor and
// Relation is set.
type Record struct {
	Source   *store.Source
	Actor    *store.Actor
	Relation *store.Relation
	At       Place
}

// id is the record's id.
func (r *Record) id() string {
	switch {
	case r.Source != nil:
		return r.Source.ID
	case r.Actor != nil:
		return r.Actor.ID
	case r.Relation != nil:
		return r.Relation.ID
	}
	return ""
}

// Place says where a record is in its file, and where the fields that
// refer to other records are (a relation's from and to, an actor's country,
// a citation's source), so that a check made after reading, such as one
// across files, can point at them. Lines and columns count from 1; in a
// JSON file the column is in characters, in a CSV file it is the number of
// the column.
type Place struct {
	File    string // the name the file was read under
	Section string // "sources", "actors" or "relations"
	Index   int    // the record's index in its section (JSON) or file (CSV), from 0
	ID      string // the record's id as written
	Line    int    // where the record starts; 0 when not read from a file
	Column  int

	refs      [numRefs]position // where the id, from, to and country are
	citations []position        // JSON: where each citation's source is
	citeCell  position          // CSV: the cell that holds every citation
}

// The fields a Place keeps the position of, besides the citations'.
const (
	refID = iota
	refFrom
	refTo
	refCountry
	numRefs
)

var refFields = [numRefs]string{refID: "id", refFrom: "from", refTo: "to", refCountry: "country"}

// Error is an *Error about field of the record at p, such as "to" or
// "citations[2].source": placed at the field when p knows where it is and
// at the record otherwise. A Place of a record not read from a file gives
// an error that names the record only.
func (p Place) Error(field string, err error) *Error {
	e := &Error{Record: label(p.Section, p.Index, p.ID), Field: field, Err: err}
	if p.Line == 0 {
		return e
	}
	pos := p.field(field)
	if pos.line == 0 {
		pos = position{p.Line, p.Column}
	}
	e.File, e.Line, e.Column = p.File, pos.line, pos.col
	return e
}

// field is where field is, or the zero position.
func (p *Place) field(field string) position {
	for i, f := range refFields {
		if f == field {
			return p.refs[i]
		}
	}
	rest, ok := strings.CutPrefix(field, "citations[")
	switch {
	case !ok:
		return position{}
	case p.citeCell.line != 0:
		return p.citeCell
	}
	n, rest, _ := strings.Cut(rest, "]")
	i, err := strconv.Atoi(n)
	switch {
	case err != nil || (rest != "" && rest != ".source"):
		return position{}
	case i >= 0 && i < len(p.citations):
		return p.citations[i]
	}
	return position{}
}
