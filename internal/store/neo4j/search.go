package neo4j

import (
	"context"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// Search ranks actors as package search does, exactly as the embedded
// store's Search. It reads every tier's candidates in one statement
// (searchAll, search_batch.go), and the typo tier's actors and the
// partial hits kept in a second one when there are any.
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
	return s.search(ctx, query, q.First, kinds, kindParam)
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

// appendFirst adds to hits the first of found, up to n hits in all.
func appendFirst(hits, found []store.SearchHit, n int) []store.SearchHit {
	slices.SortFunc(found, search.Compare)
	return append(hits, found[:min(len(found), max(n-len(hits), 0))]...)
}

// wordCount records in df the count n of a partial match's term key when
// it is a TermToken term (the ones Weigh reads).
func wordCount(df map[string]int, key string, n int) {
	if word, ok := strings.CutPrefix(key, string(search.TermToken)+":"); ok {
		df[word] = n
	}
}
