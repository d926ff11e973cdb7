package embedded

import (
	"bytes"
	"context"

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

func planLoad(m *memory, d store.Dataset) (*change, error) {
	p, err := store.PlanLoad(d, m)
	if err != nil {
		return nil, err
	}
	return diff(m, p), nil
}

// diff keeps what differs from what is stored.
func diff(m *memory, p *store.LoadPlan) *change {
	c := &change{}
	for id, src := range p.Sources {
		b := encodeSource(src)
		if old := m.sources[id]; old == nil || !bytes.Equal(encodeSource(old), b) {
			c.sources = append(c.sources, put[*store.Source]{src, id, b})
		}
	}
	for id, a := range p.Actors {
		b := encodeActor(a)
		if old := m.actor(id); old == nil || !bytes.Equal(encodeActor(old), b) {
			c.actors = append(c.actors, put[*store.Actor]{a, id, b})
		}
	}
	for id, r := range p.Relations {
		b := encodeRelation(r)
		if old := m.relations[id]; old == nil || !bytes.Equal(encodeRelation(old), b) {
			c.relations = append(c.relations, put[*store.Relation]{r, id, b})
		}
	}
	return c
}

// Create writes new records in one transaction (store.Writer.Create).
func (s *Store) Create(ctx context.Context, in store.Dataset) (*store.Dataset, error) {
	var out *store.Dataset
	err := s.write(ctx, func(m *memory) (*change, error) {
		d := in.Clone()
		for _, g := range store.NewIDs(&d) {
			for m.taken(*g.ID) != "" {
				*g.ID = store.NewID(g.From)
			}
		}
		p, err := store.PlanCreate(d, m)
		if err != nil {
			return nil, err
		}
		out = p.Created(d)
		return diff(m, p), nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
