package dataset

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// Error is one problem in a dataset, placed as precisely as is known:
//
//	seed.json:41:18: actors[3] ("sch-startup-1"): founded: "24 July" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD
//
// Line and Column count from 1, the column in characters; they are zero when
// the dataset did not come from a file (Check). Record indexes count from 0.
type Error struct {
	File   string // the name Decode or Read was given
	Line   int
	Column int
	Record string // the record, as `actors[3] ("sch-startup-1")`; empty for the file's frame
	Field  string // the field within the record, as "founded" or "names[1].lang"
	Err    error  // what is wrong with it
}

func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d:%d: ", e.File, e.Line, e.Column)
	case e.File != "":
		b.WriteString(e.File + ": ")
	}
	if e.Record != "" {
		b.WriteString(e.Record + ": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	var ie *store.InvalidError
	if errors.As(e.Err, &ie) {
		// The store names its field without the list index; Field has it.
		b.WriteString(ie.Message)
	} else {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap gives the cause, such as a *store.InvalidError.
func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, store.ErrInvalid) true: a bad dataset is bad input.
func (e *Error) Is(target error) bool { return target == store.ErrInvalid }

// ErrorList is every problem found in a dataset, in file order, one per
// line. Decode stops after maxErrors of them.
type ErrorList []*Error

func (l ErrorList) Error() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Unwrap gives the errors, so that errors.As finds the first *Error.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// err returns the list as an error, nil when it is empty.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// sorted puts the list in file order; errors without a line go last.
func (l ErrorList) sorted() ErrorList {
	line := func(e *Error) int {
		if e.Line == 0 {
			return math.MaxInt
		}
		return e.Line
	}
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(line(a), line(b)), cmp.Compare(a.Column, b.Column))
	})
	return l
}

// maxErrors is how many problems Decode reports before it gives up: enough
// to fix a file in one go, few enough to read.
const maxErrors = 10

// label names a record as errors show it: actors[3] ("sch-startup-1").
func label(section string, index int, id string) string {
	if id == "" {
		return fmt.Sprintf("%s[%d]", section, index)
	}
	return fmt.Sprintf("%s[%d] (%q)", section, index, clip(id))
}

// clip shortens a bad value quoted back in an error.
func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	r := []rune(s)
	if len(r) <= 60 {
		return s
	}
	return string(r[:57]) + "..."
}
