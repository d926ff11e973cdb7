package store

import "fmt"

// Creating many records in one transaction (Writer.Create) is a load of
// new records only: each is checked as its own Create method checks it,
// and an id that anything holds already, in the store or earlier in the
// same call, is refused. The checks are PlanLoad's, which makes a
// relation's ends and an actor's country visible within the call.

// A GeneratedID is an id that NewIDs made for a record that had none:
// where it went, and the name a new one is made from (NewID) should it be
// taken.
type GeneratedID struct {
	ID   *string
	From string
}

// NewIDs gives every record of d without an id one from NewID, made from
// what the Create methods make it from: a source's title, an actor's
// name, a relation's ends and type. It writes into d's slices: give it a
// copy (Dataset.Clone). The store must still check each against what it
// holds; PlanCreate refuses one that is taken.
func NewIDs(d *Dataset) []GeneratedID {
	var gen []GeneratedID
	add := func(id *string, from string) {
		if *id == "" {
			*id = NewID(from)
			gen = append(gen, GeneratedID{ID: id, From: from})
		}
	}
	for i := range d.Sources {
		add(&d.Sources[i].ID, d.Sources[i].Title)
	}
	for i := range d.Actors {
		add(&d.Actors[i].ID, d.Actors[i].Name)
	}
	for i := range d.Relations {
		r := &d.Relations[i]
		add(&r.ID, r.From+"-"+string(r.Type)+"-"+r.To)
	}
	return gen
}

// Clone returns a copy of d whose records can be changed (ids filled in)
// without changing d's.
func (d Dataset) Clone() Dataset {
	return Dataset{
		Sources:   append([]Source(nil), d.Sources...),
		Actors:    append([]Actor(nil), d.Actors...),
		Relations: append([]Relation(nil), d.Relations...),
	}
}

// Len is the number of records in d.
func (d Dataset) Len() int { return len(d.Sources) + len(d.Actors) + len(d.Relations) }

// PlanCreate checks a dataset of new records against what a store holds:
// PlanLoad's checks, errors naming the record ("actors[3].name"), and
// besides them a *ConflictError for an id that the store holds already or
// that an earlier record of d names. Every id must be set (NewIDs).
func PlanCreate(d Dataset, k Known) (*LoadPlan, error) {
	named := map[string]record{}
	check := func(at record, what, id string) error {
		if err := Conflict(k, what, id); err != nil {
			if c, ok := err.(*ConflictError); ok {
				c.Reason = fmt.Sprintf("(%s) %s", at, c.Reason)
			}
			return err
		}
		if first, ok := named[id]; ok && id != "" {
			return &ConflictError{What: what, ID: id, Reason: fmt.Sprintf("(%s) is named by %s already", at, first)}
		}
		named[id] = at
		return nil
	}
	for i, s := range d.Sources {
		if err := check(record{"sources", i}, "source", s.ID); err != nil {
			return nil, err
		}
	}
	for i, a := range d.Actors {
		if err := check(record{"actors", i}, "actor", a.ID); err != nil {
			return nil, err
		}
	}
	for i, r := range d.Relations {
		if err := check(record{"relations", i}, "relation", r.ID); err != nil {
			return nil, err
		}
	}
	return PlanLoad(d, k)
}

// Created returns d's records as the plan stores them, in d's order: what
// Writer.Create returns.
func (p *LoadPlan) Created(d Dataset) *Dataset {
	out := &Dataset{
		Sources:   make([]Source, len(d.Sources)),
		Actors:    make([]Actor, len(d.Actors)),
		Relations: make([]Relation, len(d.Relations)),
	}
	for i, s := range d.Sources {
		out.Sources[i] = *p.Sources[s.ID]
	}
	for i, a := range d.Actors {
		out.Actors[i] = *p.Actors[a.ID]
	}
	for i, r := range d.Relations {
		out.Relations[i] = *p.Relations[r.ID]
	}
	return out
}

// PlanOne checks the one record of d as its own Create method checks it:
// CreateActor's, CreateRelation's or CreateSource's checks, in their
// order and with their errors, against k. It returns the plan that writes
// the record, on k, so that a later call can be planned on it (a store
// that writes several calls in one transaction). The record's id must be
// set (NewIDs).
func PlanOne(d Dataset, k Known) (*LoadPlan, error) {
	p := &LoadPlan{Sources: map[string]*Source{}, Actors: map[string]*Actor{}, Relations: map[string]*Relation{}, known: k}
	switch {
	case d.Len() != 1:
		return nil, fmt.Errorf("PlanOne: %d records, want one", d.Len())
	case len(d.Actors) == 1:
		a := CloneActor(d.Actors[0])
		if err := ValidateActor(a); err != nil {
			return nil, err
		}
		if err := Conflict(k, "actor", a.ID); err != nil {
			return nil, err
		}
		if err := CheckActorRefs(a, k); err != nil {
			return nil, err
		}
		p.Actors[a.ID] = a
	case len(d.Relations) == 1:
		r := CloneRelation(d.Relations[0])
		from, to, err := RelationEnds(r, k)
		if err != nil {
			return nil, err
		}
		if err := CheckNewRelation(r, from, to, k); err != nil {
			return nil, err
		}
		p.Relations[r.ID] = r
	default:
		src := d.Sources[0]
		if err := ValidateSource(&src); err != nil {
			return nil, err
		}
		if err := Conflict(k, "source", src.ID); err != nil {
			return nil, err
		}
		p.Sources[src.ID] = &src
	}
	return p, nil
}
