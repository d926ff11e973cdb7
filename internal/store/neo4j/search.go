package neo4j

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/store"
)

// searchQuery matches the text against the :Name nodes' lower-cased keys
// through their text index, scores each match as the embedded store does
// (exact 1.0, prefix 0.75, substring 0.5), keeps each actor's best match
// (on a tie, its earliest name) and orders best first, then by sortKey
// and id.
//
// The hint is not for speed: with a range index on the same property,
// Neo4j 5.26 has been seen, after a restart, to plan CONTAINS on the range
// index, which cannot answer it, and fail every search.
const searchQuery = `
MATCH (n:Name) USING TEXT INDEX n:Name(key)
WHERE n.key CONTAINS $text AND n.value IS NOT NULL
MATCH (a:Actor)-[:NAMED]->(n)
WHERE $kinds IS NULL OR a.kind IN $kinds
WITH a, n, CASE WHEN n.key = $text THEN 1.0 WHEN n.key STARTS WITH $text THEN 0.75 ELSE 0.5 END AS score
ORDER BY score DESC, n.rank
WITH a, collect({score: score, name: n.value})[0] AS best
RETURN a, best.score AS score, best.name AS matched
ORDER BY score DESC, a.sortKey, a.id
LIMIT $first`

// Search finds actors whose Name, Names or Aliases match q.Text, ignoring
// case and the spaces around the text, exactly as the embedded store's
// Search documents.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]store.SearchHit, error) {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	if text == "" {
		return nil, store.Invalid("text", "must not be empty")
	}
	kinds, err := store.CheckKinds(q.Kinds)
	if err != nil {
		return nil, err
	}
	if q.First <= 0 {
		return []store.SearchHit{}, nil
	}
	params := map[string]any{"text": text, "first": q.First, "kinds": nil}
	if kinds != nil {
		params["kinds"] = kindStrings(kinds)
	}
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]store.SearchHit, error) {
		recs, err := rows(ctx, tx, searchQuery, params)
		if err != nil {
			return nil, err
		}
		hits := make([]store.SearchHit, 0, len(recs))
		for _, rec := range recs {
			n, ok := rec.Values[0].(dbtype.Node)
			if !ok || rec.Values[2] == nil {
				continue // deleted while the query read it
			}
			hits = append(hits, store.SearchHit{Actor: decodeActor(n), Score: asFloat(rec.Values[1]), Matched: asString(rec.Values[2])})
		}
		return hits, nil
	})
}
