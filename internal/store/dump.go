package store

import (
	"cmp"
	"context"
	"slices"
)

// Dumper hands over the whole network, a record at a time: what export
// reads.
type Dumper interface {
	// Dump calls v with every source, then every actor, then every
	// relation, each kind in id order (byte order), as one consistent
	// view where the store can give one. An error from v stops the dump
	// and is returned as it is.
	Dump(ctx context.Context, v Visitor) error
}

// Visitor takes records from a dump; a nil func skips its kind.
type Visitor struct {
	Source   func(*Source) error
	Actor    func(*Actor) error
	Relation func(*Relation) error
}

// Dump calls v with the dataset's records in a Dumper's order, without
// changing d.
func (d Dataset) Dump(_ context.Context, v Visitor) error {
	if err := visitSorted(d.Sources, func(s *Source) string { return s.ID }, v.Source); err != nil {
		return err
	}
	if err := visitSorted(d.Actors, func(a *Actor) string { return a.ID }, v.Actor); err != nil {
		return err
	}
	return visitSorted(d.Relations, func(r *Relation) string { return r.ID }, v.Relation)
}

func visitSorted[T any](records []T, id func(*T) string, visit func(*T) error) error {
	if visit == nil {
		return nil
	}
	order := make([]int, len(records))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(id(&records[a]), id(&records[b])) })
	for _, i := range order {
		r := records[i]
		if err := visit(&r); err != nil {
			return err
		}
	}
	return nil
}

// Part is a part of a document written from a dump: a head and the
// sources, the actors, the relations, the tail.
type Part int

// The parts of a dump, in order.
const (
	PartSources Part = iota + 1
	PartActors
	PartRelations
	PartEnd
)

// Parts calls Enter once for each part of a document, in order, as a
// visitor reaches it: a writer with a head, a section per kind of record
// and a tail needs each once even when the Dumper skips the kinds of
// record it holds none of.
type Parts struct {
	at    Part
	Enter func(Part)
}

// To enters every part up to part that was not entered yet.
func (p *Parts) To(part Part) {
	for p.at < part {
		p.at++
		p.Enter(p.at)
	}
}
