package dataset

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// The store's rules, run on records as Decode reads them. The store names
// a bad list element by the list ("names.lang"); the file wants to say
// which element ("names[2].lang"), found by validating the record again
// with the list cut down to one element at a time.

func validateSource(s *store.Source) *fieldError {
	return located(store.ValidateSource(s), nil)
}

func validateActor(a *store.Actor) *fieldError {
	return located(store.ValidateActor(a), map[string]list{
		"names": {len(a.Names), func(i int) error {
			b := *a
			b.Names = a.Names[i : i+1]
			return store.ValidateActor(&b)
		}},
		"aliases": {len(a.Aliases), func(i int) error {
			b := *a
			b.Aliases = a.Aliases[i : i+1]
			return store.ValidateActor(&b)
		}},
		"citations": {len(a.Citations), func(i int) error {
			b := *a
			b.Citations = a.Citations[i : i+1]
			return store.ValidateActor(&b)
		}},
	})
}

// validateRelation holds a relation to the store's rules but one: which
// kinds of actor it may point to, which needs the actor at its far end.
// Check applies that rule when the far end is in the dataset, and the
// store does when the relation is written.
func validateRelation(r *store.Relation) *fieldError {
	return located(relationAnyKind(r), map[string]list{
		"citations": {len(r.Citations), func(i int) error {
			b := *r
			b.Citations = r.Citations[i : i+1]
			return relationAnyKind(&b)
		}},
	})
}

// relationAnyKind validates r as if its far end were of whichever kind
// suits it. ValidateRelation reports a far end of the wrong kind at field
// "to"; a failure that does not depend on the kind fails for every kind
// alike, and one found after the kind rule is at a field other than "to".
func relationAnyKind(r *store.Relation) error {
	if k, ok := suits[r.Type]; ok {
		// The kind that suits the type; trying the others first would
		// cost as much as the rest of reading the record.
		return store.ValidateRelation(r, "", k)
	}
	var first error
	for _, k := range store.Kinds {
		err := store.ValidateRelation(r, "", k)
		if err == nil {
			return nil
		}
		var ie *store.InvalidError
		if errors.As(err, &ie) && ie.Field != "to" {
			return err
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// suits is a kind of actor each relation type may point to, found by
// trying them on a relation that is otherwise good. It is filled once and
// only read.
var suits = func() map[store.RelationType]store.Kind {
	m := map[store.RelationType]store.Kind{}
	for _, t := range store.RelationTypes {
		for _, k := range store.Kinds {
			if store.ValidateRelation(&store.Relation{ID: "r", Type: t, From: "a", To: "b"}, "", k) == nil {
				m[t] = k
				break
			}
		}
	}
	return m
}()

// list lets located find the bad element of a list field: one validates
// the record with the list cut down to its element i.
type list struct {
	n   int
	one func(i int) error
}

// located turns a store error into a fieldError, with the index of the
// bad element when the field is in lists.
func located(err error, lists map[string]list) *fieldError {
	if err == nil {
		return nil
	}
	var ie *store.InvalidError
	if !errors.As(err, &ie) {
		return &fieldError{"", err}
	}
	name, _, _ := strings.Cut(ie.Field, ".")
	l, ok := lists[name]
	if !ok {
		return &fieldError{ie.Field, err}
	}
	for i := range l.n {
		var e *store.InvalidError
		if errors.As(l.one(i), &e) && e.Field == ie.Field {
			return &fieldError{fmt.Sprintf("%s[%d]%s", name, i, strings.TrimPrefix(ie.Field, name)), err}
		}
	}
	// The list as a whole, as when it is too long.
	return &fieldError{ie.Field, err}
}
