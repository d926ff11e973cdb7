package embedded

import (
	"context"
	"maps"
	"slices"
	"strings"

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
	// Only the copy is made under the gate; sorting millions of records
	// is done after, so that no writer waits for it.
	sources := slices.Collect(maps.Values(m.sources))
	actors := make([]*store.Actor, 0, len(m.actors))
	for _, n := range m.actors {
		actors = append(actors, n.actor)
	}
	relations := slices.Collect(maps.Values(m.relations))
	unlock()
	slices.SortFunc(sources, func(a, b *store.Source) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(actors, func(a, b *store.Actor) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(relations, func(a, b *store.Relation) int { return strings.Compare(a.ID, b.ID) })
	if err := visitAll(ctx, sources, v.Source); err != nil {
		return err
	}
	if err := visitAll(ctx, actors, v.Actor); err != nil {
		return err
	}
	return visitAll(ctx, relations, v.Relation)
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
