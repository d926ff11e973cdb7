package embedded

import (
	"context"
	"maps"
	"slices"

	"github.com/ecograph/ecograph/internal/store"
)

// Dump calls v with every source, actor and relation, each kind in id
// order, as they stood when Dump began. Records are never changed once
// stored, so Dump takes them as a long reader (see gate) and lets go
// before it calls v: a slow writer of the export holds up no write.
func (s *Store) Dump(ctx context.Context, v store.Visitor) error {
	m, unlock, err := s.readLong(ctx)
	if err != nil {
		return err
	}
	sources := sortedValues(m.sources, func(src *store.Source) *store.Source { return src })
	actors := sortedValues(m.actors, func(n *node) *store.Actor { return n.actor })
	relations := sortedValues(m.relations, func(r *store.Relation) *store.Relation { return r })
	unlock()
	if err := visitAll(ctx, sources, v.Source); err != nil {
		return err
	}
	if err := visitAll(ctx, actors, v.Actor); err != nil {
		return err
	}
	return visitAll(ctx, relations, v.Relation)
}

// sortedValues returns the map's values in the order of their keys.
func sortedValues[V, T any](m map[string]V, value func(V) T) []T {
	out := make([]T, 0, len(m))
	for _, id := range slices.Sorted(maps.Keys(m)) {
		out = append(out, value(m[id]))
	}
	return out
}

// visitAll hands records to visit, stopping when the context ends.
func visitAll[T any](ctx context.Context, records []T, visit func(T) error) error {
	if visit == nil {
		return nil
	}
	for i, r := range records {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := visit(r); err != nil {
			return err
		}
	}
	return nil
}

// Lookup tells what the store holds of ids.
func (s *Store) Lookup(ctx context.Context, ids []string) (store.Known, error) {
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	k := store.NewKnownIDs()
	for _, id := range ids {
		if h := m.taken(id); h != "" {
			k.Holders[id] = h
			if a := m.actor(id); a != nil {
				k.Actors[id] = a
			}
		}
	}
	return k, nil
}
