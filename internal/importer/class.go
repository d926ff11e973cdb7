package importer

import (
	"github.com/ecograph/ecograph/internal/dataset"
	"github.com/ecograph/ecograph/internal/store"
)

// class is a class of record in the order an import may have to write
// them: a record refers only to records of its own or earlier classes
// (a country cites sources; an actor is in a country; a relation joins
// actors, countries among them).
type class int

const (
	classSource class = iota
	classCountry
	classActor
	classRelation
	numClasses
)

// classes is a set of classes.
type classes uint8

func (c class) set() classes { return 1 << c }

func classOf(holder string, kind store.Kind) class {
	switch {
	case holder == holderSource:
		return classSource
	case holder == holderRelation:
		return classRelation
	case kind == store.KindCountry:
		return classCountry
	}
	return classActor
}

// classOfRecord is the class of a record read from a file.
func classOfRecord(r dataset.Record) class {
	switch {
	case r.Source != nil:
		return classSource
	case r.Actor != nil && r.Actor.Kind == store.KindCountry:
		return classCountry
	case r.Actor != nil:
		return classActor
	}
	return classRelation
}
