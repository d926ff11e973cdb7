package graph

import (
	"context"
	"math"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/ecograph/ecograph/graph/model"
	"github.com/ecograph/ecograph/internal/httpapi"
	"github.com/ecograph/ecograph/internal/store"
)

// Plain answers (issue 14). gqlgen resolves and writes an answer one field
// at a time: for each field a field context, a context value, closures and
// the value boxed twice, and for each object a field set and its
// collected fields, and a goroutine per list element and per resolver
// field. That is about 40 allocations per relation of a 2-hop
// neighbourhood, 38,000 a request, and most of its time (the collector
// included, over the store's large heap). The walks (run and written from
// the store's values, plain_walk.go), pages and the overview answer with
// large lists of objects whose fields are plain values, so when a request
// selects only such fields, with no
// aliases repeated, no fragments and no directives, the answer is written
// here in one pass, byte for byte as gqlgen would have written it
// (TestPlainAnswersAsGqlgen holds the two side by side). Any other
// selection, and any value that gqlgen would turn into an error or a
// null, is left to gqlgen.

// plainOp says how a field of a plain answer is written.
type plainOp uint8

const (
	opTypename       plainOp = iota // the object's type name
	opID                            // id
	opName                          // name
	opKind                          // kind
	opTruncated                     // truncated
	opLength                        // length
	opActors                        // actors: a list of objects
	opRelations                     // relations: a list of objects
	opType                          // a relation's type
	opFromID                        // fromId, or an overview relation's from
	opToID                          // toId, or an overview relation's to
	opFrom                          // a relation's from: an actor
	opTo                            // a relation's to: an actor
	opScore                         // an overview actor's score
	opCommunity                     // an overview actor's community
	opTotalCount                    // a connection's totalCount
	opPageInfo                      // a connection's pageInfo: an object
	opEdges                         // a connection's edges: a list of objects
	opCursor                        // an edge's cursor
	opNode                          // an edge's node: an actor
	opHasNext                       // hasNextPage
	opHasPrevious                   // hasPreviousPage, when no store call answers it
	opStartCursor                   // startCursor
	opEndCursor                     // endCursor
	opActorRelations                // an actor's relations: a page, read before writing (plainpages.go)
	opDirection                     // a relation edge's direction
	opOther                         // a relation edge's far end: an actor
	opSince                         // a relation's since
	opUntil                         // a relation's until
)

// plainField is one selected field: its key as written (`"key":`), how it
// is written, and the fields selected under it. An actor's relations keep
// their field, for its arguments, and the pages read for it by actor id.
type plainField struct {
	key   []byte
	op    plainOp
	sub   []plainField
	field *ast.Field
	pages map[string]*store.RelationPage
}

// plainTypes are the fields each type of a plain answer may select, and
// for an object field the type of what it selects under it.
var plainTypes = map[string]map[string]struct {
	op   plainOp
	elem string
	args bool // the field may take arguments
}{
	"Subgraph": {
		"__typename": {op: opTypename},
		"truncated":  {op: opTruncated},
		"actors":     {op: opActors, elem: "Actor"},
		"relations":  {op: opRelations, elem: "Relation"},
	},
	"Path": {
		"__typename": {op: opTypename},
		"length":     {op: opLength},
		"actors":     {op: opActors, elem: "Actor"},
		"relations":  {op: opRelations, elem: "Relation"},
	},
	"Actor": {
		"__typename": {op: opTypename},
		"id":         {op: opID},
		"name":       {op: opName},
		"kind":       {op: opKind},
	},
	"Relation": {
		"__typename": {op: opTypename},
		"id":         {op: opID},
		"type":       {op: opType},
		"fromId":     {op: opFromID},
		"toId":       {op: opToID},
		"from":       {op: opFrom, elem: "Actor"},
		"to":         {op: opTo, elem: "Actor"},
	},
	"ActorConnection": {
		"__typename": {op: opTypename},
		"totalCount": {op: opTotalCount},
		"pageInfo":   {op: opPageInfo, elem: "PageInfo"},
		"edges":      {op: opEdges, elem: "ActorEdge"},
	},
	"ActorEdge": {
		"__typename": {op: opTypename},
		"cursor":     {op: opCursor},
		"node":       {op: opNode, elem: "ActorNode"},
	},
	// An actor of a page or of the actor field: it may select one level
	// of relations, read for all its actors at once (plainpages.go).
	"ActorNode": {
		"__typename": {op: opTypename},
		"id":         {op: opID},
		"name":       {op: opName},
		"kind":       {op: opKind},
		"relations":  {op: opActorRelations, elem: "RelationConnection", args: true},
	},
	"RelationConnection": {
		"__typename": {op: opTypename},
		"totalCount": {op: opTotalCount},
		"pageInfo":   {op: opPageInfo, elem: "PageInfo"},
		"edges":      {op: opEdges, elem: "RelationEdge"},
	},
	"RelationEdge": {
		"__typename": {op: opTypename},
		"cursor":     {op: opCursor},
		"direction":  {op: opDirection},
		"node":       {op: opNode, elem: "EdgeRelation"},
		"other":      {op: opOther, elem: "Actor"},
	},
	// A relation of a page: its ends are ids there.
	"EdgeRelation": {
		"__typename": {op: opTypename},
		"id":         {op: opID},
		"type":       {op: opType},
		"fromId":     {op: opFromID},
		"toId":       {op: opToID},
		"since":      {op: opSince},
		"until":      {op: opUntil},
	},
	"PageInfo": {
		"__typename":      {op: opTypename},
		"hasNextPage":     {op: opHasNext},
		"hasPreviousPage": {op: opHasPrevious},
		"startCursor":     {op: opStartCursor},
		"endCursor":       {op: opEndCursor},
	},
	"Overview": {
		"__typename": {op: opTypename},
		"truncated":  {op: opTruncated},
		"actors":     {op: opActors, elem: "OverviewActor"},
		"relations":  {op: opRelations, elem: "OverviewRelation"},
	},
	"OverviewActor": {
		"__typename": {op: opTypename},
		"id":         {op: opID},
		"kind":       {op: opKind},
		"name":       {op: opName},
		"score":      {op: opScore},
		"community":  {op: opCommunity},
	},
	"OverviewRelation": {
		"__typename": {op: opTypename},
		"id":         {op: opID},
		"type":       {op: opType},
		"from":       {op: opFromID},
		"to":         {op: opToID},
	},
}

// plainSelection compiles a selection set on typ, or says no when it
// holds anything but plain fields of typ, each under its own key.
func plainSelection(set ast.SelectionSet, typ string) ([]plainField, bool) {
	fields := plainTypes[typ]
	out := make([]plainField, 0, len(set))
	keys := make(map[string]bool, len(set))
	for _, sel := range set {
		f, ok := sel.(*ast.Field)
		if !ok || len(f.Directives) > 0 {
			return nil, false
		}
		key := f.Alias
		if key == "" {
			key = f.Name
		}
		def, ok := fields[f.Name]
		if !ok || keys[key] || (def.elem == "") != (len(f.SelectionSet) == 0) || len(f.Arguments) > 0 && !def.args {
			return nil, false
		}
		keys[key] = true
		p := plainField{key: append(appendQuoted(nil, key), ':'), op: def.op}
		if def.args {
			p.field = f
		}
		if def.elem != "" {
			if p.sub, ok = plainSelection(f.SelectionSet, def.elem); !ok {
				return nil, false
			}
		}
		out = append(out, p)
	}
	return out, true
}

// plainFields is the field middleware that writes plain answers: a root
// query field whose value is a walk's, the overview's, a page of actors
// or an actor, with a plain selection, is answered with the bytes written
// here; the relations it selects of its actors are read from r first. A
// walk is run here rather than by its resolver, and written from the
// store's values (plain_walk.go).
func plainFields(r store.Reader) graphql.FieldMiddleware {
	return func(ctx context.Context, next graphql.Resolver) (any, error) {
		return plainAround(ctx, r, next)
	}
}

func plainAround(ctx context.Context, r store.Reader, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Object != "Query" {
		return next(ctx)
	}
	if res, done, err := plainWalk(ctx, r, fc); done {
		if a, ok := res.(plainAnswer); ok {
			a.splices = httpapi.SplicesOf(ctx)
			res = a
		}
		return res, err
	}
	res, err := next(ctx)
	if err != nil || res == nil {
		return res, err
	}
	var typ string
	switch v := res.(type) {
	case *model.Overview:
		if v == nil {
			return res, err
		}
		typ = "Overview"
	case *model.ActorConnection:
		if v == nil {
			return res, err
		}
		typ = "ActorConnection"
	case model.Actor:
		if fieldsOf(v) == nil {
			return res, err
		}
		typ = "ActorNode"
	default:
		return res, err
	}
	fields, ok := plainSelection(fc.Field.Selections, typ)
	if !ok {
		return res, err
	}
	if !plainOK(fields, res) || !readPlainPages(ctx, r, fields, res) {
		return res, err
	}
	return plainAnswer{fields: fields, value: res, splices: httpapi.SplicesOf(ctx)}, nil
}

// plainOK says whether every value that fields select is one that gqlgen
// writes as it is: no missing actor or relation end (which gqlgen would
// look up, or answer null for), no score that is not a number (an error),
// no hasPreviousPage that the store must be asked for.
func plainOK(fields []plainField, v any) bool {
	for _, f := range fields {
		switch v := v.(type) {
		case *model.ActorConnection:
			switch {
			case f.op == opPageInfo && (v.PageInfo == nil || v.PageInfo.Previous != nil && selects(f.sub, opHasPrevious)):
				return false
			case f.op == opEdges && selects(f.sub, opNode):
				for i := range v.Edges {
					if fieldsOf(v.Edges[i].Node) == nil {
						return false
					}
				}
			}
		case *model.Overview:
			if f.op != opActors || !selects(f.sub, opScore) {
				continue
			}
			for _, a := range v.Actors {
				if math.IsInf(a.Score, 0) || math.IsNaN(a.Score) {
					return false
				}
			}
		}
	}
	return true
}

func selects(fields []plainField, op plainOp) bool {
	for _, f := range fields {
		if f.op == op {
			return true
		}
	}
	return false
}
