package neo4j

import (
	"context"

	"github.com/ecograph/ecograph/internal/store"
)

// IDQueries are the statements that find actors, sources or relations by
// id in batches, each with parameters enough to be planned.
func IDQueries() map[string]map[string]any {
	ids := map[string]any{"ids": []any{}}
	rows := map[string]any{"rows": []any{}}
	qs := map[string]map[string]any{
		lookupQuery:       ids,
		lookupAllQuery:    ids,
		lockedLookupQuery: ids,
		actorsByIDQuery:   ids,
		sourcesByIDQuery:  ids,
		relationByIDQuery: ids,
		relationIDsQuery:  ids,
		putNamesQuery:     rows,
	}
	for _, t := range store.RelationTypes {
		qs[putRelationsQuery(t)] = rows
		qs[deleteRelationsQuery(t)] = ids
	}
	return qs
}

// HoldCreates makes Create's transactions wait until the function it
// returns is called.
func (s *Store) HoldCreates() (release func()) {
	s.creates.hold = make(chan struct{})
	return func() { close(s.creates.hold) }
}

// CreatesQueued is how many calls of Create wait for a transaction.
func (s *Store) CreatesQueued() int {
	s.creates.mu.Lock()
	defer s.creates.mu.Unlock()
	return len(s.creates.pending)
}

// CreateTransactions is how many transactions Create has run.
func (s *Store) CreateTransactions() int64 { return s.creates.txs.Load() }

// WalkShortestPath is ShortestPath as the walk over internal/traverse
// answers it: ShortestPath's way before it was one statement, and still
// its way for pairs with more shortest paths than the statement lists.
func (s *Store) WalkShortestPath(ctx context.Context, from, to string, q store.PathQuery) (*store.Path, error) {
	return s.walkShortestPath(ctx, from, to, q)
}
