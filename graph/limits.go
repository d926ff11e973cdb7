package graph

import "math"

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

	// MaxFirst bounds every first argument.
	MaxFirst = 100
	// MaxLimit bounds neighborhood's limit.
	MaxLimit = 500
	// MaxDepth bounds neighborhood's depth.
	MaxDepth = 5
	// MaxShortestLength bounds shortestPath's maxLength.
	MaxShortestLength = 10
	// MaxPathsLength bounds paths' maxLength, lower than shortestPath's
	// because the number of simple paths grows exponentially with it.
	MaxPathsLength = 6
)

// Limits bound what one request may ask, so that a costly request is
// refused with a clear error before any store work.
type Limits struct {
	// Depth is the deepest selection allowed (fields inside fields).
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

// argBounds lists the bounded arguments by field name; every first and
// limit argument appears here.
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
}

// importGraph takes small batches in one transaction; files go through
// ecograph import.
const (
	maxImportRecords = 10000
	// importDocument is how errors name importGraph's document.
	importDocument = "document"
)
