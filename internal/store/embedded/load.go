package embedded

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/ecograph/ecograph/internal/store"
)

// Load upserts a dataset by id in one transaction: sources, then actors,
// then relations, which may refer to actors and sources stored already or
// in the dataset. Every record is checked as the Create methods check
// them, and an error names the record and field, as in "actors[3].kind"
// or "relations[12].to"; an actor's kind cannot change, and an id cannot
// name two things (a *store.ConflictError). One bad record refuses the
// whole dataset. A record that appears twice counts as its last
// appearance. Records equal to what is stored are skipped, so loading the
// same dataset twice changes nothing.
func (s *Store) Load(ctx context.Context, d store.Dataset) error {
	return s.write(ctx, func(m *memory) (*change, error) { return planLoad(m, d) })
}

// loadPlan is a dataset as it will stand once loaded: the last record of
// each id, by what it is.
type loadPlan struct {
	m         *memory
	sources   map[string]*store.Source
	actors    map[string]*store.Actor
	relations map[string]*store.Relation
}

// record names the record a Load error is about, as "actors[3]".
type record struct {
	list string
	i    int
}

func (r record) String() string { return fmt.Sprintf("%s[%d]", r.list, r.i) }

func planLoad(m *memory, d store.Dataset) (*change, error) {
	p := &loadPlan{
		m:         m,
		sources:   make(map[string]*store.Source, len(d.Sources)),
		actors:    make(map[string]*store.Actor, len(d.Actors)),
		relations: make(map[string]*store.Relation, len(d.Relations)),
	}
	for i := range d.Sources {
		src := d.Sources[i]
		at := record{"sources", i}
		if err := store.ValidateSource(&src); err != nil {
			return nil, within(at, err)
		}
		if err := p.own(at, "source", src.ID); err != nil {
			return nil, err
		}
		p.sources[src.ID] = &src
	}
	for i := range d.Actors {
		a := cloneActor(d.Actors[i])
		at := record{"actors", i}
		if err := store.ValidateActor(a); err != nil {
			return nil, within(at, err)
		}
		if err := p.own(at, "actor", a.ID); err != nil {
			return nil, err
		}
		if old := m.actor(a.ID); old != nil && old.Kind != a.Kind {
			return nil, store.Invalid(at.String()+".kind", "actor %q is a %s and cannot become a %s", a.ID, old.Kind, a.Kind)
		}
		p.actors[a.ID] = a
	}
	// Countries may come later in the dataset than the actors in them.
	for i := range d.Actors {
		if err := checkActorRefs(&d.Actors[i], p.actor, p.hasSource); err != nil {
			return nil, within(record{"actors", i}, err)
		}
	}
	for i := range d.Relations {
		r := cloneRelation(d.Relations[i])
		at := record{"relations", i}
		from, to, err := relationEnds(r, p.actor)
		if err != nil {
			return nil, within(at, err)
		}
		if err := store.ValidateRelation(r, from.Kind, to.Kind); err != nil {
			return nil, within(at, err)
		}
		if err := p.own(at, "relation", r.ID); err != nil {
			return nil, err
		}
		if err := checkCitations(r.Citations, p.hasSource); err != nil {
			return nil, within(at, err)
		}
		p.relations[r.ID] = r
	}
	return p.change(), nil
}

// own claims id for a record of the dataset: the same id may not name two
// different things, in the dataset or in the store.
func (p *loadPlan) own(at record, what, id string) error {
	holder := p.m.taken(id)
	switch {
	case holder != "" && holder != what:
		return &store.ConflictError{What: what, ID: id, Reason: fmt.Sprintf("(%s) cannot take the id of an existing %s", at, holder)}
	case what != "source" && p.sources[id] != nil:
		holder = "source"
	case what != "actor" && p.actors[id] != nil:
		holder = "actor"
	default:
		return nil
	}
	return &store.ConflictError{What: what, ID: id, Reason: fmt.Sprintf("(%s) cannot take the id of a %s in the same dataset", at, holder)}
}

func (p *loadPlan) actor(id string) *store.Actor {
	if a := p.actors[id]; a != nil {
		return a
	}
	return p.m.actor(id)
}

func (p *loadPlan) hasSource(id string) bool { return p.sources[id] != nil || p.m.sources[id] != nil }

// change keeps what differs from what is stored.
func (p *loadPlan) change() *change {
	c := &change{}
	for id, src := range p.sources {
		b := encodeSource(src)
		if old := p.m.sources[id]; old == nil || !bytes.Equal(encodeSource(old), b) {
			c.sources = append(c.sources, put[*store.Source]{src, id, b})
		}
	}
	for id, a := range p.actors {
		b := encodeActor(a)
		if old := p.m.actor(id); old == nil || !bytes.Equal(encodeActor(old), b) {
			c.actors = append(c.actors, put[*store.Actor]{a, id, b})
		}
	}
	for id, r := range p.relations {
		b := encodeRelation(r)
		if old := p.m.relations[id]; old == nil || !bytes.Equal(encodeRelation(old), b) {
			c.relations = append(c.relations, put[*store.Relation]{r, id, b})
		}
	}
	return c
}

// within puts an InvalidError's field inside the record at: "kind" of
// actors[3] is "actors[3].kind".
func within(at record, err error) error {
	var inv *store.InvalidError
	if errors.As(err, &inv) {
		return &store.InvalidError{Field: at.String() + "." + inv.Field, Message: inv.Message}
	}
	return err
}
