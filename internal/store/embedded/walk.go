package embedded

import (
	"context"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/traverse"
)

// Neighborhood returns the actors within q.Depth hops of actor id and the
// relations among them, as traverse.Neighborhood walks them; a missing
// actor is a *store.NotFoundError.
func (s *Store) Neighborhood(ctx context.Context, id string, q store.NeighborhoodQuery) (*store.Subgraph, error) {
	if err := store.CheckFilters(q.Types, q.Kinds); err != nil {
		return nil, err
	}
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := m.mustExist(id); err != nil {
		return nil, err
	}
	r := traverse.Neighborhood(m, id, q)
	return &store.Subgraph{Actors: m.actorsOf(r.Actors), Relations: m.relationsOf(r.Relations), Truncated: r.Truncated}, nil
}

// ShortestPath returns a shortest path from one actor to another as
// traverse.ShortestPath finds it, or nil when none is within q.MaxLength;
// a missing actor is a *store.NotFoundError.
func (s *Store) ShortestPath(ctx context.Context, from, to string, q store.PathQuery) (*store.Path, error) {
	if err := store.CheckFilters(q.Types, q.Kinds); err != nil {
		return nil, err
	}
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := m.mustExist(from, to); err != nil {
		return nil, err
	}
	r, ok := traverse.ShortestPath(m, from, to, q)
	if !ok {
		return nil, nil
	}
	return &store.Path{Actors: m.actorsOf(r.Actors), Relations: m.relationsOf(r.Relations)}, nil
}

// Paths returns up to first simple paths from one actor to another,
// shortest first, as traverse.Paths finds them, and whether it may have
// left some out; a missing actor is a *store.NotFoundError.
func (s *Store) Paths(ctx context.Context, from, to string, q store.PathQuery, first int) ([]store.Path, bool, error) {
	if err := store.CheckFilters(q.Types, q.Kinds); err != nil {
		return nil, false, err
	}
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, false, err
	}
	defer unlock()
	if err := m.mustExist(from, to); err != nil {
		return nil, false, err
	}
	rs, truncated := traverse.Paths(m, from, to, q, first)
	paths := make([]store.Path, len(rs))
	for i, r := range rs {
		paths[i] = store.Path{Actors: m.actorsOf(r.Actors), Relations: m.relationsOf(r.Relations)}
	}
	return paths, truncated, nil
}

// CommonNeighbors returns the actors joined to both a and b, as
// traverse.Common finds them; a missing actor is a *store.NotFoundError.
func (s *Store) CommonNeighbors(ctx context.Context, a, b string, q store.NeighborsQuery) ([]*store.Actor, bool, error) {
	if err := store.CheckFilters(q.Types, q.Kinds); err != nil {
		return nil, false, err
	}
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, false, err
	}
	defer unlock()
	if err := m.mustExist(a, b); err != nil {
		return nil, false, err
	}
	ids, more := traverse.Common(m, a, b, q)
	return m.actorsOf(ids), more, nil
}

func (m *memory) mustExist(ids ...string) error {
	for _, id := range ids {
		if m.actors[id] == nil {
			return &store.NotFoundError{What: "actor", ID: id}
		}
	}
	return nil
}

func (m *memory) actorsOf(ids []string) []*store.Actor {
	out := make([]*store.Actor, len(ids))
	for i, id := range ids {
		out[i] = m.actor(id)
	}
	return out
}

func (m *memory) relationsOf(ids []string) []*store.Relation {
	out := make([]*store.Relation, len(ids))
	for i, id := range ids {
		out[i] = m.relations[id]
	}
	return out
}
