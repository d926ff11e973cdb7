package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/ecograph/ecograph/internal/store"
)

// A page of actors, or of relations with their far ends, tells the store
// which parts of the actors its selection leaves unread (store.Page.Skip),
// so that Neo4j sends the fields shown rather than whole nodes. The
// actors read so are partial: they go to the fields that asked for them
// and never to the request's actor loader, which other fields share.

// actorFieldParts is the part of an actor each field of the Actor types
// reads; id, kind, name and __typename come with every actor, and
// relations needs only the id. A field missing here (one added to the
// schema later) reads the whole actor.
var actorFieldParts = map[string]store.ActorParts{
	"id": 0, "kind": 0, "name": 0, "__typename": 0, "relations": 0,
	"description": store.ActorDescription,
	"names":       store.ActorNames, "aliases": store.ActorNames,
	"country":   store.ActorCountry,
	"citations": store.ActorCitations,
	"isoCode":   store.ActorOwnFields, "founded": store.ActorOwnFields, "category": store.ActorOwnFields,
	"startDate": store.ActorOwnFields, "startPrecision": store.ActorOwnFields, "endDate": store.ActorOwnFields,
	"online": store.ActorOwnFields,
}

// relationFieldParts is the part of a relation each field of Relation
// reads; a field missing here reads the whole relation.
var relationFieldParts = map[string]store.RelationParts{
	"id": 0, "type": 0, "from": 0, "to": 0, "fromId": 0, "toId": 0, "__typename": 0,
	"since": store.RelationDates, "until": store.RelationDates,
	"note":      store.RelationNote,
	"citations": store.RelationCitations,
}

// step is one field on the way from a selection to the actors it holds:
// a field name and the type that has it.
type step struct{ typ, field string }

var (
	// actorsOfConnection leads from an ActorConnection to its actors.
	actorsOfConnection = []step{{"ActorConnection", "edges"}, {"ActorEdge", "node"}}
	// othersOfConnection leads from a RelationConnection to its far ends.
	othersOfConnection = []step{{"RelationConnection", "edges"}, {"RelationEdge", "other"}}
	// relationsOfConnection leads from a RelationConnection to its relations.
	relationsOfConnection = []step{{"RelationConnection", "edges"}, {"RelationEdge", "node"}}
)

// relationPageSkip sets what page, a page of relations that sel (a
// relations field's selection) shows, need not read of the far ends and
// the relations. The page's own actor is not read either (SkipOwner):
// actorWithRelations, which reads it, says otherwise.
func relationPageSkip(oc *graphql.OperationContext, sel ast.SelectionSet, page *store.Page) {
	page.Skip = actorSkip(oc, sel, othersOfConnection)
	page.SkipRelation = relationSkip(oc, sel, relationsOfConnection)
	page.SkipOwner = store.AllActorParts
}

// skipCtx is actorSkip of the actors the field being resolved holds
// under path.
func skipCtx(ctx context.Context, path []step) store.ActorParts {
	fc, oc := graphql.GetFieldContext(ctx), graphql.GetOperationContext(ctx)
	if fc == nil || oc == nil {
		return 0
	}
	return actorSkip(oc, fc.Field.Selections, path)
}

// actorSkip is the parts of store.AllActorParts that no field reads of
// the actors that sel holds under path (each step's field, wherever the
// selection or its fragments name it, however aliased).
func actorSkip(oc *graphql.OperationContext, sel ast.SelectionSet, path []step) store.ActorParts {
	var need store.ActorParts
	for _, sel := range selectionsAt(oc, sel, path) {
		for _, f := range graphql.CollectFields(oc, sel, actorTypes) {
			part, ok := actorFieldParts[f.Name]
			if !ok {
				return 0
			}
			need |= part
		}
	}
	return store.AllActorParts &^ need
}

// relationSkip is actorSkip for the relations that sel holds under path.
func relationSkip(oc *graphql.OperationContext, sel ast.SelectionSet, path []step) store.RelationParts {
	var need store.RelationParts
	for _, sel := range selectionsAt(oc, sel, path) {
		for _, f := range graphql.CollectFields(oc, sel, []string{"Relation", "Node"}) {
			part, ok := relationFieldParts[f.Name]
			if !ok {
				return 0
			}
			need |= part
		}
	}
	return store.AllRelationParts &^ need
}

// selectionsAt is the selections under path from sel.
func selectionsAt(oc *graphql.OperationContext, sel ast.SelectionSet, path []step) []ast.SelectionSet {
	sels := []ast.SelectionSet{sel}
	for _, s := range path {
		var next []ast.SelectionSet
		for _, sel := range sels {
			for _, f := range graphql.CollectFields(oc, sel, []string{s.typ}) {
				if f.Name == s.field {
					next = append(next, f.Selections)
				}
			}
		}
		sels = next
	}
	return sels
}
