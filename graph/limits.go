package graph

import (
	"fmt"
	"math"

	"github.com/ecograph/ecograph/internal/store"
)

// Defaults of the schema's arguments, and the bounds the limits extension
// enforces before any store work.
const (
	defaultFirst            = 50
	defaultSearchFirst      = 10
	defaultDepth            = 1
	defaultLimit            = 200
	defaultShortestLength   = 6
	defaultPathsLength      = 4
	defaultPathsFirst       = 10
	defaultRankFirst        = 10
	defaultCommunitiesFirst = 20
	// defaultMembersFirst is how many of a community's actors, and of the
	// timeline's events, one answer holds unless first says otherwise.
	defaultMembersFirst = 100
	// defaultOverviewLimit is how many actors an overview holds unless
	// limit says otherwise.
	defaultOverviewLimit = 1000

	// MaxFirst bounds every first argument.
	MaxFirst = 100
	// MaxLimit bounds neighborhood's limit.
	MaxLimit = 500
	// MaxOverviewLimit bounds overview's limit: a drawing of ten thousand
	// actors is what a browser still moves smoothly.
	MaxOverviewLimit = 10000
	// overviewRelationsPerActor caps an overview's relations at this
	// many times its limit.
	overviewRelationsPerActor = 5
	// MaxDepth bounds neighborhood's depth.
	MaxDepth = 5
	// MaxShortestLength bounds shortestPath's maxLength.
	MaxShortestLength = 10
	// MaxNodes bounds how many ids one nodes field may look up: the bound
	// of every list argument.
	MaxNodes = maxListItems
	// MaxPathsLength bounds paths' maxLength, lower than shortestPath's
	// because the number of simple paths grows exponentially with it.
	MaxPathsLength = 6
)

// Limits bound what one request may ask, so that a costly request is
// refused with a clear error before any store work.
type Limits struct {
	// Depth is the deepest selection allowed (fields inside fields);
	// introspection is measured by its own rule instead (introspection.go).
	Depth int
	// Aliases is the most aliased fields one request may hold.
	Aliases int
	// Complexity is the highest cost allowed: each field costs 1, and a
	// list's cost is multiplied by its first or limit argument.
	Complexity int
	// Tokens is the most lexical tokens the parser reads.
	Tokens int
}

// DefaultLimits admit every query a client reasonably sends, such as two
// nested pages of 50 relations, and refuse what only an attack needs.
var DefaultLimits = Limits{Depth: 12, Aliases: 30, Complexity: 20000, Tokens: 5000}

// bound is the range an Int argument may take.
type bound struct{ min, max int }

// argBounds lists the bounded arguments by field name; every Int argument
// of the schema appears here.
var argBounds = map[string]map[string]bound{
	"actors":          {"first": {0, MaxFirst}},
	"relations":       {"first": {0, MaxFirst}},
	"search":          {"first": {0, MaxFirst}},
	"neighborhood":    {"depth": {0, MaxDepth}, "limit": {1, MaxLimit}},
	"shortestPath":    {"maxLength": {1, MaxShortestLength}},
	"paths":           {"maxLength": {1, MaxPathsLength}, "first": {0, MaxFirst}},
	"pathSearch":      {"maxLength": {1, MaxPathsLength}, "first": {0, MaxFirst}},
	"commonNeighbors": {"first": {0, MaxFirst}},
	"centrality":      {"first": {0, MaxFirst}},
	"brokers":         {"first": {0, MaxFirst}},
	"communities":     {"first": {0, MaxFirst}, "minSize": {1, math.MaxInt32}},
	"timeline":        {"first": {0, MaxFirst}},
	"overview":        {"limit": {1, MaxOverviewLimit}},
	"changes":         {"first": {0, maxChangesFirst}},
	// Community.actors: the name is shared with Query.actors, and so is
	// the bound.
}

// intArg is a bounded Int argument after gqlgen's coercion, or its
// default when the client sent none. The limits walker refuses an
// out-of-range value before execution; resolvers read every bounded
// argument through here as well, so that no value out of range reaches
// a store whatever path it came by.
func intArg(field, arg string, v *int, def int) (int, error) {
	if v == nil {
		return def, nil
	}
	if b, ok := argBounds[field][arg]; ok && (*v < b.min || *v > b.max) {
		return 0, store.Invalid(arg, "%d is out of range: it must be between %d and %d", *v, b.min, b.max)
	}
	return *v, nil
}

// Byte lengths of string arguments and input fields, by name. Ids,
// cursors and search text are short; prose fields are longer. A name not
// listed gets maxString. importGraph's document is bounded by the request
// body and maxImportRecords instead.
const (
	maxIDBytes     = 256
	maxCursorBytes = 512
	maxTextBytes   = 1024
	maxString      = 1024
	maxProseBytes  = 10000
	// maxListItems bounds every list argument and list input field.
	maxListItems = 100
)

var stringCaps = map[string]int{
	"text": maxTextBytes,
	"id":   maxIDBytes, "from": maxIDBytes, "to": maxIDBytes, "actor": maxIDBytes,
	"a": maxIDBytes, "b": maxIDBytes, "country": maxIDBytes, "source": maxIDBytes,
	"after": maxCursorBytes,
	"lang":  64, "isoCode": 8, "url": 2048,
	"description": maxProseBytes, "excerpt": maxProseBytes, "note": maxProseBytes,
}

// listCaps are the lists that may hold more than maxListItems, by
// field.argument path: createMany's records, which are bounded together
// by maxCreateRecords (the lists within each record stay at
// maxListItems).
var listCaps = map[string]int{
	"createMany.input.sources":   maxCreateRecords,
	"createMany.input.actors":    maxCreateRecords,
	"createMany.input.relations": maxCreateRecords,
}

// uncapped are the arguments that bound themselves: field.argument.
var uncapped = map[string]bool{"importGraph.document": true}

// capError says which argument is too long, and by how much.
func capError(field, path string, n, most int, unit string) string {
	return fmt.Sprintf("%s: %s is %d %s; at most %d are allowed", field, path, n, unit, most)
}

// importGraph takes small batches in one transaction; files go through
// ecograph import.
const (
	maxImportRecords = 10000
	// importDocument is how errors name importGraph's document.
	importDocument = "document"
)
