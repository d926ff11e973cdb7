package neo4j

import (
	"context"
	"slices"
	"strings"
	"sync"

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

	// searchStems: the word terms, cut short, that begin with a probe's
	// stem and hold one of its pieces, and their actors not seen above:
	// Go keeps those within the edits allowed. A word is cut one letter
	// after the widest match, so that a longer word is never taken for a
	// typo of the whole name, and says whether it is also a loose term
	// (a name's beginning). One record of [id, sortKey, [[word, loose]]]
	// rows: there may be thousands, and a record costs more than a list
	// item (a fifth of the memory Search allocated).
	searchStems = `
UNWIND $probes AS probe
MATCH (n:Name) USING TEXT INDEX n:Name(terms)
WHERE n.terms CONTAINS "\n" + probe.stem
WITH n, [k IN split(n.terms, "\n") WHERE k STARTS WITH probe.stem AND
  any(p IN probe.pieces WHERE substring(k, 2, probe.width) CONTAINS p) |
  [substring(k, 2, probe.width + 1), n.terms CONTAINS "\nl:" + substring(k, 2) + "\n"]] AS words
WHERE size(words) > 0
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

// wordCounts keeps, for the network's version it was counted at, how many
// actors hold each common word term (more than search.MaxWordActors): a
// partial match weighs its words by these counts, and counting a word
// that thousands of actors hold took most of a search's time. Every write
// gives the network a new version (see write), which empties it; a rare
// word is counted each time, as its actors are read anyway.
type wordCounts struct {
	mu      sync.Mutex
	version string
	df      map[string]int
}

// maxWordCounts bounds what wordCounts keeps between two writes.
const maxWordCounts = 10_000

// get returns the counts known at version of terms, and the terms not known.
func (w *wordCounts) get(version string, terms []string) (map[string]int, []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	known := map[string]int{}
	var rest []string
	for _, t := range terms {
		if n, ok := w.df[t]; ok && version != "" && version == w.version {
			known[t] = n
		} else {
			rest = append(rest, t)
		}
	}
	return known, rest
}

// put keeps the count of a common term, as counted at version.
func (w *wordCounts) put(version, term string, n int) {
	if version == "" {
		return // a database no ecograph write has versioned
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.version != version || len(w.df) >= maxWordCounts {
		w.version, w.df = version, map[string]int{}
	}
	w.df[term] = n
}

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
		for _, kind := range []search.TermKind{search.TermLoose, search.TermWord} {
			if len(hits) >= q.First {
				break
			}
			var prefixes []string
			for _, p := range query.Prefixes() {
				prefixes = append(prefixes, "\n"+search.Term{Kind: kind, Text: p}.String())
			}
			if err := actors(searchPrefix, map[string]any{"prefixes": prefixes, "seen": seen, "need": q.First - len(hits)}); err != nil {
				return nil, err
			}
		}
		if len(hits) < q.First && len(query.Typos()) > 0 {
			// Each actor scores the best of its words' NearScores; only
			// those kept are read and scored again for the name matched.
			near, err := s.nearActors(ctx, tx, query, seen, kindParam)
			if err != nil {
				return nil, err
			}
			slices.SortFunc(near, compareNear)
			ids := make([]string, 0, q.First-len(hits))
			for i, c := range near {
				if i < q.First-len(hits) {
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
		if len(hits) < q.First && query.Partial() {
			found, err := s.partialHits(ctx, tx, query, seen, kinds)
			if err != nil {
				return nil, err
			}
			hits = appendFirst(hits, found, q.First)
		}
		slices.SortFunc(hits, search.Compare)
		return hits[:min(len(hits), q.First)], nil
	})
}

// appendFirst adds to hits the first of found, up to n hits in all.
func appendFirst(hits, found []store.SearchHit, n int) []store.SearchHit {
	slices.SortFunc(found, search.Compare)
	return append(hits, found[:min(len(found), n-len(hits))]...)
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
	terms := query.WordTerms()
	texts := make([]string, len(terms))
	for i, t := range terms {
		texts[i] = "\n" + t.String() + "\n"
	}
	// Common words counted since the last write are not counted again:
	// they have no candidates to read (more than MaxWordActors hold them).
	known, rest := s.words.get(version, texts)
	df := map[string]int{}
	count := func(text string, n int) {
		term := strings.Trim(text, "\n")
		if word, ok := strings.CutPrefix(term, string(search.TermToken)+":"); ok {
			df[word] = n
		}
	}
	for text, n := range known {
		count(text, n)
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
		count(text, n)
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
	query.Weigh(n, df)
	var hits []store.SearchHit
	for _, a := range found {
		if sc, matched, ok := query.PartialScore(search.Keys(a)); ok {
			hits = append(hits, store.SearchHit{Actor: a, Score: sc, Matched: matched})
		}
	}
	return hits, nil
}

// candidate is an actor a typo may have meant, and its typo score.
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
// edits the query allows, each with its typo score: the best
// search.Query.NearScores of its words.
func (s *Store) nearActors(ctx context.Context, tx neo4j.ManagedTransaction, query *search.Query, seen []string, kinds any) ([]candidate, error) {
	// A word within d edits of the text begins with a run of letters
	// that holds one of d+1 pieces of the text as it is: the pieces
	// after the first two letters, which the stem fixes.
	var probes []any
	for _, l := range query.Typos() {
		d := search.MaxEdits(l)
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
		sc := 0.0
		for _, w := range asList(row[2]) {
			w := asList(w)
			word := asString(w[0])
			d := query.Near(word)
			if d == 0 {
				continue
			}
			atBeginning, atLaterWord := query.NearScores(word, d)
			if loose, _ := w[1].(bool); loose {
				atLaterWord = max(atLaterWord, atBeginning)
			}
			sc = max(sc, atLaterWord)
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
