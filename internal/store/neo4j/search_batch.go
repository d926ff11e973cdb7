package neo4j

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// searchAll reads every tier's candidates in one statement, through the
// :Term nodes (one per distinct search term, linked to each actor whose
// names have it): the whole terms by key and the prefixes by the
// beginning of the key, on the range index of the constraint
// ecograph_term_key; the word terms a typo may mean by the text's first
// two letters, on the same index (search_typo.go), as distinct terms
// rather than the names holding them; and a partial match's words with
// how many actors hold each, which is the degree of its :Term node. A
// tier below is read only while the tiers above leave fewer than $q.first
// actors, as the embedded store does: Neo4j counts the actors found, Go
// the hits they give, which are the same as every actor a full tier
// finds scores. The typo tier's scores are Go's (edit distances), so the
// partial tier is read whenever the typo tier is.
//
// The typo tier returns, with each word term that may be within the
// edits (nearTerms) and is within the band of some reading (typoProbes),
// the first $q.first - the actors above (need) of its "l:" and "w:" terms
// by name, which is what searchNear would read of it: Go measures the
// words and picks the tier's actors from these (typoActors), so a search
// whose partial tier keeps no hit is one statement.
//
// The partial tier returns only what scoring needs (searchKeyProps): up
// to search.MaxWordActors actors a word.
const searchAll = `
CALL () {
  UNWIND $q.terms AS k
  MATCH (:Term {k: k})<-[:TERM]-(a:Actor)
  WHERE $q.kinds IS NULL OR a.kind IN $q.kinds
  RETURN collect(DISTINCT a) AS whole
}
CALL (whole) {
  UNWIND CASE WHEN size(whole) < $q.first THEN $q.loose ELSE [] END AS prefix
  MATCH (t:Term) USING INDEX t:Term(k) WHERE t.k STARTS WITH prefix
  MATCH (t)<-[:TERM]-(a:Actor)
  WHERE ($q.kinds IS NULL OR a.kind IN $q.kinds) AND NOT a IN whole
  WITH DISTINCT a ORDER BY a.sortKey, a.id LIMIT $q.first
  RETURN collect(a) AS loose
}
WITH whole, loose[..$q.first - size(whole)] AS loose
CALL (whole, loose) {
  UNWIND CASE WHEN size(whole) + size(loose) < $q.first THEN $q.word ELSE [] END AS prefix
  MATCH (t:Term) USING INDEX t:Term(k) WHERE t.k STARTS WITH prefix
  MATCH (t)<-[:TERM]-(a:Actor)
  WHERE ($q.kinds IS NULL OR a.kind IN $q.kinds) AND NOT a IN whole AND NOT a IN loose
  WITH DISTINCT a ORDER BY a.sortKey, a.id LIMIT $q.first
  RETURN collect(a) AS word
}
WITH whole, loose, word[..$q.first - size(whole) - size(loose)] AS word
WITH whole, loose, word, $q.first - size(whole) - size(loose) - size(word) AS need
CALL (whole, loose, word, need) {
  UNWIND CASE WHEN need > 0 THEN $q.probes ELSE [] END AS probe` + nearTerms + `
  WITH DISTINCT k, cut
  WHERE any(b IN $q.probes WHERE k STARTS WITH b.stem
    AND size([x IN b.band WHERE NOT substring(k, x.from, x.len) CONTAINS x.c]) <= b.edits)
  WITH k, cut, substring(k, 2) AS s
  RETURN collect([k, cut,
    COLLECT {
      MATCH (:Term {k: 'l:' + s})<-[:TERM]-(a:Actor)
      WHERE ($q.kinds IS NULL OR a.kind IN $q.kinds) AND NOT a IN whole AND NOT a IN loose AND NOT a IN word
      WITH a ORDER BY a.sortKey, a.id LIMIT $q.first
      RETURN a
    }[..need],
    COLLECT {
      MATCH (:Term {k: k})<-[:TERM]-(a:Actor)
      WHERE ($q.kinds IS NULL OR a.kind IN $q.kinds) AND NOT a IN whole AND NOT a IN loose AND NOT a IN word
      WITH a ORDER BY a.sortKey, a.id LIMIT $q.first
      RETURN a
    }[..need]]) AS near
}
CALL (need) {
  UNWIND CASE WHEN need > 0 THEN $q.partial ELSE [] END AS k
  OPTIONAL MATCH (t:Term {k: k})
  WITH k, t, CASE WHEN t IS NULL THEN 0 ELSE COUNT { (t)<-[:TERM]-() } END AS df
  RETURN collect([k, df, CASE WHEN 0 < df <= $q.cap THEN [(t)<-[:TERM]-(a:Actor) WHERE $q.kinds IS NULL OR a.kind IN $q.kinds | a ` + searchKeyProps + `] ELSE [] END]) AS partial
}
RETURN whole, loose, word, near, COUNT { (:Actor) } AS total, partial`

// searchNear reads the typo tier's first $q.need actors, not $q.seen above,
// by their typo score: each word term of $q.near ({s, b, l}: its text and
// the scores it gives, search.Query.NearScores) scores b for the actors
// that have it as a name's beginning (its "l:" term) and l for the
// others, and an actor its best. Of each word and score, only the first
// $q.need actors by name can be among the first $q.need in all: those before
// them score as well or better. It reads the partial hits kept ($q.ids)
// too.
const searchNear = `
CALL () {
  UNWIND $q.near AS w
  CALL (w) {
    MATCH (:Term {k: 'l:' + w.s})<-[:TERM]-(a:Actor)
    WHERE ($q.kinds IS NULL OR a.kind IN $q.kinds) AND NOT a.id IN $q.seen
    WITH a ORDER BY a.sortKey, a.id LIMIT $q.need
    RETURN a, w.b AS score
    UNION ALL
    MATCH (:Term {k: 'w:' + w.s})<-[:TERM]-(a:Actor)
    WHERE ($q.kinds IS NULL OR a.kind IN $q.kinds) AND NOT a.id IN $q.seen
    WITH a ORDER BY a.sortKey, a.id LIMIT $q.need
    RETURN a, w.l AS score
  }
  WITH a, max(score) AS score ORDER BY score DESC, a.sortKey, a.id LIMIT $q.need
  RETURN collect(a) AS near
}
CALL () {
  UNWIND $q.ids AS id
  MATCH (a:Actor {id: id})
  RETURN collect(a) AS partial
}
RETURN near, partial`

// searchKeyProps are the properties of an actor that its search keys
// (search.Keys) and its order are made of: the partial tier sends
// these alone for its candidates, of the kinds asked for, and reads the
// hits it keeps whole in searchNear.
const searchKeyProps = `{.id, .name, .namesValue, .namesLang, .aliases}`

// search is Search through searchAll, and searchNear when the typo or
// partial tiers have hits to read.
func (s *Store) search(ctx context.Context, query *search.Query, first int, kindParam any) ([]store.SearchHit, error) {
	var partial []string
	if query.Partial() {
		partial = partialTerms(query)
	}
	recs, err := s.query(ctx, searchAll, oneParam(map[string]any{
		"terms": wholeTerms(query), "loose": prefixTerms(query, search.TermLoose), "word": prefixTerms(query, search.TermWord),
		"first": first, "kinds": kindParam, "probes": typoProbes(query), "partial": partial, "cap": search.MaxWordActors,
	}))
	if err != nil || len(recs) != 1 {
		return []store.SearchHit{}, err
	}
	rec := recs[0].Values

	var hits []store.SearchHit
	seen := map[string]bool{}
	score := func(a *store.Actor) {
		if sc, matched, ok := query.Score(search.Keys(a)); ok {
			hits = append(hits, store.SearchHit{Actor: a, Score: sc, Matched: matched})
		}
	}
	// The full tiers. An actor that does not score (terms made by other
	// folding rules: Open warns) is passed over.
	for i, band := range rec[:3] {
		nodes := asList(band)
		if i > 0 {
			nodes = nodes[:min(len(nodes), max(first-len(hits), 0))]
		}
		for _, v := range nodes {
			node, _ := v.(dbtype.Node)
			a := decodeActor(node)
			seen[a.ID] = true
			score(a)
		}
	}
	if len(hits) >= first {
		sortHits(hits)
		return hits[:first], nil
	}

	near := nearWords(query, asList(rec[3]))
	// The typo tier's actors as searchNear reads them: from searchAll when
	// it counted the full tiers' hits as Go does (each actor it found
	// scored), else by searchNear.
	readNear := len(near) > 0 && first-len(hits) != first-len(asList(rec[0]))-len(asList(rec[1]))-len(asList(rec[2]))
	var typo []*store.Actor
	if !readNear {
		typo = typoActors(near, first-len(hits))
	}
	// The partial tier, of the actors with no full match: one that scores
	// better is in the typo tier, or seen above.
	var partialHits []store.SearchHit
	if query.Partial() {
		df := map[string]int{}
		var found []*store.Actor
		for _, row := range asList(rec[5]) {
			row := asList(row)
			wordCount(df, asString(row[0]), asInt(row[1]))
			for _, v := range asList(row[2]) {
				a := keyActor(v)
				if seen[a.ID] {
					continue
				}
				seen[a.ID] = true
				found = append(found, a)
			}
		}
		query.Weigh(asInt(rec[4]), df)
		for _, a := range found {
			if sc, matched, ok := query.Score(search.Keys(a)); ok && sc <= search.ScorePartial {
				partialHits = append(partialHits, store.SearchHit{Actor: a, Score: sc, Matched: matched})
			}
		}
		partialHits = firstHits(partialHits, first-len(hits))
	}
	for _, a := range typo {
		score(a)
	}
	if !readNear && (len(partialHits) == 0 || len(hits) >= first) {
		sortHits(hits)
		return hits[:min(len(hits), first)], nil
	}

	ids := make([]string, len(partialHits))
	for i, h := range partialHits {
		ids[i] = h.Actor.ID
	}
	var nearParam []any
	var seenIDs []string
	if readNear {
		nearParam = nearParams(near)
		seenIDs = make([]string, 0, len(hits))
		for _, h := range hits {
			seenIDs = append(seenIDs, h.Actor.ID)
		}
		for _, band := range rec[:3] { // an actor that did not score is seen too
			for _, v := range asList(band) {
				if node, ok := v.(dbtype.Node); ok {
					if id := str(node.Props, "id"); !slices.Contains(seenIDs, id) {
						seenIDs = append(seenIDs, id)
					}
				}
			}
		}
	}
	recs, err = s.query(ctx, searchNear, oneParam(map[string]any{
		"near": nearParam, "seen": seenIDs, "need": max(first-len(hits), 0), "kinds": kindParam, "ids": ids,
	}))
	if err != nil || len(recs) != 1 {
		return []store.SearchHit{}, err
	}
	for _, v := range asList(recs[0].Values[0]) {
		node, _ := v.(dbtype.Node)
		score(decodeActor(node))
	}
	if len(hits) < first {
		whole := map[string]*store.Actor{}
		for _, v := range asList(recs[0].Values[1]) {
			node, _ := v.(dbtype.Node)
			a := decodeActor(node)
			whole[a.ID] = a
		}
		for _, h := range partialHits {
			if a := whole[h.Actor.ID]; a != nil && len(hits) < first { // gone when deleted since
				h.Actor = a
				hits = append(hits, h)
			}
		}
	}
	sortHits(hits)
	return hits[:min(len(hits), first)], nil
}

// oneParam passes a search statement's values as one map, $q. Neo4j
// keeps a plan for each statement and the sizes of its list parameters
// (in buckets: 1, 2 to 9, 10 and more, ...), and a plan of searchAll
// takes it 60 to 470 ms to make: as lists of terms, prefixes and words,
// texts of different lengths each made a plan of their own the first
// time (the p99 of a run is those). The fields of a map have no such
// sizes, so one plan serves every text.
func oneParam(values map[string]any) map[string]any {
	return map[string]any{"q": values}
}

// keyActor is an actor from searchKeyProps: enough to score and order.
func keyActor(v any) *store.Actor {
	p, _ := v.(map[string]any)
	return decodeActor(dbtype.Node{Props: p})
}
