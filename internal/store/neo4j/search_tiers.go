package neo4j

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// searchTiered reads candidates a tier at a time, in one read
// transaction, as the embedded store does: each tier is read only while
// the tiers above leave fewer than first hits, for as many as they leave.
// Search falls back on it when searchAll's plan does not hold.
//
// The hints are not for speed: with a range index on the same property,
// Neo4j 5.26 has been seen, after a restart, to plan CONTAINS on the range
// index, which cannot answer it, and fail every search. Naming the text
// index keeps the plan on it.
const (
	// searchWhole: the actors holding any of the terms looked up whole.
	searchWhole = `
UNWIND $terms AS term
MATCH (n:Name) USING TEXT INDEX n:Name(terms)
WHERE n.terms CONTAINS term
MATCH (a:Actor)-[:NAMED]->(n)
WHERE $kinds IS NULL OR a.kind IN $kinds
RETURN DISTINCT a`

	// searchPrefix: the first actors by name, not seen above, holding a
	// loose term (search.ScorePrefix) or a word term
	// (search.ScorePrefixWord) that begins with a prefix.
	searchPrefix = `
UNWIND $prefixes AS prefix
MATCH (n:Name) USING TEXT INDEX n:Name(terms)
WHERE n.terms CONTAINS prefix
MATCH (a:Actor)-[:NAMED]->(n)
WHERE ($kinds IS NULL OR a.kind IN $kinds) AND NOT a.id IN $seen
WITH DISTINCT a
ORDER BY a.sortKey, a.id
LIMIT $need
RETURN a`

	// searchStems: the word terms that may be within a probe's edits
	// (search_typo.go), and their actors not seen above. One record of
	// [id, sortKey, [[word, loose]]] rows: there may be thousands, and a
	// record costs more than a list item.
	searchStems = `
UNWIND $probes AS probe
UNWIND probe.finds AS find
MATCH (n:Name) USING TEXT INDEX n:Name(terms)
WHERE n.terms CONTAINS find` + stemsMatch + `
MATCH (a:Actor)-[:NAMED]->(n)
WHERE ($kinds IS NULL OR a.kind IN $kinds) AND NOT a.id IN $seen
RETURN collect([a.id, a.sortKey, words])`

	// searchWords: for each word term of a partial match, how many actors
	// hold it, and those actors when they are few enough.
	searchWords = `
UNWIND $terms AS term
CALL (term) {
  MATCH (n:Name) USING TEXT INDEX n:Name(terms)
  WHERE n.terms CONTAINS term
  MATCH (a:Actor)-[:NAMED]->(n)
  WITH DISTINCT a
  RETURN count(a) AS df, collect(a)[..$cap] AS actors
}
RETURN term, df, CASE WHEN df <= $cap THEN actors ELSE [] END`

	// countActors: N, for the weights of a partial match's words, and
	// the network's version, which the counts of common words follow.
	countActors = `OPTIONAL MATCH (m:EcographMeta {key: 'network'}) RETURN COUNT { (:Actor) }, m.version`
)

// searchTiered is Search a tier at a time (see above).
func (s *Store) searchTiered(ctx context.Context, query *search.Query, first int, kinds []store.Kind, kindParam any) ([]store.SearchHit, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]store.SearchHit, error) {
		var hits []store.SearchHit
		seen := []string{}
		score := func(a *store.Actor) {
			if sc, matched, ok := query.Score(search.Keys(a)); ok {
				hits = append(hits, store.SearchHit{Actor: a, Score: sc, Matched: matched})
			}
		}
		actors := func(cypher string, params map[string]any) error {
			params["kinds"] = kindParam
			recs, err := rows(ctx, tx, cypher, params)
			if err != nil {
				return err
			}
			for _, rec := range recs {
				if n, ok := rec.Values[0].(dbtype.Node); ok {
					a := decodeActor(n)
					seen = append(seen, a.ID)
					score(a)
				}
			}
			return nil
		}

		if err := actors(searchWhole, map[string]any{"terms": wholeTerms(query)}); err != nil {
			return nil, err
		}
		for _, kind := range []search.TermKind{search.TermLoose, search.TermWord} {
			if len(hits) >= first {
				break
			}
			if err := actors(searchPrefix, map[string]any{"prefixes": prefixTerms(query, kind), "seen": seen, "need": first - len(hits)}); err != nil {
				return nil, err
			}
		}
		if len(hits) < first && len(query.Typos()) > 0 {
			// Each actor scores the best of its words' NearScores; only
			// those kept are read and scored again for the name matched.
			recs, err := rows(ctx, tx, searchStems, map[string]any{"probes": typoProbes(query), "seen": seen, "kinds": kindParam})
			if err != nil {
				return nil, err
			}
			near := nearRows(query, asList(recs[0].Values[0]), func(string) bool { return false })
			slices.SortFunc(near, compareNear)
			ids := make([]string, 0, first-len(hits))
			for i, c := range near {
				if i < first-len(hits) {
					ids = append(ids, c.id)
				}
				seen = append(seen, c.id) // the partial band runs only when these are all
			}
			as, err := actorsByID(ctx, tx, ids)
			if err != nil {
				return nil, err
			}
			for _, a := range as {
				if a != nil {
					score(a)
				}
			}
		}
		if len(hits) < first && query.Partial() {
			found, err := s.partialHits(ctx, tx, query, seen, kinds)
			if err != nil {
				return nil, err
			}
			hits = appendFirst(hits, found, first)
		}
		slices.SortFunc(hits, search.Compare)
		return hits[:min(len(hits), first)], nil
	})
}

// partialHits are the partial matches among the actors not seen: those
// holding a word of the text (search.Query.WordTerms), each word weighed
// by how many actors hold it.
func (s *Store) partialHits(ctx context.Context, tx neo4j.ManagedTransaction, query *search.Query, seen []string, kinds []store.Kind) ([]store.SearchHit, error) {
	recs, err := rows(ctx, tx, countActors, nil)
	if err != nil {
		return nil, err
	}
	n, version := asInt(recs[0].Values[0]), asString(recs[0].Values[1])
	// Common words counted since the last write are not counted again:
	// they have no candidates to read (more than MaxWordActors hold them).
	known, rest := s.words.get(version, partialTerms(query))
	df := map[string]int{}
	for text, n := range known {
		wordCount(df, text, n)
	}
	recs = nil
	if len(rest) > 0 {
		recs, err = rows(ctx, tx, searchWords, map[string]any{"terms": rest, "cap": search.MaxWordActors})
		if err != nil {
			return nil, err
		}
	}
	skip := map[string]bool{}
	for _, id := range seen {
		skip[id] = true
	}
	var found []*store.Actor
	for _, rec := range recs {
		text, n := asString(rec.Values[0]), asInt(rec.Values[1])
		wordCount(df, text, n)
		if n > search.MaxWordActors {
			s.words.put(version, text, n)
		}
		for _, v := range asList(rec.Values[2]) {
			node, ok := v.(dbtype.Node)
			if !ok {
				continue
			}
			a := decodeActor(node)
			if skip[a.ID] || kinds != nil && !slices.Contains(kinds, a.Kind) {
				continue
			}
			skip[a.ID] = true
			found = append(found, a)
		}
	}
	return partialFound(query, n, df, found), nil
}
