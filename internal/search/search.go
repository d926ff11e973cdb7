// Package search ranks actors against the text a user typed. Both stores
// use it: they keep the terms Terms lists in an index of their own and
// retrieve candidates with the lookups a Query names, and the Query's
// Score decides each candidate's score and matched name. So both stores
// give the same hits in the same order.
//
// A full match is the whole text matching one name; its tiers, best
// first (docs/search.md gives the rule in full and says why):
//
//	1.0  ScoreExact      the text folds (fold.Name's Exact) to an actor's Name or a localized name
//	0.9  ScoreAlias      ... to an alias; or its loose form is an abbreviation of a name, or an alias's loose form
//	0.8  ScoreFolded     its loose form (Latin letters, any reading, or a slip fold.Slips undoes) is a name's loose form
//	0.6  ScorePrefix     its loose form begins a name's loose form
//	0.56 ScorePrefixWord ... begins it at a later word
//	0.4  ScoreFuzzy1     one edit from the whole name (4 letters or more); 0.38 from its beginning, 0.36 from a later word's
//	0.3  ScoreFuzzy2     two edits (8 letters or more); 0.28, 0.26 likewise
//
// A partial match (a text of two words or more whose words match some of
// an actor's words, in any order) scores at most ScorePartial, below
// every full match: ScorePartial × (the matched share of the query's
// words, weighted by rarity and by each word's tier) × (1 + the matched
// share of the best name's words) / 2.
//
// An actor scores its best over its names; Matched is the name that gave
// it, the earliest (Name, then Names, then Aliases) on a tie.
package search

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ecograph/ecograph/internal/fold"
	"github.com/ecograph/ecograph/internal/store"
)

// The scores of the tiers.
const (
	ScoreExact      = 1.0
	ScoreAlias      = 0.9
	ScoreFolded     = 0.8
	ScorePrefix     = 0.6
	ScorePrefixWord = 0.56
	ScoreFuzzy1     = 0.4
	ScoreFuzzy2     = 0.3
	// ScorePartial is the most a partial match scores.
	ScorePartial = 0.25
	// StepBeginning and StepLaterWord are taken off a typo tier when the
	// text is near only the beginning of a name, or the beginning of a
	// later word, rather than the whole name: a misspelt country beats
	// an organisation that has the country's name as its last word.
	StepBeginning = 0.02
	StepLaterWord = 0.04
)

// Name is one of an actor's names: Rank 0 is its Name, then its Names in
// order, then its Aliases.
type Name struct {
	Value string
	Lang  string
	Rank  int
	Alias bool
}

// Names lists an actor's names in rank order.
func Names(a *store.Actor) []Name {
	names := make([]Name, 0, 1+len(a.Names)+len(a.Aliases))
	names = append(names, Name{Value: a.Name})
	for _, n := range a.Names {
		names = append(names, Name{Value: n.Value, Lang: n.Lang, Rank: len(names)})
	}
	for _, alias := range a.Aliases {
		names = append(names, Name{Value: alias, Rank: len(names), Alias: true})
	}
	return names
}

// Key is one name folded for search.
type Key struct {
	Name
	// Exact is fold's Exact key of the name.
	Exact string
	// Loose is each reading's words run together, duplicates left out.
	Loose []string
	// Suffixes are the loose forms from each word on, the first word's
	// included (so Loose is among them): what a prefix may begin.
	Suffixes []string
	// Abbrs are the abbreviations the text may match as an alias: the
	// name's initials, and an alias's own loose forms.
	Abbrs []string
	// Words are each reading's words, for the partial matches.
	Words [][]string
}

// Fold folds one name.
func Fold(n Name) Key {
	f := fold.Name(n.Value, n.Lang)
	k := Key{Name: n, Exact: f.Exact, Words: f.Readings}
	for _, words := range f.Readings {
		loose := strings.Join(words, "")
		if loose == "" || slices.Contains(k.Loose, loose) {
			continue
		}
		k.Loose = append(k.Loose, loose)
		at := 0
		for _, w := range words {
			if s := loose[at:]; s != "" && !slices.Contains(k.Suffixes, s) {
				k.Suffixes = append(k.Suffixes, s)
			}
			at += len(w)
		}
	}
	for _, a := range f.Abbreviations {
		if a != "" && !slices.Contains(k.Abbrs, a) {
			k.Abbrs = append(k.Abbrs, a)
		}
	}
	if n.Alias {
		for _, l := range k.Loose {
			if !slices.Contains(k.Abbrs, l) {
				k.Abbrs = append(k.Abbrs, l)
			}
		}
	}
	return k
}

// Keys folds an actor's names, in rank order.
func Keys(a *store.Actor) []Key {
	names := Names(a)
	keys := make([]Key, len(names))
	for i, n := range names {
		keys[i] = Fold(n)
	}
	return keys
}

// A TermKind tells which index a term belongs in.
type TermKind byte

// The kinds of term, as they begin a term's text (Term.String).
const (
	TermExact TermKind = 'e' // fold's Exact key: looked up whole
	TermAbbr  TermKind = 'a' // abbreviations and aliases' loose forms: looked up whole
	TermLoose TermKind = 'l' // loose forms: looked up whole, and scanned by prefix
	TermWord  TermKind = 'w' // suffixes from a word on: scanned by prefix
	TermToken TermKind = 't' // each word of a reading: looked up whole, and counted
)

// Term is one entry of a search index.
type Term struct {
	Kind TermKind
	Text string
}

// String writes the term as "e:it park", the form the Neo4j store keeps.
func (t Term) String() string { return string(t.Kind) + ":" + t.Text }

// Terms lists what an index holds for names with these keys, each term
// once.
func Terms(keys []Key) []Term {
	var ts []Term
	add := func(kind TermKind, text string) {
		if text == "" {
			return
		}
		t := Term{kind, text}
		if !slices.Contains(ts, t) {
			ts = append(ts, t)
		}
	}
	for _, k := range keys {
		add(TermExact, k.Exact)
		for _, l := range k.Loose {
			add(TermLoose, l)
		}
		for _, s := range k.Suffixes {
			add(TermWord, s)
		}
		for _, a := range k.Abbrs {
			add(TermAbbr, a)
		}
		for _, ws := range k.Words {
			for _, w := range ws {
				add(TermToken, w)
			}
		}
	}
	return ts
}

// Compare orders hits as results come: best first, then by the actor's
// store.SortKey and id.
func Compare(a, b store.SearchHit) int {
	if c := cmp.Compare(b.Score, a.Score); c != 0 {
		return c
	}
	if c := strings.Compare(store.SortKey(a.Actor.Name), store.SortKey(b.Actor.Name)); c != 0 {
		return c
	}
	return strings.Compare(a.Actor.ID, b.Actor.ID)
}
