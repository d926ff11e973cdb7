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
// The typo tier returns each word term that may be within the edits
// (nearTerms) and is within the band of some reading (typoProbes), with
// the first need actors by name (need: $q.first less the actors above)
// of its "l:" and of its "w:" term, which is what searchNear reads of a
// word: Go measures the words and picks the tier's actors from these
// (typoActors), so that a search is one statement.
//
// The partial tier returns its candidates' properties, up to
// search.MaxWordActors actors a word: Go scores them and keeps the first
// as they are, which reading only their names and then the hits kept in a
// second statement cost as much.
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
CALL (need) {
  UNWIND CASE WHEN need > 0 THEN $q.probes ELSE [] END AS probe` + nearTerms + `
  WITH DISTINCT k, cut
  WHERE any(b IN $q.probes WHERE k STARTS WITH b.stem
    AND size([x IN b.band WHERE NOT substring(k, x.from, x.len) CONTAINS x.c]) <= b.edits)
  RETURN collect([k, cut]) AS words
}
CALL (whole, loose, word, need, words) {
  UNWIND words AS w
  WITH w[0] AS k, w[1] AS cut
  RETURN collect([k, cut,
    COLLECT {
      MATCH (:Term {k: 'l:' + substring(k, 2)})<-[:TERM]-(a:Actor)
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
  RETURN collect([k, df, CASE WHEN 0 < df <= $q.cap THEN [(t)<-[:TERM]-(a:Actor) WHERE $q.kinds IS NULL OR a.kind IN $q.kinds | a {.*}] ELSE [] END]) AS partial
}
RETURN whole, loose, word, near, COUNT { (:Actor) } AS total, partial`

// searchNear reads the typo tier's first $q.need actors, not $q.seen above,
// by their typo score, when searchAll's could not be used (an actor of
// the full tiers did not score, so Go needs more of the tier than Neo4j
// counted): each word term of $q.near ({s, b, l}: its text and the
// scores it gives, search.Query.NearScores) scores b for the actors that
// have it as a name's beginning (its "l:" term) and l for the others, and
// an actor its best. Of each word and score, only the first $q.need
// actors by name can be among the first $q.need in all: those before them
// score as well or better.
const searchNear = `
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
RETURN collect(a) AS near`

// search is Search through searchAll, and searchNear in the rare case
// that Go needs more of the typo tier than searchAll read.
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
	read := 0
	for i, band := range rec[:3] {
		nodes := asList(band)
		read += len(nodes)
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
	need := first - len(hits)

	// The typo tier, as searchAll read it when it counted the full tiers'
	// hits as Go does, else by searchNear.
	near := nearWords(query, asList(rec[3]))
	var typo []*store.Actor
	if need == first-read || len(near) == 0 {
		typo = typoActors(near, need)
	} else if typo, err = s.searchNear(ctx, near, rec[:3], need, kindParam); err != nil {
		return []store.SearchHit{}, err
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
				m, ok := v.(map[string]any) // a {.*}
				if !ok {
					continue
				}
				a := decodeActorProps(m)
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
		partialHits = firstHits(partialHits, need)
	}

	for _, a := range typo {
		score(a)
	}
	for _, h := range partialHits {
		if len(hits) < first {
			hits = append(hits, h)
		}
	}
	sortHits(hits)
	return hits[:min(len(hits), first)], nil
}

// searchNear is the typo tier's first need actors by searchNear: of the
// words near, not among the actors of the full tiers (bands).
func (s *Store) searchNear(ctx context.Context, near []*nearWord, bands []any, need int, kindParam any) ([]*store.Actor, error) {
	var seen []string
	for _, band := range bands { // an actor that did not score is seen too
		for _, v := range asList(band) {
			if node, ok := v.(dbtype.Node); ok {
				if id := str(node.Props, "id"); !slices.Contains(seen, id) {
					seen = append(seen, id)
				}
			}
		}
	}
	recs, err := s.query(ctx, searchNear, oneParam(map[string]any{
		"near": nearParams(near), "seen": seen, "need": need, "kinds": kindParam,
	}))
	if err != nil || len(recs) != 1 {
		return nil, err
	}
	var out []*store.Actor
	for _, v := range asList(recs[0].Values[0]) {
		node, _ := v.(dbtype.Node)
		out = append(out, decodeActor(node))
	}
	return out, nil
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
