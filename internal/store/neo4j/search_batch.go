package neo4j

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// searchAll reads every tier's candidates in one statement, so that a
// search costs one round trip (and a second for the actors of the typo
// and partial hits kept), where a tier at a time cost five to seven. A
// tier below is read only while the tiers above leave fewer than $first
// actors, as searchTiered does: Neo4j counts the actors found, Go the
// hits they give, which are the same as long as every actor a full tier
// finds scores (Search checks it). The typo tier's scores are Go's (edit
// distances), so the partial tier is read whenever the typo tier is; the
// common words' counts known at $version are not counted again.
//
// The typo tier returns its candidates' ids and words, and the partial
// tier only what scoring needs (searchKeyProps): thousands of candidates
// may be read for ten hits. As in searchTiered, the hints keep CONTAINS
// on the text index.
const searchAll = `
CALL () {
  UNWIND $terms AS term
  MATCH (n:Name) USING TEXT INDEX n:Name(terms)
  WHERE n.terms CONTAINS term
  MATCH (a:Actor)-[:NAMED]->(n)
  WHERE $kinds IS NULL OR a.kind IN $kinds
  RETURN collect(DISTINCT a) AS whole
}
CALL (whole) {
  UNWIND CASE WHEN size(whole) < $first THEN $loose ELSE [] END AS prefix
  MATCH (n:Name) USING TEXT INDEX n:Name(terms)
  WHERE n.terms CONTAINS prefix
  MATCH (a:Actor)-[:NAMED]->(n)
  WHERE ($kinds IS NULL OR a.kind IN $kinds) AND NOT a IN whole
  WITH DISTINCT a ORDER BY a.sortKey, a.id LIMIT $first
  RETURN collect(a) AS loose
}
WITH whole, loose[..$first - size(whole)] AS loose
CALL (whole, loose) {
  UNWIND CASE WHEN size(whole) + size(loose) < $first THEN $word ELSE [] END AS prefix
  MATCH (n:Name) USING TEXT INDEX n:Name(terms)
  WHERE n.terms CONTAINS prefix
  MATCH (a:Actor)-[:NAMED]->(n)
  WHERE ($kinds IS NULL OR a.kind IN $kinds) AND NOT a IN whole AND NOT a IN loose
  WITH DISTINCT a ORDER BY a.sortKey, a.id LIMIT $first
  RETURN collect(a) AS word
}
WITH whole, loose, word[..$first - size(whole) - size(loose)] AS word
WITH whole, loose, word, size(whole) + size(loose) + size(word) < $first AS more
CALL (more) {
  UNWIND CASE WHEN more THEN $probes ELSE [] END AS probe
  UNWIND probe.finds AS find
  MATCH (n:Name) USING TEXT INDEX n:Name(terms)
  WHERE n.terms CONTAINS find` + stemsMatch + `
  MATCH (a:Actor)-[:NAMED]->(n)
  WHERE $kinds IS NULL OR a.kind IN $kinds
  RETURN collect([a.id, a.sortKey, words]) AS near
}
OPTIONAL MATCH (m:EcographMeta {key: 'network'})
WITH whole, loose, word, more, near, m.version AS version
CALL (more, version) {
  UNWIND CASE WHEN more THEN
    [t IN $partial WHERE NOT coalesce(version = $version AND t IN $known, false)] ELSE [] END AS term
  CALL (term) {
    MATCH (n:Name) USING TEXT INDEX n:Name(terms)
    WHERE n.terms CONTAINS term
    MATCH (a:Actor)-[:NAMED]->(n)
    WITH DISTINCT a
    RETURN count(a) AS df, collect(a)[..$cap] AS actors
  }
  RETURN collect([term, df, CASE WHEN df <= $cap THEN [a IN actors | a ` + searchKeyProps + `] ELSE [] END]) AS partial
}
RETURN whole, loose, word, near, COUNT { (:Actor) } AS total, version, partial`

// searchKeyProps are the properties of an actor that its search keys
// (search.Keys) and its order are made of.
const searchKeyProps = `{.id, .kind, .name, .sortKey, .namesValue, .namesLang, .aliases}`

// searchBatch is Search through searchAll. ok is false, with no error,
// when its plan did not hold and the tiers must be read one at a time.
func (s *Store) searchBatch(ctx context.Context, typed string, query *search.Query, first int, kinds []store.Kind, kindParam any) (hits []store.SearchHit, ok bool, err error) {
	var partial []string
	if query.Partial() {
		partial = partialTerms(query)
	}
	version, known := s.words.known(partial)
	knownTerms := make([]string, 0, len(known))
	for t := range known {
		knownTerms = append(knownTerms, t)
	}
	recs, err := s.query(ctx, searchAll, map[string]any{
		"terms": wholeTerms(query), "loose": prefixTerms(query, search.TermLoose), "word": prefixTerms(query, search.TermWord),
		"first": first, "kinds": kindParam, "probes": typoProbes(query),
		"partial": partial, "version": version, "known": knownTerms, "cap": search.MaxWordActors,
	})
	if err != nil || len(recs) != 1 {
		return nil, false, err
	}
	rec := recs[0].Values

	seen := map[string]bool{}
	// The full tiers, as searchTiered reads them: every actor found
	// must score, or Neo4j's counts were not the hits'.
	full := func(nodes []any, need int) bool {
		for _, v := range nodes[:min(len(nodes), need)] {
			node, _ := v.(dbtype.Node)
			a := decodeActor(node)
			seen[a.ID] = true
			sc, matched, ok := query.Score(search.Keys(a))
			if !ok {
				return false
			}
			hits = append(hits, store.SearchHit{Actor: a, Score: sc, Matched: matched})
		}
		return true
	}
	whole := asList(rec[0])
	if !full(whole, len(whole)) {
		return nil, false, nil
	}
	for _, band := range rec[1:3] {
		if len(hits) < first && !full(asList(band), first-len(hits)) {
			return nil, false, nil
		}
	}

	// The typo tier: the first need candidates by typo score, read whole
	// below with the partial hits kept.
	var typoIDs []string
	if len(hits) < first {
		near := nearRows(query, asList(rec[3]), func(id string) bool { return seen[id] })
		slices.SortFunc(near, compareNear)
		need := first - len(hits)
		for i, c := range near {
			if i < need {
				typoIDs = append(typoIDs, c.id)
			}
			seen[c.id] = true // the partial band runs only when these are all
		}
	}
	// The partial tier, weighed on a query of its own: the typo tier's
	// actors are scored unweighed, before searchTiered weighs its query.
	var partialHits []store.SearchHit
	if len(hits) < first && query.Partial() {
		pq, err := search.Parse(typed)
		if err != nil {
			return nil, false, err
		}
		n, dbVersion := asInt(rec[4]), asString(rec[5])
		df := map[string]int{}
		if dbVersion != "" && dbVersion == version {
			for text, n := range known {
				wordCount(df, text, n)
			}
		}
		var found []*store.Actor
		for _, row := range asList(rec[6]) {
			row := asList(row)
			text, n := asString(row[0]), asInt(row[1])
			wordCount(df, text, n)
			if n > search.MaxWordActors {
				s.words.put(dbVersion, text, n)
			}
			for _, v := range asList(row[2]) {
				a := keyActor(v)
				if seen[a.ID] || kinds != nil && !slices.Contains(kinds, a.Kind) {
					continue
				}
				seen[a.ID] = true
				found = append(found, a)
			}
		}
		partialHits = appendFirst(nil, partialFound(pq, n, df, found), first-len(hits))
	}

	// One more statement reads whole the typo tier's actors kept and
	// those of the partial hits that may be shown.
	ids := typoIDs
	for _, h := range partialHits {
		ids = append(ids, h.Actor.ID)
	}
	if len(ids) > 0 {
		as, err := s.ActorsByID(ctx, ids)
		if err != nil {
			return nil, false, err
		}
		if slices.Contains(as, nil) {
			return nil, false, nil // deleted since: read again
		}
		for _, a := range as[:len(typoIDs)] {
			if sc, matched, ok := query.Score(search.Keys(a)); ok {
				hits = append(hits, store.SearchHit{Actor: a, Score: sc, Matched: matched})
			}
		}
		for i := range partialHits {
			partialHits[i].Actor = as[len(typoIDs)+i]
		}
	}
	if len(hits) < first && query.Partial() {
		hits = append(hits, partialHits[:min(len(partialHits), first-len(hits))]...)
	}
	slices.SortFunc(hits, search.Compare)
	return hits[:min(len(hits), first)], true, nil
}

// keyActor is an actor from searchKeyProps: enough to score and order.
func keyActor(v any) *store.Actor {
	p, _ := v.(map[string]any)
	return decodeActor(dbtype.Node{Props: p})
}
