package embedded

import (
	"context"
	"slices"

	"github.com/google/btree"

	"github.com/ecograph/ecograph/internal/store"
)

// Actor returns actor id, or a *store.NotFoundError.
func (s *Store) Actor(ctx context.Context, id string) (*store.Actor, error) {
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if a := m.actor(id); a != nil {
		return a, nil
	}
	return nil, &store.NotFoundError{What: "actor", ID: id}
}

// ActorsByID returns the actors in the order of ids, nil where an id names
// none; a missing id is not an error.
func (s *Store) ActorsByID(ctx context.Context, ids []string) ([]*store.Actor, error) {
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	out := make([]*store.Actor, len(ids))
	for i, id := range ids {
		out[i] = m.actor(id)
	}
	return out, nil
}

// Relation returns relation id, or a *store.NotFoundError.
func (s *Store) Relation(ctx context.Context, id string) (*store.Relation, error) {
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if r := m.relations[id]; r != nil {
		return r, nil
	}
	return nil, &store.NotFoundError{What: "relation", ID: id}
}

// Source returns source id, or a *store.NotFoundError.
func (s *Store) Source(ctx context.Context, id string) (*store.Source, error) {
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if src := m.sources[id]; src != nil {
		return src, nil
	}
	return nil, &store.NotFoundError{What: "source", ID: id}
}

// SourcesByID returns the sources in the order of ids, nil where an id
// names none; a missing id is not an error.
func (s *Store) SourcesByID(ctx context.Context, ids []string) ([]*store.Source, error) {
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	out := make([]*store.Source, len(ids))
	for i, id := range ids {
		out[i] = m.sources[id]
	}
	return out, nil
}

// Empty reports whether the store holds no actor, relation or source.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	m, unlock, err := s.read(ctx)
	if err != nil {
		return false, err
	}
	defer unlock()
	return len(m.actors)+len(m.relations)+len(m.sources) == 0, nil
}

// Actors pages through the actors of any of f.Kinds (all when empty)
// located in f.Country (anywhere when empty), ordered by SortKey(name),
// then id. p.After is a cursor from store.ActorCursor: the page starts
// after that position, whether or not its actor still exists; a cursor
// that is not one is the *store.InvalidError that store.ParseActorCursor
// returns. Total counts every actor the filter admits; HasNext tells
// whether any follow the page. A page costs the same wherever it starts.
func (s *Store) Actors(ctx context.Context, f store.ActorFilter, p store.Page) (*store.ActorPage, error) {
	var after actorItem
	if p.After != "" {
		key, id, err := store.ParseActorCursor(p.After)
		if err != nil {
			return nil, err
		}
		after = &node{key: key, actor: &store.Actor{ID: id}}
	}
	kinds, err := kindList(f.Kinds)
	if err != nil {
		return nil, err
	}
	m, unlock, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()

	// The filter's actors are the union of disjoint ordered sets: all of
	// them, or those of each kind asked for, in the country or anywhere.
	var sets []*btree.BTreeG[actorItem]
	switch {
	case f.Country == "" && kinds == nil:
		sets = append(sets, m.byName)
	case f.Country == "":
		for _, k := range kinds {
			sets = append(sets, m.byKind[k])
		}
	default:
		if kinds == nil {
			kinds = store.Kinds
		}
		for _, k := range kinds {
			sets = append(sets, m.byCountry[f.Country][k])
		}
	}
	first := max(p.First, 0)
	page := &store.ActorPage{Actors: []*store.Actor{}, Cursors: []string{}}
	var items []actorItem
	merged := 0
	for _, t := range sets {
		if t == nil {
			continue
		}
		page.Total += t.Len()
		items = appendAfter(items, t, after, first+1)
		merged++
	}
	if merged > 1 { // one set's items are in order already
		slices.SortFunc(items, compareItems)
	}
	if len(items) > first {
		page.HasNext = true
		items = items[:first]
	}
	for _, it := range items {
		a := it.actor
		page.Actors = append(page.Actors, a)
		page.Cursors = append(page.Cursors, store.ActorCursor(a))
	}
	return page, nil
}

// appendAfter appends to items up to n items of t that follow after (all
// from the start when after is nil).
func appendAfter(items []actorItem, t *btree.BTreeG[actorItem], after actorItem, n int) []actorItem {
	taken := 0
	visit := func(it actorItem) bool {
		if after != nil && !lessItem(after, it) {
			return true // the cursor's own item
		}
		if taken == n {
			return false
		}
		items = append(items, it)
		taken++
		return true
	}
	if after == nil {
		t.Ascend(visit)
	} else {
		t.AscendGreaterOrEqual(after, visit)
	}
	return items
}

// compareItems orders actors as lessItem does.
func compareItems(a, b actorItem) int {
	if lessItem(a, b) {
		return -1
	}
	if lessItem(b, a) {
		return 1
	}
	return 0
}

// kindList checks a kind filter: store.CheckKinds.
func kindList(kinds []store.Kind) ([]store.Kind, error) { return store.CheckKinds(kinds) }

// kindSet is kindList as a set; nil means every kind.
func kindSet(kinds []store.Kind) (map[store.Kind]bool, error) {
	list, err := kindList(kinds)
	if list == nil || err != nil {
		return nil, err
	}
	set := make(map[store.Kind]bool, len(list))
	for _, k := range list {
		set[k] = true
	}
	return set, nil
}
