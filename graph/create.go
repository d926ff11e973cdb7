package graph

import (
	"errors"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/store"
)

// maxCreateRecords bounds createMany as importGraph is bounded: one
// transaction of at most this many records.
const maxCreateRecords = maxImportRecords

// createManyDataset is what a createMany input asks the store to create,
// refused when it holds more than maxCreateRecords records.
func createManyDataset(in model.CreateManyInput) (store.Dataset, error) {
	if n := len(in.Sources) + len(in.Actors) + len(in.Relations); n > maxCreateRecords {
		return store.Dataset{}, store.Invalid("input", "at most %d records in one call, not %d: send them in several", maxCreateRecords, n)
	}
	d := store.Dataset{
		Sources:   make([]store.Source, len(in.Sources)),
		Actors:    make([]store.Actor, len(in.Actors)),
		Relations: make([]store.Relation, len(in.Relations)),
	}
	for i, s := range in.Sources {
		d.Sources[i] = newSource(s)
	}
	for i, a := range in.Actors {
		d.Actors[i] = newActor(a)
	}
	for i, r := range in.Relations {
		d.Relations[i] = newRelation(r)
	}
	return d, nil
}

// withinInput names a refused record's field from the mutation's
// argument: "actors[3].name" becomes "input.actors[3].name".
func withinInput(err error) error {
	var inv *store.InvalidError
	if errors.As(err, &inv) {
		return &store.InvalidError{Field: "input." + inv.Field, Message: inv.Message}
	}
	return err
}

// createManyPayload is what createMany answers: the records as stored.
func createManyPayload(d *store.Dataset) *model.CreateManyPayload {
	p := &model.CreateManyPayload{
		Sources:   make([]model.Source, len(d.Sources)),
		Actors:    make([]model.Actor, len(d.Actors)),
		Relations: make([]model.Relation, len(d.Relations)),
	}
	for i := range d.Sources {
		p.Sources[i] = *model.NewSource(&d.Sources[i])
	}
	for i := range d.Actors {
		p.Actors[i] = model.NewActor(&d.Actors[i])
	}
	for i := range d.Relations {
		p.Relations[i] = *model.NewRelation(&d.Relations[i])
	}
	return p
}
