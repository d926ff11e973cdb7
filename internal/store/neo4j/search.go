package neo4j

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/ecograph/ecograph/internal/search"
	"github.com/ecograph/ecograph/internal/store"
)

// Search ranks actors as package search does, exactly as the embedded
// store's Search. It reads every tier's candidates in one statement
// (searchAll, search_batch.go), and the actors of the typo and partial
// hits kept in a second one when there are any; when what that statement
// took for granted does not hold (a candidate whose terms were made by
// other folding rules, an actor deleted between the two statements), it
// reads the tiers again a statement at a time (searchTiered), as the
// embedded store does.
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
	hits, ok, err := s.searchBatch(ctx, q.Text, query, q.First, kinds, kindParam)
	if err != nil || ok {
		return hits, err
	}
	// The statement's plan did not hold: search again, one tier at a
	// time, each with the need the tiers above left.
	query, _ = search.Parse(q.Text) // Weigh set the last one's weights
	return s.searchTiered(ctx, query, q.First, kinds, kindParam)
}

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

// known returns the version the counts were made at and those of terms
// known, for a statement that reads the version itself: it counts the
// other terms, or all of them when the version moved on.
func (w *wordCounts) known(terms []string) (string, map[string]int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	known := map[string]int{}
	if w.version == "" {
		return "", known
	}
	for _, t := range terms {
		if n, ok := w.df[t]; ok {
			known[t] = n
		}
	}
	return w.version, known
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

// wholeTerms are the terms of query.Lookups as the :Name nodes' terms
// hold them, each between newlines.
func wholeTerms(query *search.Query) []string {
	var terms []string
	for _, t := range query.Lookups() {
		terms = append(terms, "\n"+t.String()+"\n")
	}
	return terms
}

// prefixTerms are the beginnings of the kind's terms that begin with a
// prefix of the query, as the :Name nodes' terms hold them.
func prefixTerms(query *search.Query, kind search.TermKind) []string {
	var prefixes []string
	for _, p := range query.Prefixes() {
		prefixes = append(prefixes, "\n"+search.Term{Kind: kind, Text: p}.String())
	}
	return prefixes
}

// partialTerms are the terms of query.WordTerms as the :Name nodes' terms
// hold them, each between newlines.
func partialTerms(query *search.Query) []string {
	terms := query.WordTerms()
	texts := make([]string, len(terms))
	for i, t := range terms {
		texts[i] = "\n" + t.String() + "\n"
	}
	return texts
}

// appendFirst adds to hits the first of found, up to n hits in all.
func appendFirst(hits, found []store.SearchHit, n int) []store.SearchHit {
	slices.SortFunc(found, search.Compare)
	return append(hits, found[:min(len(found), n-len(hits))]...)
}

// wordCount records in df the count n of a partial match's term text
// when it is a TermToken term (the ones Weigh reads).
func wordCount(df map[string]int, text string, n int) {
	term := strings.Trim(text, "\n")
	if word, ok := strings.CutPrefix(term, string(search.TermToken)+":"); ok {
		df[word] = n
	}
}

// partialFound scores the candidates of a partial match: found, in the
// order read, not skipped and of a kind asked for, weighed by n actors
// and the counts df.
func partialFound(query *search.Query, n int, df map[string]int, found []*store.Actor) []store.SearchHit {
	query.Weigh(n, df)
	var hits []store.SearchHit
	for _, a := range found {
		if sc, matched, ok := query.PartialScore(search.Keys(a)); ok {
			hits = append(hits, store.SearchHit{Actor: a, Score: sc, Matched: matched})
		}
	}
	return hits
}
