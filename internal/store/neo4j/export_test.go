package neo4j

import "github.com/ecograph/ecograph/internal/store"

// IDQueries are the statements that find actors, sources or relations by
// id in batches, each with parameters enough to be planned.
func IDQueries() map[string]map[string]any {
	ids := map[string]any{"ids": []any{}}
	rows := map[string]any{"rows": []any{}}
	qs := map[string]map[string]any{
		lookupQuery:       ids,
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
