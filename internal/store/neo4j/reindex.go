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
// search terms were made with, and termsLayout, how they are kept.
const (
	readFoldVersion  = "OPTIONAL MATCH (m:EcographMeta {key: 'search'}) RETURN m.foldVersion, m.layout"
	writeFoldVersion = "MERGE (m:EcographMeta {key: 'search'}) SET m.foldVersion = $version, m.layout = " + termsLayoutText
	// staleActors counts the actors search cannot find by any name:
	// linked to no :Term (written by a Cypher script of another layout,
	// or by hand).
	staleActors = "MATCH (a:Actor) WHERE NOT EXISTS { (a)-[:TERM]->(:Term) } RETURN count(a)"
	// anyActor tells whether the database holds an actor.
	anyActor = "RETURN EXISTS { (:Actor) }"
)

// termsLayout is how the search terms are kept: 2 since the :Term nodes
// linked to their actors; 1 (or none recorded) when each :Name node held
// its terms as one string.
const (
	termsLayout     = 2
	termsLayoutText = "2"
)

// reindexBatch is how many actors one transaction of Reindex rewrites.
const reindexBatch = 2000

// checkTerms makes the search terms of a database written by an ecograph
// that kept them another way (termsLayout), with Reindex, and warns when
// search would miss actors: some have no terms, or they were made by other
// folding rules than this build's. An empty database, or one that records
// no version and whose every actor has terms, is taken to be current and
// gets fold.Version recorded.
func (s *Store) checkTerms(ctx context.Context) error {
	one := func(query string) ([]any, error) {
		res, err := neo4j.ExecuteQuery(ctx, s.driver, query, nil, neo4j.EagerResultTransformer, s.queryOptions(true)...)
		if err != nil || len(res.Records) == 0 {
			return nil, s.fail(ctx, err)
		}
		return res.Records[0].Values, nil
	}
	meta, err := one(readFoldVersion)
	if err != nil {
		return err
	}
	version, layout := meta[0], asInt(meta[1])
	if layout != termsLayout {
		some, err := one(anyActor)
		if err != nil {
			return err
		}
		if some[0] == true {
			slog.InfoContext(ctx, "neo4j: making the search terms of every actor in the layout of this ecograph (once)",
				"layout", layout, "current", termsLayout)
			_, err := s.Reindex(ctx)
			return err
		}
	}
	stale, err := one(staleActors)
	if err != nil {
		return err
	}
	switch {
	case asInt(stale[0]) > 0:
		slog.WarnContext(ctx, "neo4j: some actors have no search terms, so search cannot find them by name; run `ecograph reindex --store neo4j`",
			"actors", asInt(stale[0]))
	case version == nil || layout != termsLayout:
		_, err := neo4j.ExecuteQuery(ctx, s.driver, writeFoldVersion, map[string]any{"version": fold.Version}, neo4j.EagerResultTransformer, s.queryOptions(false)...)
		return s.fail(ctx, err)
	case asInt(version) != fold.Version:
		slog.WarnContext(ctx, "neo4j: the search terms were made by other folding rules than this ecograph's, so search may miss or misrank actors; run `ecograph reindex --store neo4j`",
			"stored", asInt(version), "current", fold.Version)
	}
	return nil
}

// Reindex recomputes the search terms of every actor's names, a few
// thousand actors a transaction, and records fold.Version and the
// layout: for a database an older ecograph wrote (Open calls it), for data
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
