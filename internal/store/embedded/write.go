package embedded

import (
	"context"

	"github.com/ecograph/ecograph/internal/store"
)

// CreateActor writes a new actor and returns it as stored. An empty ID gets
// one from store.NewID(name). The checks, in order: store.ValidateActor; a
// taken id (by an actor, a relation or a source: they share one
// namespace) is a *store.ConflictError; CountryID, when set, must name a
// COUNTRY actor (else invalid "country"); every citation must name a
// stored source (else invalid "citations.source").
func (s *Store) CreateActor(ctx context.Context, in store.Actor) (*store.Actor, error) {
	a := store.CloneActor(in)
	err := s.write(ctx, func(m *memory) (*change, error) {
		if a.ID == "" {
			a.ID = freshID(m, a.Name)
		}
		if err := store.ValidateActor(a); err != nil {
			return nil, err
		}
		if err := store.Conflict(m, "actor", a.ID); err != nil {
			return nil, err
		}
		if err := store.CheckActorRefs(a, m); err != nil {
			return nil, err
		}
		c := &change{}
		c.putActor(a)
		return c, nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// UpdateActor applies the patch (store.ActorPatch.Apply) to actor id and
// returns the result; a missing actor is a *store.NotFoundError. The
// result is checked as CreateActor checks a new actor; the kind never
// changes. A rename moves the actor in the Actors order and in its
// neighbours' relation lists.
func (s *Store) UpdateActor(ctx context.Context, id string, p store.ActorPatch) (*store.Actor, error) {
	var a *store.Actor
	err := s.write(ctx, func(m *memory) (*change, error) {
		old := m.actor(id)
		if old == nil {
			return nil, &store.NotFoundError{What: "actor", ID: id}
		}
		patched, err := p.Apply(*old)
		if err != nil {
			return nil, err
		}
		a = store.CloneActor(patched)
		if err := store.ValidateActor(a); err != nil {
			return nil, err
		}
		if err := store.CheckActorRefs(a, m); err != nil {
			return nil, err
		}
		c := &change{}
		c.putActor(a)
		if string(c.actors[0].rec) == string(encodeActor(old)) {
			a = old
			return nil, nil
		}
		return c, nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// DeleteActor deletes actor id and, in the same transaction, every
// relation from or to it, and clears the country of the actors located in
// it. A missing actor is a *store.NotFoundError.
func (s *Store) DeleteActor(ctx context.Context, id string) error {
	return s.write(ctx, func(m *memory) (*change, error) {
		n := m.actors[id]
		if n == nil {
			return nil, &store.NotFoundError{What: "actor", ID: id}
		}
		c := &change{deleteActors: []string{id}}
		for _, e := range n.edges {
			c.deleteRelations = append(c.deleteRelations, e.RelationID)
		}
		for _, other := range m.inCountry(id) {
			a := *m.actor(other)
			a.CountryID = ""
			c.putActor(&a)
		}
		return c, nil
	})
}

// CreateRelation writes a new relation between two stored actors and
// returns it as stored. An empty ID gets one from store.NewID of
// "from-type-to". The checks, in order: From and To must name actors
// (else invalid "from" or "to"); store.ValidateRelation; a taken id is a
// *store.ConflictError; every citation must name a stored source.
func (s *Store) CreateRelation(ctx context.Context, in store.Relation) (*store.Relation, error) {
	r := store.CloneRelation(in)
	err := s.write(ctx, func(m *memory) (*change, error) {
		from, to, err := store.RelationEnds(r, m)
		if err != nil {
			return nil, err
		}
		if r.ID == "" {
			r.ID = freshID(m, r.From+"-"+string(r.Type)+"-"+r.To)
		}
		if err := store.CheckNewRelation(r, from, to, m); err != nil {
			return nil, err
		}
		c := &change{}
		c.putRelation(r)
		return c, nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// DeleteRelation deletes relation id; a missing relation is a
// *store.NotFoundError.
func (s *Store) DeleteRelation(ctx context.Context, id string) error {
	return s.write(ctx, func(m *memory) (*change, error) {
		if m.relations[id] == nil {
			return nil, &store.NotFoundError{What: "relation", ID: id}
		}
		return &change{deleteRelations: []string{id}}, nil
	})
}

// CreateSource writes a new source and returns it as stored. An empty ID
// gets one from store.NewID(title); store.ValidateSource must pass; a
// taken id is a *store.ConflictError.
func (s *Store) CreateSource(ctx context.Context, in store.Source) (*store.Source, error) {
	src := in
	err := s.write(ctx, func(m *memory) (*change, error) {
		if src.ID == "" {
			src.ID = freshID(m, src.Title)
		}
		if err := store.ValidateSource(&src); err != nil {
			return nil, err
		}
		if err := store.Conflict(m, "source", src.ID); err != nil {
			return nil, err
		}
		c := &change{}
		c.putSource(&src)
		return c, nil
	})
	if err != nil {
		return nil, err
	}
	return &src, nil
}

// Holder, Actor and HasSource make memory a store.Known.
func (m *memory) Holder(id string) string { return m.taken(id) }

func (m *memory) Actor(id string) *store.Actor { return m.actor(id) }

func (m *memory) HasSource(id string) bool { return m.sources[id] != nil }

// freshID makes a new id from a name that nothing holds yet.
func freshID(m *memory, name string) string {
	for {
		if id := store.NewID(name); m.taken(id) == "" {
			return id
		}
	}
}
