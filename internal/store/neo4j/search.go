package neo4j

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// Search ranks actors as package search does, exactly as the embedded
// store's Search. It reads every tier's candidates in one statement
// (searchAll, search_batch.go), and the typo tier's actors in a second
// one only when an actor of the full tiers does not score.
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
	return s.search(ctx, query, q.First, kindParam)
}

// wholeTerms are the keys of the :Term nodes of query.Lookups.
func wholeTerms(query *search.Query) []string {
	var terms []string
	for _, t := range query.Lookups() {
		terms = append(terms, t.String())
	}
	return terms
}

// prefixTerms are the beginnings of the keys of the kind's :Term nodes
// that begin with a prefix of the query.
func prefixTerms(query *search.Query, kind search.TermKind) []string {
	var prefixes []string
	for _, p := range query.Prefixes() {
		prefixes = append(prefixes, search.Term{Kind: kind, Text: p}.String())
	}
	return prefixes
}

// partialTerms are the keys of the :Term nodes of query.WordTerms.
func partialTerms(query *search.Query) []string {
	terms := query.WordTerms()
	keys := make([]string, len(terms))
	for i, t := range terms {
		keys[i] = t.String()
	}
	return keys
}

// firstHits are the first n of hits in search.Compare's order, which
// sortHits puts them in.
func firstHits(hits []store.SearchHit, n int) []store.SearchHit {
	sortHits(hits)
	return hits[:min(len(hits), max(n, 0))]
}

// sortHits sorts hits as search.Compare does, with each actor's
// store.SortKey made once rather than at every comparison: the partial
// tier sorts hundreds of hits, and lower-casing their names in each
// comparison was a fifth of a search's Go time.
func sortHits(hits []store.SearchHit) {
	if len(hits) < 2 {
		return
	}
	type keyed struct {
		hit store.SearchHit
		key string
	}
	ks := make([]keyed, len(hits))
	for i, h := range hits {
		ks[i] = keyed{h, store.SortKey(h.Actor.Name)}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := cmp.Compare(b.hit.Score, a.hit.Score); c != 0 {
			return c
		}
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.hit.Actor.ID, b.hit.Actor.ID)
	})
	for i := range ks {
		hits[i] = ks[i].hit
	}
}

// wordCount records in df the count n of a partial match's term key when
// it is a TermToken term (the ones Weigh reads).
func wordCount(df map[string]int, key string, n int) {
	if word, ok := strings.CutPrefix(key, string(search.TermToken)+":"); ok {
		df[word] = n
	}
}
