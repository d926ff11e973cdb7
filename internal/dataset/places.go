package dataset

import "strings"

// places remembers where the fields that refer to other records are in
// the file, so that Check's findings can be placed too.
type places struct {
	file    string
	records map[string][]recordPlace // by section, in the order of the dataset's records
}

// recordPlace is where one record and its referring fields are.
type recordPlace struct {
	index int    // in its section of the file
	id    string // as written
	at    map[string]position
}

func newPlaces(file string) *places {
	return &places{file: file, records: map[string][]recordPlace{}}
}

func (p *places) add(section string, r recordPlace) {
	p.records[section] = append(p.records[section], r)
}

// keep says which paths places holds: the record, its id, and what refers.
func keep(path string) bool {
	switch path {
	case "", "id", "country", "from", "to":
		return true
	}
	return strings.HasPrefix(path, "citations[") && strings.HasSuffix(path, "].source")
}

// errorAt builds the error for the i-th record of a section of d; without
// places (a dataset not read from a file) it names the record only.
func (p *places) errorAt(section string, i int, id, field string, err error) *Error {
	if p == nil {
		return &Error{Record: label(section, i, id), Field: field, Err: err}
	}
	r := p.records[section][i]
	pos, ok := r.at[field]
	if !ok {
		pos = r.at[""]
	}
	return &Error{File: p.file, Line: pos.line, Column: pos.col, Record: label(section, r.index, r.id), Field: field, Err: err}
}
