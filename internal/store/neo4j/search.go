package neo4j

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// Search reads candidates through the text index on the :Name nodes'
// terms (see nameRows), a tier at a time as the embedded store does, and
// search.Query.Score decides each one's score and matched name.
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
	// word term that begins with a prefix. Each scores search.ScorePrefix.
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

	// searchStems: the word terms, cut short, that begin with a probe's
	// stem and hold one of its pieces, and their actors not seen above:
	// Go keeps those within the edits allowed. One record of [id,
	// sortKey, words] rows: there may be thousands, and a record costs
	// more than a list item (a fifth of the memory Search allocated).
	searchStems = `
UNWIND $probes AS probe
MATCH (n:Name) USING TEXT INDEX n:Name(terms)
WHERE n.terms CONTAINS "\n" + probe.stem
WITH n, [k IN split(n.terms, "\n") WHERE k STARTS WITH probe.stem AND
  any(p IN probe.pieces WHERE substring(k, 2, probe.width) CONTAINS p) | substring(k, 2, probe.width)] AS words
WHERE size(words) > 0
MATCH (a:Actor)-[:NAMED]->(n)
WHERE ($kinds IS NULL OR a.kind IN $kinds) AND NOT a.id IN $seen
RETURN collect([a.id, a.sortKey, words])`
)

// Search ranks actors as package search does, exactly as the embedded
// store's Search.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]store.SearchHit, error) {
	query, err := search.Parse(q.Text)
	if err != nil {
		return nil, err
	}
	kinds, err := store.CheckKinds(q.Kinds)
	if err != nil {
		return nil, err
	}
	if q.First <= 0 {
		return []store.SearchHit{}, nil
	}
	var kindParam any
	if kinds != nil {
		kindParam = kindStrings(kinds)
	}
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

		var terms []string
		for _, t := range query.Lookups() {
			terms = append(terms, "\n"+t.String()+"\n")
		}
		if err := actors(searchWhole, map[string]any{"terms": terms}); err != nil {
			return nil, err
		}
		if len(hits) < q.First {
			var prefixes []string
			for _, p := range query.Prefixes() {
				prefixes = append(prefixes, "\n"+search.Term{Kind: search.TermWord, Text: p}.String())
			}
			if err := actors(searchPrefix, map[string]any{"prefixes": prefixes, "seen": seen, "need": q.First - len(hits)}); err != nil {
				return nil, err
			}
		}
		if len(hits) < q.First && len(query.Stems()) > 0 {
			near, err := s.nearActors(ctx, tx, query, seen, kindParam)
			if err != nil {
				return nil, err
			}
			slices.SortFunc(near, compareNear)
			ids := make([]string, 0, q.First-len(hits))
			for _, c := range near[:min(len(near), q.First-len(hits))] {
				ids = append(ids, c.id)
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
		slices.SortFunc(hits, search.Compare)
		return hits[:min(len(hits), q.First)], nil
	})
}

// candidate is an actor a typo may have meant, and its best fuzzy score.
type candidate struct {
	id, sortKey string
	score       float64
}

func compareNear(a, b candidate) int {
	if a.score != b.score {
		if a.score > b.score {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.sortKey, b.sortKey); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// nearActors lists the actors not seen whose word terms are within the
// edits the query allows, each with the fuzzy score of its nearest one.
func (s *Store) nearActors(ctx context.Context, tx neo4j.ManagedTransaction, query *search.Query, seen []string, kinds any) ([]candidate, error) {
	// A word within d edits of the text begins with a run of letters
	// that holds one of d+1 pieces of the text as it is: the pieces
	// after the first two letters, which the stem fixes.
	var probes []any
	for _, l := range query.Loose {
		d := search.MaxEdits(l)
		if d == 0 {
			continue
		}
		r := []rune(l)
		rest := r[2:]
		pieces := make([]string, d+1)
		for i := range pieces {
			pieces[i] = string(rest[i*len(rest)/(d+1) : (i+1)*len(rest)/(d+1)])
		}
		probes = append(probes, map[string]any{
			"stem":   search.Term{Kind: search.TermWord, Text: string(r[:2])}.String(),
			"pieces": pieces,
			"width":  len(r) + d,
		})
	}
	recs, err := rows(ctx, tx, searchStems, map[string]any{"probes": probes, "seen": seen, "kinds": kinds})
	if err != nil {
		return nil, err
	}
	best := map[string]*candidate{}
	for _, row := range asList(recs[0].Values[0]) {
		row := asList(row)
		id := asString(row[0])
		words := asList(row[2])
		sc := 0.0
		for _, w := range words {
			switch query.Near(asString(w)) {
			case 1:
				sc = max(sc, search.ScoreFuzzy1)
			case 2:
				sc = max(sc, search.ScoreFuzzy2)
			}
		}
		if sc == 0 || id == "" {
			continue
		}
		if c := best[id]; c != nil {
			c.score = max(c.score, sc)
		} else {
			best[id] = &candidate{id: id, sortKey: asString(row[1]), score: sc}
		}
	}
	out := make([]candidate, 0, len(best))
	for _, c := range best {
		out = append(out, *c)
	}
	return out, nil
}
