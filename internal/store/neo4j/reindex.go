package neo4j

import (
	"context"
	"log/slog"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/fold"
	"github.com/ecograph/ecograph/internal/store"
)

// The :EcographMeta {key: 'search'} node records the fold.Version the
// :Name nodes' terms were made with.
const (
	readFoldVersion  = "OPTIONAL MATCH (m:EcographMeta {key: 'search'}) RETURN m.foldVersion"
	writeFoldVersion = "MERGE (m:EcographMeta {key: 'search'}) SET m.foldVersion = $version"
	// staleActors counts the actors search cannot find by every name:
	// names without terms (written by an older ecograph, or by a Cypher
	// script), or no :Name nodes at all.
	staleActors = "MATCH (a:Actor) WHERE NOT EXISTS { (a)-[:NAMED]->(:Name) } " +
		"OR EXISTS { (a)-[:NAMED]->(n:Name) WHERE n.terms IS NULL } RETURN count(a)"
)

// reindexBatch is how many actors one transaction of Reindex rewrites.
const reindexBatch = 2000

// checkTerms warns when search would miss actors: their names' terms are
// missing, or were made by other folding rules than this build's. An
// empty database, or one whose every name has terms and that records no
// version, is taken to be current and gets fold.Version recorded.
func (s *Store) checkTerms(ctx context.Context) error {
	one := func(query string) (any, error) {
		res, err := neo4j.ExecuteQuery(ctx, s.driver, query, nil, neo4j.EagerResultTransformer, s.queryOptions(true)...)
		if err != nil || len(res.Records) == 0 {
			return nil, s.fail(ctx, err)
		}
		return res.Records[0].Values[0], nil
	}
	version, err := one(readFoldVersion)
	if err != nil {
		return err
	}
	stale, err := one(staleActors)
	if err != nil {
		return err
	}
	switch {
	case asInt(stale) > 0:
		slog.WarnContext(ctx, "neo4j: some actors' names have no search terms, so search cannot find them by name; run `ecograph reindex --store neo4j`",
			"actors", asInt(stale))
	case version == nil:
		_, err := neo4j.ExecuteQuery(ctx, s.driver, writeFoldVersion, map[string]any{"version": fold.Version}, neo4j.EagerResultTransformer, s.queryOptions(false)...)
		return s.fail(ctx, err)
	case asInt(version) != fold.Version:
		slog.WarnContext(ctx, "neo4j: the search terms were made by other folding rules than this ecograph's, so search may miss or misrank actors; run `ecograph reindex --store neo4j`",
			"stored", asInt(version), "current", fold.Version)
	}
	return nil
}

// Reindex recomputes the search terms of every actor's names, a few
// thousand actors a transaction, and records fold.Version: for data
// loaded another way than through the store (a Cypher script) and after
// the folding rules change. It returns how many actors it rewrote. It may
// run while the store serves; an actor written meanwhile gets its terms
// from that write.
func (s *Store) Reindex(ctx context.Context) (int, error) {
	type batch struct {
		n    int
		last string
	}
	after, total := "", 0
	for {
		b, err := write(ctx, s, func(tx neo4j.ManagedTransaction, _ *changes) (batch, error) {
			// The names' terms are not part of the actor as stored: no change.
			recs, err := rows(ctx, tx, "MATCH (a:Actor) WHERE a.id > $after RETURN a ORDER BY a.id LIMIT $n",
				map[string]any{"after": after, "n": reindexBatch})
			if err != nil {
				return batch{}, err
			}
			actors := make([]*store.Actor, 0, len(recs))
			for _, rec := range recs {
				if n, ok := rec.Values[0].(dbtype.Node); ok {
					actors = append(actors, decodeActor(n))
				}
			}
			if len(actors) == 0 {
				return batch{}, nil
			}
			return batch{len(actors), actors[len(actors)-1].ID}, putNames(ctx, tx, actors)
		})
		if err != nil {
			return total, err
		}
		total += b.n
		if b.n < reindexBatch {
			break
		}
		after = b.last
	}
	_, err := neo4j.ExecuteQuery(ctx, s.driver, writeFoldVersion, map[string]any{"version": fold.Version}, neo4j.EagerResultTransformer, s.queryOptions(false)...)
	if err != nil {
		return total, s.fail(ctx, err)
	}
	slog.InfoContext(ctx, "neo4j: made the search terms of every actor's names again", "actors", total, "foldVersion", fold.Version)
	return total, nil
}
