package embedded

import (
	"context"

	"github.com/ecograph/ecograph/internal/store"
	"github.com/ecograph/ecograph/internal/traverse"
)

// walk runs one of traverse's walks over memory as a long reader (see
// gate), after checking the walk's filters and that the actors it starts
// from exist (a missing one is a *store.NotFoundError). The walk stops
// when ctx ends, and walk then returns ctx's error.
func walk[T any](ctx context.Context, s *Store, types []store.RelationType, kinds []store.Kind, ids []string, run func(g *walkGraph) T) (T, error) {
	var zero T
	if err := store.CheckFilters(types, kinds); err != nil {
		return zero, err
	}
	m, unlock, err := s.readLong(ctx)
	if err != nil {
		return zero, err
	}
	defer unlock()
	if err := m.mustExist(ids...); err != nil {
		return zero, err
	}
	g := &walkGraph{memory: m, watch: store.NewWatch(ctx)}
	out := run(g)
	if err := g.watch.Err(); err != nil {
		return zero, err
	}
	return out, nil
}

// walkGraph is memory as one walk reads it: a traverse.Stopper that
// stops when the walk's context ends.
type walkGraph struct {
	*memory
	watch *store.Watch
}

// Stopped reports whether the walk's context has ended.
func (g *walkGraph) Stopped() bool { return g.watch.Stop() }

var _ traverse.Stopper = (*walkGraph)(nil)

// Neighborhood returns the actors within q.Depth hops of actor id and the
// relations among them, as traverse.Neighborhood walks them (the walk on
// slots, hood.go, gives the same answer faster).
func (s *Store) Neighborhood(ctx context.Context, id string, q store.NeighborhoodQuery) (*store.Subgraph, error) {
	return walk(ctx, s, q.Types, q.Kinds, []string{id}, func(m *walkGraph) *store.Subgraph {
		nodes, rels, truncated := m.neighborhood(m.actors[id], q, m.Stopped)
		return &store.Subgraph{Actors: actorsOfNodes(nodes), Relations: rels, Truncated: truncated}
	})
}

// ShortestPath returns a shortest path from one actor to another as
// traverse.ShortestPath finds it (the walk on slots, shortest.go, finds
// the same one faster), or nil when none is within q.MaxLength.
func (s *Store) ShortestPath(ctx context.Context, from, to string, q store.PathQuery) (*store.Path, error) {
	return walk(ctx, s, q.Types, q.Kinds, []string{from, to}, func(m *walkGraph) *store.Path {
		if q.MaxLength > maxMarkedDist {
			// Beyond what a marks word holds, and beyond what the API asks.
			r, ok := traverse.ShortestPath(m, from, to, q)
			if !ok {
				return nil
			}
			return &store.Path{Actors: m.actorsOf(r.Actors), Relations: m.relationsOf(r.Relations)}
		}
		nodes, rels, ok := m.shortestPath(m.actors[from], m.actors[to], q, m.Stopped)
		if !ok {
			return nil
		}
		return &store.Path{Actors: actorsOfNodes(nodes), Relations: m.relationsOf(rels)}
	})
}

// Paths returns up to first simple paths from one actor to another,
// shortest first, as traverse.Paths finds them, and whether it may have
// left some out.
func (s *Store) Paths(ctx context.Context, from, to string, q store.PathQuery, first int) ([]store.Path, bool, error) {
	type found struct {
		paths     []store.Path
		truncated bool
	}
	f, err := walk(ctx, s, q.Types, q.Kinds, []string{from, to}, func(m *walkGraph) found {
		rs, truncated := traverse.Paths(m, from, to, q, first)
		paths := make([]store.Path, len(rs))
		for i, r := range rs {
			paths[i] = store.Path{Actors: m.actorsOf(r.Actors), Relations: m.relationsOf(r.Relations)}
		}
		return found{paths, truncated}
	})
	return f.paths, f.truncated, err
}

// CommonNeighbors returns the actors joined to both a and b, as
// traverse.Common finds them.
func (s *Store) CommonNeighbors(ctx context.Context, a, b string, q store.NeighborsQuery) ([]*store.Actor, bool, error) {
	type common struct {
		actors []*store.Actor
		more   bool
	}
	c, err := walk(ctx, s, q.Types, q.Kinds, []string{a, b}, func(m *walkGraph) common {
		ids, more := traverse.Common(m, a, b, q)
		return common{m.actorsOf(ids), more}
	})
	return c.actors, c.more, err
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

func actorsOfNodes(nodes []*node) []*store.Actor {
	out := make([]*store.Actor, len(nodes))
	for i, n := range nodes {
		out[i] = n.actor
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
